import { seedCases } from '../../bench/seed';
import { hashPassword } from '../../src/platform/auth/auth.service';
import { DISTRICT } from '../../src/applications/domain/district';
import { funnelQuery } from '../../src/reporting/programme-reports.service';
import type { ReportFiltersDto } from '../../src/reporting/dto/programme-reports.dto';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue 14: the funnel reads the milestones kept on the case (`cases.milestones`, set by a trigger on
 * `case_transitions`) instead of aggregating every transition. On seeded cases with transitions to every milestone,
 * inserted in bulk and one by one, it answers exactly what the query before the change answered.
 */
const CASES = 4_000;

/** The funnel query before the change, kept here as the reference. */
function before(f: ReportFiltersDto): [string, unknown[]] {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  add('c.guideline_code = ?', f.guideline);
  add('c.call_code = ?', f.call);
  add(`extract(year FROM c.created_at AT TIME ZONE 'Europe/Berlin') = ?`, f.fiscalYear);
  add(`${DISTRICT} = ?`, f.district);
  add(`(c.created_at AT TIME ZONE 'Europe/Berlin')::date >= ?::date`, f.from);
  add(`(c.created_at AT TIME ZONE 'Europe/Berlin')::date <= ?::date`, f.to);
  return [
    `WITH t AS (
       SELECT case_id,
              bool_or(transition = 'submit_concept') AS submitted,
              bool_or(to_state = 'concept_in_review') AS accepted,
              bool_or(to_state = 'concept_rejected') AS concept_rejected,
              bool_or(to_state = 'invited' OR from_state = 'invited') AS invited,
              bool_or(to_state = 'application_submitted') AS applied,
              bool_or(transition = 'approve_decision') AS approved,
              bool_or(to_state = 'rejected') AS rejected,
              bool_or(to_state = 'withdrawn') AS withdrawn,
              bool_or(to_state = 'settled') AS settled
         FROM case_transitions GROUP BY case_id
     ), p AS (SELECT DISTINCT case_id FROM ledger_bookings WHERE kind = 'payment')
     SELECT c.guideline_code, c.call_code,
            count(*) FILTER (WHERE t.submitted)::int AS submitted, count(*) FILTER (WHERE t.accepted)::int AS accepted,
            count(*) FILTER (WHERE t.concept_rejected)::int AS concept_rejected, count(*) FILTER (WHERE t.invited)::int AS invited,
            count(*) FILTER (WHERE t.applied)::int AS applied, count(*) FILTER (WHERE t.approved)::int AS approved,
            count(*) FILTER (WHERE t.rejected)::int AS rejected, count(*) FILTER (WHERE t.withdrawn)::int AS withdrawn,
            count(p.case_id)::int AS paid, count(*) FILTER (WHERE t.settled)::int AS settled
       FROM cases c JOIN organisations o ON o.id = c.organisation_id JOIN t ON t.case_id = c.id LEFT JOIN p ON p.case_id = c.id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  ];
}

describe('funnel from the milestones kept on the case', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    const q = (sql: string, params?: unknown[]) => t.db.query(sql, params);
    await seedCases(q, { cases: CASES, passwordHash: await hashPassword(TEST_PASSWORD) });
    const [{ id: staff }] = await q(`SELECT id FROM users WHERE email = 'sachbearbeitung@bench.example'`);
    // in bulk: a transition into each case's state, from 'invited' for every seventh, as approval for every fifth
    await q(
      `INSERT INTO case_transitions (case_id, transition, from_state, to_state, actor_id)
       SELECT id, CASE WHEN row_number() OVER (ORDER BY id) % 5 = 0 THEN 'approve_decision' ELSE 'move' END,
              CASE WHEN row_number() OVER (ORDER BY id) % 7 = 0 THEN 'invited' ELSE 'concept_submitted' END, state, $1
         FROM cases`,
      [staff],
    );
    // one by one, as the workflow writes them, on cases of their own call (so nothing in bulk set these bits before);
    // of one guideline, so that the funnel has one row for the call
    const own = await q(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, created_by)
       SELECT guideline_version_id, organisation_id, 'einzeln-1', title, 'concept_draft', created_by FROM cases
        WHERE guideline_code = 'frl-lifd' ORDER BY id LIMIT 16 RETURNING id`,
    );
    const targets = ['concept_in_review', 'concept_rejected', 'invited', 'application_submitted', 'rejected', 'withdrawn', 'settled', 'closed'];
    for (const [i, { id }] of own.entries()) {
      await q(`INSERT INTO case_transitions (case_id, transition, from_state, to_state, actor_id) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        ['submit_concept', 'approve_decision', 'other'][i % 3],
        i % 5 ? 'concept_draft' : 'invited',
        targets[i % targets.length],
        staff,
      ]);
    }
    await q(
      `INSERT INTO ledger_bookings (guideline_code, call_code, fiscal_year, case_id, kind, amount_cents, booked_on, booked_by)
       SELECT guideline_code, call_code, 2027, id, CASE WHEN state = 'settled' THEN 'recovery' ELSE 'payment' END, 100, DATE '2027-01-01', $1
         FROM cases WHERE state IN ('in_payment', 'settled', 'proof_of_use_submitted')`,
      [staff],
    );
    // a call whose cases have no transition at all: neither query counts them
    await q(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, created_by)
       SELECT guideline_version_id, organisation_id, 'ohne-1', title, 'concept_draft', created_by FROM cases LIMIT 3`,
    );
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('counts what the transitions say, for every filter', async () => {
    const [{ call, district, day }] = await t.db.query(
      `SELECT c.call_code AS call, ${DISTRICT} AS district, (c.created_at AT TIME ZONE 'Europe/Berlin')::date::text AS day
         FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE c.file_number IS NOT NULL ORDER BY c.id LIMIT 1`,
    );
    const filters: ReportFiltersDto[] = [{}, { call }, { district }, { fiscalYear: Number(day.slice(0, 4)) }, { from: day }, { to: day }, { call, district, from: '2020-01-01' }];
    for (const f of filters) {
      const expected = await t.db.query(...before(f));
      expect(await t.db.query(...funnelQuery(f))).toEqual(expected);
    }
    const all = await t.db.query(...funnelQuery({}));
    expect(all.map((r: any) => r.call_code)).not.toContain('ohne-1');
    expect(all.find((r: any) => r.call_code === 'einzeln-1')).toMatchObject({ submitted: 6, approved: 5, accepted: 2, invited: 5, settled: 2 });
    // every milestone and the payments are reached somewhere, so the comparison means something
    for (const key of ['submitted', 'accepted', 'concept_rejected', 'invited', 'applied', 'approved', 'rejected', 'withdrawn', 'paid', 'settled']) {
      expect(all.reduce((s: number, r: any) => s + r[key], 0)).toBeGreaterThan(0);
    }
  });
});
