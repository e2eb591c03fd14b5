import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp, waitUntil } from '../support/test-app';

type Scores = Record<string, { score: number; comment?: string } | null>;
const CRITERIA = ['innovation', 'regional_impact', 'sustainability', 'feasibility', 'cooperation'];
const uniform = (s: number): Scores => Object.fromEntries(CRITERIA.map((c) => [c, { score: s, comment: 'Begründung der Bewertung' }]));
const LIFD_TEXTS: Record<string, string> = parse(readFileSync(path.join(__dirname, '../../config/guidelines/frl-lifd.yaml'), 'utf8')).texts;

/** Issue #8 in the jury: unreviewed concepts shown, review drafts merged, a review submitted once, mails worded by the guideline. */
describe('the jury (issue 8)', () => {
  let t: TestApp;
  let s: Steps;
  let caseworker: string;
  let applicant: string;
  const reviewers: { id: string; email: string; token: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    t.app.get(Clock).travelTo('2026-12-01T10:00:00+01:00');
    await t.createUser('sb@sab.example', ['caseworker']);
    caseworker = await t.login('sb@sab.example');
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    applicant = await t.login('antrag@mittweida.de');
    for (let r = 1; r <= 3; r++) {
      const email = `jury${r}@sab.example`;
      reviewers.push({ id: await t.createUser(email, ['reviewer']), email, token: await t.login(email) });
    }
  });
  afterAll(() => t.close());

  /** A concept submitted and accepted: in review, no reviewer yet. */
  async function conceptInReview(title: string): Promise<{ caseId: string; fileNumber: string }> {
    const caseId = await s.completeLifdConcept(applicant, { title });
    const { fileNumber } = await s.submitConcept(applicant, caseId);
    expect((await s.transition(caseworker, caseId, 'accept_concept')).status).toBe(200);
    return { caseId, fileNumber };
  }

  async function assign(caseId: string, reviewer: { id: string; token: string }): Promise<string> {
    const res = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId, reviewerId: reviewer.id } });
    expect(res.status).toBe(201);
    const declared = await t.request('POST', `/api/v1/reviews/assignments/${res.body.assignmentId}/declaration`, { token: reviewer.token, body: { conflict: false } });
    expect(declared.status).toBe(200);
    return res.body.assignmentId;
  }

  const saveReview = (token: string, assignmentId: string, body: Record<string, unknown>) => t.request('PUT', `/api/v1/reviews/assignments/${assignmentId}/review`, { token, body });
  const submitReview = (token: string, assignmentId: string) => t.request('POST', `/api/v1/reviews/assignments/${assignmentId}/review/submit`, { token });

  it('defect 9: shows a concept in review without reviewers in the results and the ranking as unreviewed, below the ranked ones', async () => {
    const reviewed = await conceptInReview('Bewertet');
    const waiting = await conceptInReview('Ohne Jury');
    for (const r of reviewers.slice(0, 2)) {
      const a = await assign(reviewed.caseId, r);
      expect((await saveReview(r.token, a, { version: 0, scores: uniform(4) })).status).toBe(200);
      expect((await submitReview(r.token, a)).status).toBe(200);
    }

    const results = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/review-results', { token: caseworker });
    expect(results.status).toBe(200);
    const waitingResult = results.body.concepts.find((c: { caseId: string }) => c.caseId === waiting.caseId);
    expect(waitingResult).toMatchObject({ fileNumber: waiting.fileNumber, unreviewed: true, reviewersAssigned: 0, missingReviews: 2, score: null, reviews: [] });
    expect(results.body.concepts.find((c: { caseId: string }) => c.caseId === reviewed.caseId)).toMatchObject({ unreviewed: false, missingReviews: 0, score: 4 });

    const ranking = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ranking', { token: caseworker });
    expect(ranking.status).toBe(200);
    const ids = ranking.body.entries.map((e: { caseId: string }) => e.caseId);
    expect(ids.indexOf(reviewed.caseId)).toBeLessThan(ids.indexOf(waiting.caseId));
    expect(ranking.body.entries.find((e: { caseId: string }) => e.caseId === reviewed.caseId)).toMatchObject({ rank: 1, aboveFundingLine: true, unreviewed: false });
    expect(ranking.body.entries.find((e: { caseId: string }) => e.caseId === waiting.caseId)).toMatchObject({
      rank: null,
      score: null,
      unreviewed: true,
      missingReviews: 2,
      fundable: false,
      aboveFundingLine: false,
      cumulativeGrantCents: null,
      requestedGrantCents: 11_000_000,
    });
    // it cannot be ranked (and so never invited) until reviewed
    const rank = await s.transition(caseworker, waiting.caseId, 'rank_concept');
    expect(rank.status).toBe(422);
    expect(rank.body.details.problems).toContainEqual(expect.objectContaining({ code: 'REVIEWS_MISSING' }));
  });

  it('merges a review draft per criterion: a criterion left out keeps its score, null removes it', async () => {
    const { caseId } = await conceptInReview('Entwurf');
    const r = reviewers[2];
    const a = await assign(caseId, r);
    const first = await saveReview(r.token, a, { version: 0, scores: { innovation: { score: 4 }, cooperation: { score: 3 } } });
    expect(first.status).toBe(200);
    const second = await saveReview(r.token, a, { version: first.body.version, scores: { feasibility: { score: 5 }, cooperation: null } });
    expect(second.status).toBe(200);
    expect(second.body.scores).toEqual({ innovation: { score: 4 }, feasibility: { score: 5 } });
    const kept = await saveReview(r.token, a, { version: second.body.version });
    expect(kept.status).toBe(200);
    expect((await t.request('GET', `/api/v1/reviews/assignments/${a}/review`, { token: r.token })).body).toMatchObject({
      version: kept.body.version,
      scores: { innovation: { score: 4 }, feasibility: { score: 5 } },
    });
    // an invalid score in the merged draft is refused, nothing stored
    const bad = await saveReview(r.token, a, { version: kept.body.version, scores: { innovation: { score: 7 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('SCORE_INVALID');
  });

  it('defect 12: of two submissions at once one wins, the other answers 409; the total comes from the scores submitted', async () => {
    const { caseId } = await conceptInReview('Doppelt');
    const r = reviewers[0];
    const a = await assign(caseId, r);
    expect((await saveReview(r.token, a, { version: 0, scores: uniform(3) })).status).toBe(200);
    const both = await Promise.all([submitReview(r.token, a), submitReview(r.token, a)]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(both.find((x) => x.status === 409)!.body.code).toBe('REVIEW_SUBMITTED');
    const [row] = await t.db.query('SELECT status, total::float8 AS total, version FROM reviews WHERE assignment_id = $1', [a]);
    expect(row).toMatchObject({ status: 'submitted', total: 3, version: 2 });
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'review.submitted' AND data->>'assignmentId' = $1`, [a]);
    expect(audit[0].n).toBe(1);
  });

  it('defect 12: a save racing a submission never leaves a total that differs from the stored scores', async () => {
    const { caseId } = await conceptInReview('Wettlauf');
    const r = reviewers[1];
    const a = await assign(caseId, r);
    const saved = await saveReview(r.token, a, { version: 0, scores: uniform(2) });
    const [submit, save] = await Promise.all([submitReview(r.token, a), saveReview(r.token, a, { version: saved.body.version, scores: uniform(5) })]);
    const [row] = await t.db.query('SELECT status, total::float8 AS total, scores FROM reviews WHERE assignment_id = $1', [a]);
    if (submit.status === 200) {
      // whichever came first, the total is that of the scores stored with the submission
      const stored = row.scores.innovation.score;
      expect(row).toMatchObject({ status: 'submitted', total: stored });
      expect(submit.body.total).toBe(stored);
      // a save after the submission finds it locked; a save before it was what got submitted
      if (save.status !== 200) expect(save.body.code).toMatch(/^(REVIEW_SUBMITTED|STALE_VERSION)$/);
      else expect(stored).toBe(5);
    } else {
      // saved while the submission was under way: that submission was of a version no longer current
      expect(submit.status).toBe(409);
      expect(submit.body.code).toBe('STALE_VERSION');
      expect(save.status).toBe(200);
      expect(row).toMatchObject({ status: 'draft', total: null, scores: uniform(5) });
    }
  });

  it("words the jury's mails with the guideline's text blocks", async () => {
    const { caseId, fileNumber } = await conceptInReview('Post');
    const r = reviewers[2];
    const res = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId, reviewerId: r.id } });
    expect(res.status).toBe(201);
    const expectedSubject = LIFD_TEXTS.mailReviewersAssignedSubject.replace('{programme}', 'FRL LIfD');
    await waitUntil('the reviewer is told', async () => t.smtp.to(r.email).some((m) => m.subject === expectedSubject));
    expect(t.smtp.to(r.email).find((m) => m.subject === expectedSubject)!.text?.trim()).toBe(LIFD_TEXTS.mailReviewersAssignedBody);

    const conflict = await t.request('POST', `/api/v1/reviews/assignments/${res.body.assignmentId}/declaration`, { token: r.token, body: { conflict: true, reason: 'Verwandt mit der Bürgermeisterin.' } });
    expect(conflict.status).toBe(200);
    const replacement = LIFD_TEXTS.mailReviewerReplacementSubject.replace('{fileNumber}', fileNumber);
    await waitUntil('the programme mailbox is asked for a replacement', async () => t.smtp.to('lifd@sab.example').some((m) => m.subject === replacement));
    expect(t.smtp.to('lifd@sab.example').find((m) => m.subject === replacement)!.text?.trim()).toBe(LIFD_TEXTS.mailReviewerReplacementBody.replace('{fileNumber}', fileNumber));

    // the applicant's step mail too: the block with its placeholders filled
    const stepSubject = LIFD_TEXTS.mailStepSubject.replace('{fileNumber}', fileNumber).replace('{stateLabel}', 'Projektskizze in Jurybewertung');
    await waitUntil('the applicant is told', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject === stepSubject));
    const body = t.smtp.to('antrag@mittweida.de').find((m) => m.subject === stepSubject)!.text ?? '';
    expect(body).toContain('Ihr Vorgang „Post“ (Aktenzeichen ' + fileNumber + ') im Förderprogramm FRL LIfD hat einen neuen Stand: Projektskizze in Jurybewertung.');
    expect(body.trim().endsWith('Sächsische Aufbaubank – Förderbank –')).toBe(true);
  });
});
