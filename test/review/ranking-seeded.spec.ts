import { seedCases, seedJuryCall } from '../../bench/seed';
import { hashPassword } from '../../src/platform/auth/auth.service';
import { GuidelineDefinition } from '../../src/guidelines/guideline.types';
import { aggregate, knockedOut, rank, Scores, weightedTotal } from '../../src/review/domain/jury';
import type { QueryRunner } from 'typeorm';
import { ReviewScoreValues1734100000000 } from '../../migrations/1734100000000-review-score-values';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue #11, cause 3: the ranking groups the reviews once and reads only the requested grants; the jury outcome
 * computes the call's results once per transaction. On seeded calls, the ranking equals one computed here from
 * the stored rows with the jury's pure rules, and the outcome still follows each step's effect on the line.
 */
describe('ranking and jury outcome on seeded calls', () => {
  let t: TestApp;
  let caseworker: string;
  let def: GuidelineDefinition;
  const REASON = 'Nicht im Rahmen der verfügbaren Mittel.';

  beforeAll(async () => {
    t = await TestApp.start();
    const query = (sql: string, params?: unknown[]) => t.db.query(sql, params);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await seedCases(query, { cases: 200, passwordHash });
    await seedJuryCall(query, { guidelineCode: 'frl-lifd', callCode: 'jury-a', concepts: 120, reviewsEach: 2, reviewers: 9, passwordHash });
    await seedJuryCall(query, { guidelineCode: 'frl-lifd', callCode: 'jury-b', concepts: 30, reviewsEach: 2, reviewers: 9, passwordHash });
    caseworker = await t.login('sachbearbeitung@bench.example');
    [{ definition: def }] = await t.db.query(`SELECT v.definition FROM guidelines g JOIN guideline_versions v ON v.id = g.current_version_id WHERE g.code = 'frl-lifd'`);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The ranking computed from the stored rows with the domain's rules, apart from the service. */
  async function expected(call: string) {
    const [{ budgets }] = await t.db.query(`SELECT budgets FROM calls WHERE guideline_code = 'frl-lifd' AND call_code = $1`, [call]);
    const rows = await t.db.query(
      `SELECT c.id, c.file_number, p.grant_cents, (SELECT min(occurred_at) FROM case_transitions t WHERE t.case_id = c.id AND t.transition = 'submit_concept') AS submitted_at,
              (SELECT json_agg(r.scores) FROM review_assignments a JOIN reviews r ON r.assignment_id = a.id WHERE a.case_id = c.id AND a.status = 'active' AND r.status = 'submitted') AS scores
         FROM cases c JOIN proposals p ON p.case_id = c.id AND p.stage = 'concept' WHERE c.call_code = $1`,
      [call],
    );
    const jury = def.jury;
    return rank(
      jury,
      budgets.reduce((s: number, b: { amountCents: number }) => s + b.amountCents, 0),
      rows.map((r: { id: string; file_number: string; grant_cents: string; submitted_at: Date; scores: Scores[] }) => ({
        caseId: r.id,
        fileNumber: r.file_number,
        score: aggregate(jury, r.scores.map((s) => weightedTotal(jury, s))),
        criterionMeans: Object.fromEntries(jury.criteria.map((k) => [k.code, Math.round((r.scores.reduce((a, s) => a + s[k.code].score, 0) / r.scores.length) * 1e4) / 1e4])),
        requestedGrantCents: Number(r.grant_cents),
        submittedAt: r.submitted_at.toISOString(),
        knockedOut: r.scores.some((s) => knockedOut(jury, s).length > 0),
      })),
    );
  }

  const ranking = async (call: string) => {
    const res = await t.request('GET', `/api/v1/guidelines/frl-lifd/calls/${call}/ranking`, { token: caseworker });
    expect(res.status).toBe(200);
    return res.body as {
      budgetCents: number;
      entries: { caseId: string; rank: number | null; score: number | null; aboveFundingLine: boolean; cumulativeGrantCents: number | null; requestedGrantCents: number; state: string; criterionMeans: Record<string, number> }[];
    };
  };
  const pick = (e: { caseId: string; rank: number | null; score: number | null; aboveFundingLine: boolean; cumulativeGrantCents: number | null }) => ({
    caseId: e.caseId,
    rank: e.rank,
    score: e.score,
    aboveFundingLine: e.aboveFundingLine,
    cumulativeGrantCents: e.cumulativeGrantCents,
  });

  it('ranks as the jury rules do on the stored reviews', async () => {
    const { entries } = await ranking('jury-a');
    const want = await expected('jury-a');
    expect(entries.map(pick)).toEqual(want.map(pick));
    // the seed gives a ranking worth checking: a funding line, and concepts on both sides of it
    expect(entries.filter((e) => e.aboveFundingLine).length).toBeGreaterThan(5);
    expect(entries.filter((e) => e.rank !== null && !e.aboveFundingLine).length).toBeGreaterThan(5);
  });

  it("reads the numbers of reviews kept in another guideline version's order of criteria by their codes", async () => {
    // an earlier edition of the guideline with the criteria in reverse order; a third of the call's concepts run under
    // it, and their reviews keep their numbers in its order, as a review submitted under it does
    const [{ id: older }] = await t.db.query(
      `INSERT INTO guideline_versions (guideline_code, edition, content_hash, definition, source_file)
       SELECT guideline_code, edition || ' (reversed)', repeat('e', 64),
              jsonb_set(definition, '{jury,criteria}', (SELECT jsonb_agg(x.cr ORDER BY x.n DESC) FROM jsonb_array_elements(definition -> 'jury' -> 'criteria') WITH ORDINALITY AS x(cr, n))),
              source_file
         FROM guideline_versions WHERE id = (SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd')
       RETURNING id`,
    );
    const reverse = `UPDATE reviews r SET score_values = (SELECT array_agg(x.v ORDER BY x.n DESC) FROM unnest(r.score_values) WITH ORDINALITY AS x(v, n))
                      FROM review_assignments a WHERE a.id = r.assignment_id AND a.case_id = ANY($1)`;
    const [{ current }] = await t.db.query(`SELECT current_version_id AS current FROM guidelines WHERE code = 'frl-lifd'`);
    // (TypeORM answers an UPDATE with its rows and their count)
    const [moved]: [{ id: string }[], number] = await t.db.query(
      `UPDATE cases SET guideline_version_id = $1 WHERE call_code = 'jury-a' AND right(file_number, 1) IN ('1', '4', '7') RETURNING id`,
      [older],
    );
    const ids = moved.map((m) => m.id);
    await t.db.query(reverse, [ids]);
    const withMeans = (e: { caseId: string; rank: number | null; score: number | null; aboveFundingLine: boolean; cumulativeGrantCents: number | null; criterionMeans?: Record<string, number> }) => ({
      ...pick(e),
      criterionMeans: e.criterionMeans,
    });
    try {
      expect(ids.length).toBeGreaterThan(30);
      const { entries } = await ranking('jury-a');
      expect(entries.map(withMeans)).toEqual((await expected('jury-a')).map(withMeans));
      // the reversed numbers differ from the criteria's order for the moved concepts, or this would not show it
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM reviews r JOIN review_assignments a ON a.id = r.assignment_id WHERE a.case_id = ANY($1) AND r.score_values[1] <> r.score_values[array_length(r.score_values, 1)]`,
        [ids],
      );
      expect(n).toBeGreaterThan(10);
    } finally {
      await t.db.query(reverse, [ids]);
      await t.db.query(`UPDATE cases SET guideline_version_id = $2 WHERE id = ANY($1)`, [ids, current]);
      await t.db.query(`DELETE FROM guideline_versions WHERE id = $1`, [older]);
    }
  });

  it("fills in the numbers of reviews submitted before they were kept (the migration's backfill)", async () => {
    const keptBySeed = await t.db.query(`SELECT assignment_id, score_values FROM reviews ORDER BY assignment_id`);
    const migration = new ReviewScoreValues1734100000000();
    const runner = { query: (sql: string) => t.db.query(sql) } as unknown as QueryRunner;
    await migration.down(runner);
    await migration.up(runner);
    expect(await t.db.query(`SELECT assignment_id, score_values FROM reviews ORDER BY assignment_id`)).toEqual(keptBySeed);
    expect(keptBySeed.length).toBeGreaterThan(200);
  });

  it("lists each concept's reviews in the order of their assignment", async () => {
    // assignment times that disagree with the ids' order, so that neither alone gives the right order
    await t.db.query(
      `UPDATE review_assignments a SET assigned_at = a.assigned_at - (get_byte(uuid_send(a.id), 15) % 3) * interval '1 hour'
        FROM cases c WHERE c.id = a.case_id AND c.call_code = 'jury-a'`,
    );
    const rows: { case_id: string; reviewer_id: string }[] = await t.db.query(
      `SELECT a.case_id, a.reviewer_id FROM review_assignments a JOIN cases c ON c.id = a.case_id JOIN reviews r ON r.assignment_id = a.id
        WHERE c.call_code = 'jury-a' AND a.status = 'active' AND r.status = 'submitted' ORDER BY a.assigned_at, a.id`,
    );
    const res = await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/jury-a/review-results', { token: caseworker });
    expect(res.status).toBe(200);
    const concepts = res.body.concepts as { caseId: string; reviews: { reviewerId: string }[] }[];
    expect(concepts.length).toBe(120);
    for (const c of concepts) expect(c.reviews.map((r) => r.reviewerId)).toEqual(rows.filter((r) => r.case_id === c.caseId).map((r) => r.reviewer_id));
    // the order differs from the reviewers' for some concept, or this would not show it
    expect(concepts.some((c) => c.reviews.map((r) => r.reviewerId).join() !== c.reviews.map((r) => r.reviewerId).sort().join())).toBe(true);
  });

  it('applies the whole ranking: invites exactly the concepts above the funding line', async () => {
    const before = (await ranking('jury-a')).entries;
    // the seed opens every concept as one applicant: give each the first user of its organisation
    await t.db.query(
      `UPDATE cases c SET created_by = (SELECT u.id FROM users u WHERE u.organisation_id = c.organisation_id ORDER BY u.id LIMIT 1)
        WHERE c.call_code = 'jury-a' AND EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = c.organisation_id)`,
    );
    const res = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/jury-a/jury-outcome', { token: caseworker, body: { rejectAllOthersWithReason: REASON } });
    expect(res.status).toBe(200);
    const outcome = new Map((res.body.results as { caseId: string; outcome: string; state: string }[]).map((r) => [r.caseId, r]));
    expect(outcome.size).toBe(before.length);
    for (const e of before) expect({ caseId: e.caseId, outcome: outcome.get(e.caseId)?.outcome }).toEqual({ caseId: e.caseId, outcome: e.aboveFundingLine ? 'invite' : 'reject' });
    const states = await t.db.query(`SELECT state, count(*)::int AS n FROM cases WHERE call_code = 'jury-a' GROUP BY state ORDER BY state`);
    expect(states).toEqual([
      { state: 'concept_rejected', n: before.filter((e) => !e.aboveFundingLine).length },
      { state: 'invited', n: before.filter((e) => e.aboveFundingLine).length },
    ]);
    // one mail per concept, to the applicant who opened it (their addresses are read ahead for all steps at once)
    const mails: { to: string; applicant: string }[] = await t.db.query(
      `SELECT o.payload->>'to' AS to, u.email AS applicant FROM outbox o JOIN cases c ON c.id = (o.payload->>'caseId')::uuid JOIN users u ON u.id = c.created_by
        WHERE o.job_name = 'mail.send' AND c.call_code = 'jury-a'`,
    );
    expect(mails.length).toBe(before.length);
    expect(new Set(mails.map((m) => m.applicant)).size).toBeGreaterThan(1);
    for (const m of mails) expect(m.to).toBe(m.applicant);
  });

  it('counts a rejection made earlier in the same outcome when the next invitation is checked against the line', async () => {
    const { entries, budgetCents } = await ranking('jury-b');
    const firstBelow = entries.find((e) => e.rank !== null && !e.aboveFundingLine)!;
    // the concept above the line asking for most: without it, the first one below fits into the budget
    const first = entries.filter((e) => e.aboveFundingLine).sort((a, b) => b.requestedGrantCents - a.requestedGrantCents)[0];
    expect(firstBelow.cumulativeGrantCents! - first.requestedGrantCents).toBeLessThanOrEqual(budgetCents);
    // refused on its own: it lies below the line
    const alone = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/jury-b/jury-outcome', { token: caseworker, body: { decisions: [{ caseId: firstBelow.caseId, outcome: 'invite' }] } });
    expect(alone.status).toBe(422);
    expect(alone.body.details.problems.map((p: { code: string }) => p.code)).toEqual(['BELOW_FUNDING_LINE']);
    // rejecting the first frees its grant, so the same invitation is within the budget in the same outcome
    const res = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls/jury-b/jury-outcome', {
      token: caseworker,
      body: { decisions: [{ caseId: first.caseId, outcome: 'reject', reason: REASON }, { caseId: firstBelow.caseId, outcome: 'invite' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { state: string }) => r.state)).toEqual(['concept_rejected', 'invited']);
  });
});
