import type { Pool, QueryConfig } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { COST_LINES_PER_CASE, seedCases } from '../../bench/seed';
import { hashPassword } from '../../src/platform/auth/auth.service';
import { berlinDate } from '../../src/platform/calendar/calendar';
import { COUNT_EXACT_UP_TO } from '../../src/applications/applications.service';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue #11, causes 1 and 2: the case list reads only `cases`, with an index for every filter and sort. On a seeded
 * table (the benchmark's seed, smaller) it answers exactly what the query before the change answered, and
 * PostgreSQL's plan for each filter and sort reads `cases` through an index.
 */
const CASES = 20_000;

// The list query before issue #11, kept here as the reference the optimised one must match.
const SORT_BEFORE: Record<string, string> = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  fileNumber: 'c.file_number',
  title: 'lower(c.title)',
  state: 'c.state',
};

describe('case list on a seeded table: same answers, read through indexes', () => {
  let t: TestApp;
  let caseworker: string;
  let applicant: string;
  let applicantOrg: string;
  let stages: Record<string, string[]>;

  beforeAll(async () => {
    t = await TestApp.start();
    await seedCases((sql, params) => t.db.query(sql, params), { cases: CASES, passwordHash: await hashPassword(TEST_PASSWORD) });
    await t.db.query('VACUUM ANALYZE cases');
    await t.db.query('ANALYZE');
    caseworker = await t.login('sachbearbeitung@bench.example');
    applicant = await t.login('antrag-14522905@bench.example');
    [{ id: applicantOrg }] = await t.db.query(`SELECT id FROM organisations WHERE ags = '14522905'`);
    stages = {};
    for (const [{ definition }] of [await t.db.query(`SELECT definition FROM guideline_versions WHERE guideline_code = 'frl-lifd'`), await t.db.query(`SELECT definition FROM guideline_versions WHERE guideline_code = 'st-digital'`)]) {
      for (const s of definition.workflow.states) (stages[s.stage] ??= []).push(s.code);
    }
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('seeds realistic data: every state of both guidelines, 27 districts, ten cost lines per concept', async () => {
    const [facts] = await t.db.query(
      `SELECT count(*)::int AS cases, count(DISTINCT left(location_ags, 5))::int AS districts, count(DISTINCT call_code)::int AS calls,
              count(DISTINCT (guideline_code, state))::int AS states FROM cases`,
    );
    const [lines] = await t.db.query(`SELECT sum(jsonb_array_length(costs))::int AS n FROM proposals WHERE stage = 'concept'`);
    const [defined] = await t.db.query(
      `SELECT sum(jsonb_array_length(v.definition->'workflow'->'states'))::int AS n FROM guidelines g JOIN guideline_versions v ON v.id = g.current_version_id`,
    );
    expect(facts).toEqual({ cases: CASES, districts: 27, calls: expect.any(Number), states: defined.n });
    expect(facts.calls).toBeGreaterThanOrEqual(4);
    expect(lines.n).toBe(CASES * COST_LINES_PER_CASE);
  });

  /** The old query: the count repeated the whole FROM with its LATERAL join; the page sorted everything. */
  async function before(q: Record<string, string>, organisationId: string | null) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (organisationId) add('c.organisation_id = ?', organisationId);
    if (q.guideline) add('v.guideline_code = ?', q.guideline);
    if (q.call) add('c.call_code = ?', q.call);
    if (q.state) add('c.state = ?', q.state);
    if (q.stage) add('c.state = ANY(?)', stages[q.stage]);
    if (q.variant) add('p.variant = ?', q.variant);
    if (q.district) add('left(p.location_ags, 5) = ?', q.district);
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      where.push(`(c.title ILIKE $${params.length} OR c.file_number ILIKE $${params.length})`);
    }
    if (q.overdue) add(`${q.overdue === 'true' ? '' : 'NOT '}EXISTS (SELECT 1 FROM information_requests r WHERE r.case_id = c.id AND r.answered_at IS NULL AND r.due_on < ?)`, berlinDate(new Date()));
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 20);
    const from = `
      FROM cases c
      JOIN guideline_versions v ON v.id = c.guideline_version_id
      LEFT JOIN LATERAL (
        SELECT variant, location_ags, grant_cents FROM proposals WHERE case_id = c.id ORDER BY (stage = 'application') DESC LIMIT 1
      ) p ON true
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total: exact }] = await t.db.query(`SELECT count(*)::int AS total ${from}`, params);
    // the count now stops beyond 10,000 cases and the requested page, and says so
    const countedUpTo = Math.max(COUNT_EXACT_UP_TO, page * pageSize);
    const total = Math.min(exact, countedUpTo);
    const totalIsLowerBound = exact > countedUpTo;
    const rows = await t.db.query(
      `SELECT c.id, c.state, v.guideline_code, p.variant, p.location_ags, p.grant_cents ${from}
       ORDER BY ${SORT_BEFORE[q.sort ?? 'createdAt']} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, c.id
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      total,
      totalIsLowerBound,
      items: rows.map((r: Record<string, any>) => ({
        id: r.id,
        state: r.state,
        guidelineCode: r.guideline_code,
        variant: r.variant,
        locationAgs: r.location_ags,
        grantCents: r.grant_cents === null ? null : Number(r.grant_cents),
      })),
    };
  }

  const FILTERS: Record<string, string>[] = [
    {},
    { state: 'concept_in_review' },
    { state: 'information_requested' },
    { stage: 'application' },
    { guideline: 'st-digital' },
    { call: '2026-1' },
    { variant: 'mobile' },
    { district: '14522' },
    { district: '15087', stage: 'decision' },
    { q: 'Makerspace' },
    { q: 'makerspace freiberg' },
    { q: 'Görlitz' },
    { q: 'GÖRLITZ' },
    { q: 'dost-2025' },
    { q: 'DOST-2025' },
    { q: '0123' },
    { q: '50%_x' },
    // matches more than the count reaches: the page comes from the sort's index, not from the matches read once
    { q: 'e' },
    { overdue: 'true' },
    { overdue: 'false', guideline: 'frl-lifd' },
    { guideline: 'frl-lifd', call: '2024-1', variant: 'stationary', district: '14612', state: 'notice_final' },
  ];
  const SORTS = Object.keys(SORT_BEFORE).flatMap((sort) => ['asc', 'desc'].map((order) => ({ sort, order })));
  const PAGES: Record<string, string>[] = [{ pageSize: '50' }, { pageSize: '50', page: '7' }, { pageSize: '100', page: '3' }];
  const queries: Record<string, string>[] = [
    ...FILTERS.flatMap((f) => PAGES.map((p) => ({ ...f, ...p }))),
    ...SORTS.flatMap((s) => [{ ...s, pageSize: '50' }, { ...s, pageSize: '50', page: '11', stage: 'decision' }, { ...s, pageSize: '20', q: 'werkstatt' }, { ...s, pageSize: '50', q: 'Magdeburg' }]),
  ];

  async function listed(query: Record<string, string>, token: string) {
    const res = await t.request('GET', `/api/v1/cases?${new URLSearchParams(query)}`, { token });
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    const { total, totalIsLowerBound, items } = res.body as { total: number; totalIsLowerBound: boolean; items: Record<string, unknown>[] };
    return {
      total,
      totalIsLowerBound,
      items: items.map(({ id, state, guidelineCode, variant, locationAgs, grantCents }) => ({ id, state, guidelineCode, variant, locationAgs, grantCents })),
    };
  }

  it('gives the same page, count and order as before for every filter and sort', async () => {
    let nonEmpty = 0;
    for (const query of queries) {
      const now = await listed(query, caseworker);
      expect({ query, ...now }).toEqual({ query, ...(await before(query, null)) });
      if (now.items.length) nonEmpty++;
    }
    // the comparisons compared something
    expect(nonEmpty).toBeGreaterThan(queries.length * 0.8);
  });

  it('counts exactly up to 10,000 cases or the end of the page asked for, and says when more match', async () => {
    // 20,000 seeded cases: unfiltered, the count stops after 10,000
    expect((await listed({ pageSize: '50' }, caseworker)).total).toBe(10_000);
    expect((await listed({ pageSize: '50' }, caseworker)).totalIsLowerBound).toBe(true);
    // a page beyond 10,000: counted to its end, so the pager knows there is a next one
    const deep = await listed({ pageSize: '50', page: '250' }, caseworker);
    expect([deep.total, deep.totalIsLowerBound, deep.items.length]).toEqual([12_500, true, 50]);
    // the last page: 20,000 is within the count's reach, exact again
    const last = await listed({ pageSize: '100', page: '200' }, caseworker);
    expect([last.total, last.totalIsLowerBound, last.items.length]).toEqual([20_000, false, 100]);
    expect(await listed({ pageSize: '100', page: '201' }, caseworker)).toEqual({ total: 20_000, totalIsLowerBound: false, items: [] });
    // a narrower filter is counted exactly
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE state = 'concept_in_review'`);
    expect(n).toBeGreaterThan(50);
    expect(n).toBeLessThan(10_000);
    const byState = await listed({ pageSize: '50', state: 'concept_in_review' }, caseworker);
    expect([byState.total, byState.totalIsLowerBound]).toEqual([n, false]);
    // a text search matching more than 10,000 cases says so too
    expect((await listed({ pageSize: '50', q: 'e' }, caseworker)).totalIsLowerBound).toBe(true);
  });

  it('gives an applicant the same as before within their organisation', async () => {
    for (const query of [{}, { sort: 'title', order: 'asc' }, { stage: 'concept' }, { q: 'Makerspace' }] as Record<string, string>[]) {
      const now = await listed(query, applicant);
      expect(now.total).toBeGreaterThan(0);
      expect({ query, ...now }).toEqual({ query, ...(await before(query, applicantOrg)) });
    }
  });

  /** Every node of a JSON plan, depth first. */
  function nodes(plan: Record<string, any>): Record<string, any>[] {
    return [plan, ...((plan.Plans as Record<string, any>[] | undefined) ?? []).flatMap(nodes)];
  }

  it('reads cases through an index for each filter and sort (no sequential scan of cases)', async () => {
    const statements: { sql: string; params: unknown[]; name?: string }[] = [];
    const query = t.db.query.bind(t.db);
    // the service sends the list's statements to TypeORM's pool itself (to name the ones it prepares)
    const pool = (t.db.driver as PostgresDriver).master as Pool;
    const poolQuery = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
    const spy = (jest.spyOn(pool, 'query') as jest.SpyInstance).mockImplementation((config: QueryConfig) => {
      if (/FROM cases c/.test(config.text)) statements.push({ sql: config.text, params: config.values ?? [], name: config.name });
      return poolQuery(config);
    });
    try {
      // a one-letter search has no trigram: reading `cases` until 10,001 match is its plan
      for (const q of [...FILTERS.filter((f) => f.q !== 'e'), ...SORTS].map((f): Record<string, string> => ({ ...f, pageSize: '50' }))) {
        statements.length = 0;
        await listed(q, caseworker);
        // one statement answers count, page and names (a text search reads its matches once, in a CTE)
        const list = expect.stringMatching(/^SELECT t.total/);
        const search = expect.stringMatching(/^WITH m AS/);
        expect(statements.map((s) => s.sql.trim().slice(0, 20))).toEqual(q.q ? [search] : [list]);
        for (const { sql, params, name } of statements) {
          // prepared (planned once per connection) without values, or by state or district alone in the default
          // order: the plan kept for every value is then the same as planned for each
          const only = Object.keys(q).filter((k) => k !== 'pageSize');
          const oneRange = only.length === 1 && (only[0] === 'state' || only[0] === 'district');
          expect({ q, prepared: name !== undefined }).toEqual({ q, prepared: params.length === 0 || oneRange });
          if (name && params.length) {
            // the plan kept for every value reads one range of the filter's index, also for a value nobody has
            const runner = t.db.createQueryRunner();
            try {
              await runner.query('SET plan_cache_mode = force_generic_plan');
              await runner.query(`PREPARE kept AS ${sql}`);
              const [{ "QUERY PLAN": [kept] }] = await runner.query(`EXPLAIN (FORMAT JSON) EXECUTE kept('${only[0] === 'state' ? 'no_such_state' : '00000'}')`);
              const page = nodes(kept.Plan).filter((n) => n['Relation Name'] === 'cases' && n['Node Type'] === 'Index Scan');
              expect({ q, page: page.map((n) => [n['Index Name'], n.Filter ?? null]) }).toEqual({ q, page: [[`cases_${only[0]}_idx`, null]] });
            } finally {
              await runner.query('DEALLOCATE kept; RESET plan_cache_mode');
              await runner.release();
            }
          }
          const [{ "QUERY PLAN": [plan] }] = await query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
          const onCases = nodes(plan.Plan).filter((n) => n['Relation Name'] === 'cases');
          // by state or district in the default order, the page is one range of the filter's index, nothing skipped
          if (oneRange) {
            const page = onCases.filter((n) => n['Node Type'] === 'Index Scan').map((n) => [n['Index Name'], n.Filter ?? null]);
            expect({ q, page }).toEqual({ q, page: [[`cases_${only[0]}_idx`, null]] });
          }
          expect({ q, sql: sql.trim().slice(0, 30), scans: onCases.map((n) => n['Node Type']) }).toEqual({
            q,
            sql: sql.trim().slice(0, 30),
            scans: onCases.map(() => expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/)),
          });
          expect(onCases.length).toBeGreaterThan(0);
        }
      }
    } finally {
      spy.mockRestore();
    }
  });
});
