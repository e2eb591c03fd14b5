import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp, waitUntil } from '../support/test-app';

type Scores = Record<string, { score: number; comment?: string }>;
const CRITERIA = ['innovation', 'regional_impact', 'sustainability', 'feasibility', 'cooperation'];
const uniform = (s: number): Scores => Object.fromEntries(CRITERIA.map((c) => [c, { score: s, comment: 'Begründung der Bewertung' }]));

// Twelve concepts of FRL LIfD call 2026-1 (budget 5.000.000 €), each a mobile space with 1.000.000 € equipment:
// grant 800.000 € each, so six fit above the funding line (4.800.000 €) and the seventh does not.
const MUNICIPALITIES: [string, string][] = [
  ['Stadt Mittweida', '14522360'],
  ['Stadt Mittweida', '14522360'],
  ['Stadt Freiberg', '14522180'],
  ['Stadt Leipzig', '14713000'],
  ['Stadt Leipzig', '14713000'],
  ['Stadt Leipzig', '14713000'],
  ['Landeshauptstadt Dresden', '14612000'],
  ['Landeshauptstadt Dresden', '14612000'],
  ['Landeshauptstadt Dresden', '14612000'],
  ['Stadt Chemnitz', '14511000'],
  ['Stadt Chemnitz', '14511000'],
  ['Stadt Chemnitz', '14511000'],
];
// What both reviewers give each concept (two entries: first and second reviewer).
const A = 2; // tie with B on 4.0, A wins on regional impact (4 > 3)
const B = 3;
const D = 4; // reviewers disagree: 4,5 and 2,5 → mean 3,5, spread 2 > 1,5
const K = 7; // knocked out on feasibility
const L = 8; // below the minimum score 2,5
const SCORES: [Scores, Scores][] = [
  [uniform(5), uniform(5)],
  [uniform(4.5), uniform(4.5)],
  [uniform(4), uniform(4)],
  [
    { ...uniform(4), innovation: { score: 5 }, regional_impact: { score: 3 } }, // (125 + 75 + 80 + 80 + 40) / 100 = 4,0
    { ...uniform(4), innovation: { score: 5 }, regional_impact: { score: 3 } },
  ],
  [uniform(4.5), uniform(2.5)],
  [uniform(3), uniform(3)],
  [uniform(2.5), uniform(2.5)],
  [
    { ...uniform(5), feasibility: { score: 1, comment: 'Finanzierung des Betriebs ungeklärt.' } },
    { ...uniform(5), feasibility: { score: 1.5, comment: 'Kein Betreiber benannt.' } },
  ],
  [uniform(2), uniform(2)],
  [uniform(3), uniform(3)],
  [uniform(3), uniform(3)],
  [uniform(3), uniform(3)],
];

describe('the jury: assignment, conflicts, sealed reviews, ranking with a funding line, outcome', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let caseworker: string;
  const cases: string[] = [];
  const applicantOf: string[] = [];
  const reviewers: { id: string; email: string; token: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    clock.travelTo('2026-12-01T10:00:00+01:00');
    await t.createUser('sb@sab.example', ['caseworker']);
    caseworker = await t.login('sb@sab.example');
    const orgs = new Map<string, string>();
    for (const [i, [name, ags]] of MUNICIPALITIES.entries()) {
      if (!orgs.has(ags)) {
        const org = await t.createOrganisation(name, ags);
        orgs.set(ags, org);
        await t.createUser(`antrag@${ags}.example`, ['applicant'], org);
      }
      const token = await t.login(`antrag@${ags}.example`);
      const caseId = await steps.completeLifdConcept(
        token,
        { title: `Mobiler Raum ${i + 1}` },
        { variant: 'mobile', locationAgs: ags, costs: [{ category: 'equipment', amountCents: 100_000_000 }], ownContributionCents: 20_000_000 },
      );
      await steps.submitConcept(token, caseId);
      expect((await steps.transition(caseworker, caseId, 'accept_concept')).status).toBe(200);
      cases.push(caseId);
      applicantOf.push(`antrag@${ags}.example`);
    }
    for (let r = 1; r <= 4; r++) {
      const email = `jury${r}@sab.example`;
      reviewers.push({ id: await t.createUser(email, ['reviewer']), email, token: await t.login(email) });
    }
  });
  afterAll(() => t.close());

  const reviewerOf = (id: string) => reviewers.find((r) => r.id === id)!;
  const assignmentsOf = async (token: string) => (await t.request('GET', '/api/v1/reviews/assignments', { token })).body as { assignmentId: string; caseId: string; status: string }[];

  it('excludes an affiliated reviewer, by hand and automatically, and balances the load', async () => {
    // jury1 works in the district Mittelsachsen (14522): Mittweida and Freiberg lie there
    const aff = await t.request('PUT', `/api/v1/reviewers/${reviewers[0].id}/affiliations`, { token: caseworker, body: { organisationIds: [], districts: ['14522'] } });
    expect(aff.status).toBe(200);
    const byHand = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId: cases[0], reviewerId: reviewers[0].id } });
    expect(byHand.status).toBe(409);
    expect(byHand.body).toMatchObject({ code: 'REVIEWER_CONFLICT', details: { reason: 'district' } });

    const auto = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments/auto', { token: caseworker });
    expect(auto.status).toBe(200);
    expect(auto.body.assignments).toHaveLength(24);
    expect(auto.body.unfilled).toEqual([]);
    expect(auto.body.assignments.filter((a: { reviewerId: string; caseId: string }) => a.reviewerId === reviewers[0].id && cases.slice(0, 3).includes(a.caseId))).toEqual([]);
    const loads = reviewers.map((r) => auto.body.assignments.filter((a: { reviewerId: string }) => a.reviewerId === r.id).length);
    expect(loads.reduce((a, b) => a + b)).toBe(24);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const exclusions = await t.db.query(`SELECT case_id, kind, reason FROM review_exclusions WHERE reviewer_id = $1 ORDER BY case_id`, [reviewers[0].id]);
    expect(exclusions).toHaveLength(3);
    expect(exclusions.every((x: { kind: string; reason: string }) => x.kind === 'automatic' && x.reason === 'affiliated district')).toBe(true);
    await t.smtp.waitFor(reviewers[1].email);
  });

  it('keeps a concept sealed until the reviewer declares, and takes a declared conflict off with a request for a replacement', async () => {
    const mine = await assignmentsOf(reviewers[1].token);
    const first = mine[mine.length - 1];
    const before = await t.request('GET', `/api/v1/reviews/assignments/${first.assignmentId}/concept`, { token: reviewers[1].token });
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('DECLARATION_REQUIRED');

    const conflict = await t.request('POST', `/api/v1/reviews/assignments/${first.assignmentId}/declaration`, {
      token: reviewers[1].token,
      body: { conflict: true, reason: 'Ich bin Mitglied des Fördervereins.' },
    });
    expect(conflict.status).toBe(200);
    const afterConflict = await t.request('PUT', `/api/v1/reviews/assignments/${first.assignmentId}/review`, { token: reviewers[1].token, body: { version: 0, scores: uniform(3) } });
    expect(afterConflict.status).toBe(403);
    expect(afterConflict.body.code).toBe('CONFLICT_DECLARED');
    await waitUntil('the caseworker is asked for a replacement', async () => t.smtp.to('lifd@sab.example').some((m) => m.subject?.includes('Ersatz')));

    // the caseworker assigns someone else, by hand
    const onIt = (await t.db.query(`SELECT reviewer_id FROM review_assignments WHERE case_id = $1`, [first.caseId])).map((r: { reviewer_id: string }) => r.reviewer_id);
    const excluded = (await t.db.query(`SELECT reviewer_id FROM review_exclusions WHERE case_id = $1`, [first.caseId])).map((r: { reviewer_id: string }) => r.reviewer_id);
    const replacement = reviewers.find((r) => !onIt.includes(r.id) && !excluded.includes(r.id))!;
    const assigned = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/assignments', { token: caseworker, body: { caseId: first.caseId, reviewerId: replacement.id } });
    expect(assigned.status).toBe(201);
    const declared = await t.db.query(`SELECT kind FROM review_exclusions WHERE case_id = $1 AND reviewer_id = $2`, [first.caseId, reviewers[1].id]);
    expect(declared).toEqual([{ kind: 'declared' }]);
  });

  it('scores every concept; refuses what reviewers may not do', async () => {
    for (const [i, caseId] of cases.entries()) {
      const active = await t.db.query(`SELECT id, reviewer_id FROM review_assignments WHERE case_id = $1 AND status = 'active' ORDER BY assigned_at, id`, [caseId]);
      expect(active).toHaveLength(2);
      for (const [n, a] of active.entries()) {
        const { token } = reviewerOf(a.reviewer_id);
        expect((await t.request('POST', `/api/v1/reviews/assignments/${a.id}/declaration`, { token, body: { conflict: false } })).status).toBe(200);
        const concept = await t.request('GET', `/api/v1/reviews/assignments/${a.id}/concept`, { token });
        expect(concept.body).toMatchObject({ caseId, title: `Mobiler Raum ${i + 1}`, grantCents: 80_000_000 });
        if (i === 0 && n === 0) {
          const file = concept.body.attachments.find((x: { type: string }) => x.type === 'concept_document');
          const download = await t.request('GET', `/api/v1/reviews/assignments/${a.id}/attachments/${file.id}/content`, { token });
          expect(download.status).toBe(200);
          expect(download.headers['content-type']).toBe('application/pdf');
          // another reviewer's assignment does not open the file
          const other = reviewers.find((r) => r.id !== a.reviewer_id)!;
          expect((await t.request('GET', `/api/v1/reviews/assignments/${a.id}/attachments/${file.id}/content`, { token: other.token })).status).toBe(404);
        }
        const saved = await t.request('PUT', `/api/v1/reviews/assignments/${a.id}/review`, { token, body: { version: 0, scores: SCORES[i][n] } });
        expect(saved.status).toBe(200);
        if (i === 0 && n === 0) {
          // sealed: the others' scores stay hidden until the own review is submitted
          const sealed = await t.request('GET', `/api/v1/cases/${caseId}/reviews`, { token });
          expect(sealed.status).toBe(403);
          expect(sealed.body.code).toBe('OWN_REVIEW_NOT_SUBMITTED');
        }
        const submitted = await t.request('POST', `/api/v1/reviews/assignments/${a.id}/review/submit`, { token });
        expect({ i, n, status: submitted.status }).toEqual({ i, n, status: 200 });
      }
    }
    // a comment is required for a low score
    const [a] = await t.db.query(`SELECT a.id, a.reviewer_id FROM review_assignments a WHERE a.case_id = $1 AND a.status = 'active' LIMIT 1`, [cases[0]]);
    const { token } = reviewerOf(a.reviewer_id);
    const changed = await t.request('PUT', `/api/v1/reviews/assignments/${a.id}/review`, { token, body: { version: 2, scores: uniform(1) } });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('REVIEW_SUBMITTED');
    // after submitting, a reviewer sees the others' scores, without names
    const open = await t.request('GET', `/api/v1/cases/${cases[0]}/reviews`, { token });
    expect(open.status).toBe(200);
    expect(open.body.map((r: { reviewer: string }) => r.reviewer).sort()).toEqual(['reviewer 1', 'you']);
    // another reviewer's assignment and review are not found
    const foreign = await t.db.query(`SELECT id FROM review_assignments WHERE reviewer_id <> $1 LIMIT 1`, [a.reviewer_id]);
    expect((await t.request('GET', `/api/v1/reviews/assignments/${foreign[0].id}/concept`, { token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/reviews/assignments/${foreign[0].id}/review`, { token })).status).toBe(404);
    // applicants never read reviews
    const applicant = await t.login(applicantOf[0]);
    expect((await t.request('GET', `/api/v1/cases/${cases[0]}/reviews`, { token: applicant })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ranking', { token: applicant })).status).toBe(403);
  });

  it('lets a caseworker reopen a submitted review, and the reviewer correct it', async () => {
    const [a] = await t.db.query(`SELECT id, reviewer_id FROM review_assignments WHERE case_id = $1 AND status = 'active' ORDER BY assigned_at, id LIMIT 1`, [cases[L]]);
    const { token } = reviewerOf(a.reviewer_id);
    expect((await t.request('POST', `/api/v1/reviews/assignments/${a.id}/review/reopen`, { token, body: { reason: 'Ich will das ändern.' } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/reviews/assignments/${a.id}/review/reopen`, { token: caseworker, body: { reason: 'Rechenfehler im Kriterium Kooperation.' } })).status).toBe(200);
    const review = (await t.request('GET', `/api/v1/reviews/assignments/${a.id}/review`, { token })).body;
    expect(review.status).toBe('draft');
    expect((await t.request('PUT', `/api/v1/reviews/assignments/${a.id}/review`, { token, body: { version: review.version, scores: uniform(2) } })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/reviews/assignments/${a.id}/review/submit`, { token })).status).toBe(200);
  });

  it('shows results: weighted totals, scores, disagreement, and how each reviewer scores', async () => {
    const res = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/review-results', { token: caseworker });
    expect(res.status).toBe(200);
    const byCase = new Map(res.body.concepts.map((c: { caseId: string }) => [c.caseId, c]));
    expect(byCase.get(cases[B])).toMatchObject({ score: 4, disagreement: false });
    expect(byCase.get(cases[D])).toMatchObject({ score: 3.5, spread: 2, disagreement: true, disagreementResolved: false });
    expect(byCase.get(cases[K])).toMatchObject({ knockedOut: true });
    expect(res.body.reviewers).toHaveLength(4);
    for (const r of res.body.reviewers) expect(r).toEqual(expect.objectContaining({ reviewerId: expect.any(String), reviews: expect.any(Number), mean: expect.any(Number) }));
  });

  it('ranks with the tie broken by the guideline rule and draws the funding line at the budget; exports CSV', async () => {
    const res = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ranking', { token: caseworker });
    expect(res.body.budgetCents).toBe(500_000_000);
    const entries = res.body.entries as { caseId: string; rank: number | null; tie: boolean; aboveFundingLine: boolean; belowMinimum: boolean; knockedOut: boolean; cumulativeGrantCents: number | null }[];
    const at = (i: number) => entries.find((e) => e.caseId === cases[i])!;
    expect([0, 1, A, B, D, 5].map((i) => at(i).rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(at(A).tie && at(B).tie).toBe(true);
    expect([0, 1, A, B, D, 5].every((i) => at(i).aboveFundingLine)).toBe(true);
    expect(at(5).cumulativeGrantCents).toBe(480_000_000);
    expect([9, 10, 11, 6].map((i) => [at(i).rank, at(i).aboveFundingLine])).toEqual([
      [7, false],
      [8, false],
      [9, false],
      [10, false],
    ]);
    expect(at(K)).toMatchObject({ rank: null, knockedOut: true, aboveFundingLine: false });
    expect(at(L)).toMatchObject({ rank: null, belowMinimum: true, aboveFundingLine: false });

    const csv = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ranking.csv', { token: caseworker });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe('rank,file_number,title,score,tie,requested_grant_eur,cumulative_grant_eur,above_funding_line,below_minimum,knocked_out,state');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toMatch(/^1,LIfD-2026-1-\d{6},Mobiler Raum 1,5,false,800000\.00,800000\.00,true,false,false,concept_in_review$/);
  });

  it('records the outcome for the whole ranking at once, only when nothing blocks it, and tells every applicant', async () => {
    const early = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/jury-outcome', { token: caseworker, body: { rejectAllOthersWithReason: 'Nicht im Rahmen der verfügbaren Mittel.' } });
    expect(early.status).toBe(422);
    expect(early.body.details.problems.map((f: { code: string }) => f.code)).toContain('CALL_STILL_OPEN');

    clock.travelTo('2027-02-01T09:00:00+01:00');
    const blocked = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/jury-outcome', { token: caseworker, body: { rejectAllOthersWithReason: 'Nicht im Rahmen der verfügbaren Mittel.' } });
    expect(blocked.status).toBe(422);
    expect(blocked.body.details.problems).toEqual([expect.objectContaining({ code: 'DISAGREEMENT_UNRESOLVED', check: 'no_unresolved_disagreement' })]);
    const untouched = await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE state = 'concept_in_review'`);
    expect(untouched[0].n).toBe(12);

    expect((await t.request('POST', `/api/v1/cases/${cases[D]}/review-resolution`, { token: caseworker, body: { note: 'In der Jurysitzung erörtert; Mittelwert bleibt.' } })).status).toBe(200);
    // one by one: a concept below the funding line cannot be invited; a knocked-out one is rejected with its reason
    const belowLine = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/jury-outcome', { token: caseworker, body: { decisions: [{ caseId: cases[9], outcome: 'invite' }] } });
    expect(belowLine.status).toBe(422);
    expect(belowLine.body.details.problems.map((f: { code: string }) => f.code)).toEqual(['BELOW_FUNDING_LINE']);
    const noReason = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/jury-outcome', { token: caseworker, body: { decisions: [{ caseId: cases[K], outcome: 'reject' }] } });
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const one = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/jury-outcome', {
      token: caseworker,
      body: { decisions: [{ caseId: cases[K], outcome: 'reject', reason: 'Die Umsetzbarkeit wurde unter dem Mindestwert bewertet.' }] },
    });
    expect(one.body.results).toEqual([{ caseId: cases[K], outcome: 'reject', state: 'concept_rejected' }]);
    const done = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/2026-1/jury-outcome', { token: caseworker, body: { rejectAllOthersWithReason: 'Nicht im Rahmen der verfügbaren Mittel.' } });
    expect(done.status).toBe(200);
    const states = await t.db.query(`SELECT id, state, application_due_on::text AS due FROM cases`);
    const stateOf = (i: number) => states.find((s: { id: string }) => s.id === cases[i]);
    for (const i of [0, 1, A, B, D, 5]) expect(stateOf(i)).toEqual({ id: cases[i], state: 'invited', due: '2027-05-03' }); // 90 days = Sun 2.5. → Mon 3.5.2027
    for (const i of [6, K, L, 9, 10, 11]) expect(stateOf(i).state).toBe('concept_rejected');

    await waitUntil('every applicant is told', async () =>
      cases.every((id, i) => t.smtp.to(applicantOf[i]).some((m) => m.text?.includes(`Mobiler Raum ${i + 1}`) && /Einladung|eingeladen|abgelehnt|Begründung/.test(m.text ?? ''))),
    );
    // the invited can start their formal application
    const applicant = await t.login(applicantOf[0]);
    // the application due date is part of the case, and waits in the applicant's work list
    expect((await t.request('GET', `/api/v1/cases/${cases[0]}`, { token: applicant })).body).toMatchObject({ state: 'invited', applicationDueOn: '2027-05-03' });
    const tasks = (await t.request('GET', '/api/v1/me/tasks', { token: applicant })).body;
    expect(tasks).toContainEqual(expect.objectContaining({ caseId: cases[0], steps: ['start_application'], dueOn: '2027-05-03' }));
    expect((await t.request('POST', `/api/v1/cases/${cases[0]}/application`, { token: applicant })).status).toBe(201);
  });
});
