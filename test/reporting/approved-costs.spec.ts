import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';

/**
 * Issue 14: the budget report's by-category part reads approved_costs, which sign-off fills from the decision's cost
 * lines. Three FRL LIfD cases driven to final approvals through HTTP: one amended, one in Leipzig, one then put into
 * `withdrawn` in the database (the report leaves withdrawn cases out).
 */
describe('approved costs: written at sign-off, replaced by an amendment, read by the budget report', () => {
  let t: TestApp;
  let steps: Steps;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    await t.createUser('pruefung@sab.example', ['auditor']);
    tok.mittweida = await t.login('antrag@mittweida.de');
    tok.leipzig = await t.login('antrag@leipzig.de');
    for (const u of ['sb', 'freigabe', 'pruefung']) tok[u] = await t.login(`${u}@sab.example`);
  }, 60_000);
  afterAll(() => t?.close());

  const finalCase = async (applicant: string, locationAgs: string) => {
    const caseId = await steps.finalNotice(applicant, tok.sb, tok.freigabe, { conceptPlan: { locationAgs } });
    const [{ id: decisionId }] = await t.db.query(`SELECT id FROM decisions WHERE case_id = $1 AND status = 'approved'`, [caseId]);
    return { caseId, decisionId: decisionId as string };
  };

  /** A case's rows, and what its decision's jsonb lines sum to (with the decision's sign-off day in Germany). */
  async function rowsAndLines(caseId: string, decisionId: string) {
    const rows = await t.db.query(
      `SELECT decision_id, category, fiscal_year, cents::int, approved_on::text FROM approved_costs WHERE case_id = $1 ORDER BY category, fiscal_year`,
      [caseId],
    );
    const lines = await t.db.query(
      `SELECT d.id AS decision_id, l->>'category' AS category, (l->>'fiscalYear')::int AS fiscal_year, sum((l->>'amountCents')::bigint)::int AS cents,
              (d.approved_at AT TIME ZONE 'Europe/Berlin')::date::text AS approved_on
         FROM decisions d, jsonb_array_elements(d.costs) l WHERE d.id = $1 GROUP BY 1, 2, 3, 5 ORDER BY 2, 3`,
      [decisionId],
    );
    return { rows, lines };
  }

  it("after sign-off, the case's rows are the decision's cost lines summed per category and fiscal year", async () => {
    const a = await finalCase(tok.mittweida, '14522360');
    ids.a = a.caseId;
    const { rows, lines } = await rowsAndLines(a.caseId, a.decisionId);
    expect(rows.map(({ approved_on: _, ...r }: any) => r)).toEqual([
      { decision_id: a.decisionId, category: 'equipment', fiscal_year: 2027, cents: 10_000_000 },
      { decision_id: a.decisionId, category: 'equipment', fiscal_year: 2028, cents: 2_345_679 },
      { decision_id: a.decisionId, category: 'staff', fiscal_year: 2028, cents: 1_000_001 },
    ]);
    expect(rows).toEqual(lines);
    // with the case's guideline, call and district (the project's place), so the report needs no join for them
    expect(await t.db.query(`SELECT DISTINCT guideline_code, call_code, district FROM approved_costs WHERE case_id = $1`, [a.caseId])).toEqual([
      { guideline_code: 'frl-lifd', call_code: '2026-1', district: '14522' },
    ]);
  }, 120_000);

  it('an amendment signed off replaces them: lines of one category and year added up, a category it drops gone', async () => {
    const amendment = await t.request('POST', `/api/v1/cases/${ids.a}/amendments`, {
      token: tok.sb,
      body: {
        reason: 'Koordination entfällt; zusätzlicher Scanner.',
        costs: [
          { category: 'equipment', amountCents: 10000000, fiscalYear: 2027 },
          { category: 'equipment', amountCents: 2345679, fiscalYear: 2028 },
          { category: 'equipment', amountCents: 1000000, fiscalYear: 2028 },
        ],
      },
    });
    expect(amendment.status).toBe(201);
    // prepared but not signed off: the approval's rows still stand
    expect((await rowsAndLines(ids.a, amendment.body.id)).rows).toHaveLength(3);
    expect((await t.request('POST', `/api/v1/decisions/${amendment.body.id}/sign-off`, { token: tok.freigabe })).status).toBe(200);
    const { rows, lines } = await rowsAndLines(ids.a, amendment.body.id);
    expect(rows.map(({ approved_on: _, ...r }: any) => r)).toEqual([
      { decision_id: amendment.body.id, category: 'equipment', fiscal_year: 2027, cents: 10_000_000 },
      { decision_id: amendment.body.id, category: 'equipment', fiscal_year: 2028, cents: 3_345_679 },
    ]);
    expect(rows).toEqual(lines);
  });

  it("the budget report's byCategory equals the sums over the current decisions' jsonb, under every filter", async () => {
    ids.b = (await finalCase(tok.leipzig, '14713000')).caseId;
    ids.c = (await finalCase(tok.mittweida, '14522360')).caseId;
    await t.db.query(`UPDATE cases SET state = 'withdrawn' WHERE id = $1`, [ids.c]);
    const [{ today }] = await t.db.query(`SELECT (now() AT TIME ZONE 'Europe/Berlin')::date::text AS today`);
    const filters: [string, Record<string, unknown>][] = [
      ['', {}],
      ['guideline=frl-lifd&call=2026-1', { guideline: 'frl-lifd', call: '2026-1' }],
      ['guideline=st-digital', { guideline: 'st-digital' }],
      ['district=14522', { district: '14522' }],
      ['district=14713&fiscalYear=2028', { district: '14713', fiscalYear: 2028 }],
      ['fiscalYear=2027', { fiscalYear: 2027 }],
      [`from=${today}&to=${today}`, { from: today, to: today }],
      ['to=2020-01-01', { to: '2020-01-01' }],
    ];
    for (const [query, f] of filters) {
      const res = await t.request('GET', `/api/v1/reports/budget?${query}`, { token: tok.pruefung });
      expect(res.status).toBe(200);
      expect({ query, rows: res.body.byCategory }).toEqual({ query, rows: await fromDecisions(f) });
    }
    // the amended case counts with its amendment only; the withdrawn one not at all
    const all = (await t.request('GET', '/api/v1/reports/budget', { token: tok.pruefung })).body.byCategory;
    expect(all).toEqual([
      { guidelineCode: 'frl-lifd', district: '14522', category: 'equipment', fiscalYear: 2027, cases: 1, approvedCostsCents: 10_000_000 },
      { guidelineCode: 'frl-lifd', district: '14522', category: 'equipment', fiscalYear: 2028, cases: 1, approvedCostsCents: 3_345_679 },
      { guidelineCode: 'frl-lifd', district: '14713', category: 'equipment', fiscalYear: 2027, cases: 1, approvedCostsCents: 10_000_000 },
      { guidelineCode: 'frl-lifd', district: '14713', category: 'equipment', fiscalYear: 2028, cases: 1, approvedCostsCents: 2_345_679 },
      { guidelineCode: 'frl-lifd', district: '14713', category: 'staff', fiscalYear: 2028, cases: 1, approvedCostsCents: 1_000_001 },
    ]);
  }, 240_000);

  /** The report's former statement: each case's current approved decision's jsonb cost lines unpacked. */
  async function fromDecisions(f: Record<string, any>) {
    const params: unknown[] = [];
    const cond = (sql: string, v: unknown) => (v === undefined ? '' : (params.push(v), `AND ${sql.replace('?', `$${params.length}`)}`));
    const rows = await t.db.query(
      `SELECT c.guideline_code, coalesce(left(c.location_ags, 5), left(o.ags, 5), '') AS district, line->>'category' AS category, (line->>'fiscalYear')::int AS fiscal_year,
              count(DISTINCT c.id)::int AS cases, sum((line->>'amountCents')::bigint)::int AS cents
         FROM decisions d JOIN cases c ON c.id = d.case_id JOIN organisations o ON o.id = c.organisation_id CROSS JOIN jsonb_array_elements(d.costs) line
        WHERE d.status = 'approved' AND d.kind IN ('approval', 'amendment') AND c.state NOT IN ('withdrawn', 'rejected')
          AND NOT EXISTS (SELECT 1 FROM decisions n WHERE n.case_id = d.case_id AND n.status = 'approved' AND n.kind IN ('approval', 'amendment') AND n.approved_at > d.approved_at)
          ${cond('c.guideline_code = ?', f.guideline)} ${cond('c.call_code = ?', f.call)} ${cond(`(line->>'fiscalYear')::int = ?`, f.fiscalYear)}
          ${cond(`coalesce(left(c.location_ags, 5), left(o.ags, 5), '') = ?`, f.district)}
          ${cond(`(d.approved_at AT TIME ZONE 'Europe/Berlin')::date >= ?::date`, f.from)} ${cond(`(d.approved_at AT TIME ZONE 'Europe/Berlin')::date <= ?::date`, f.to)}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      params,
    );
    return rows.map((r: any) => ({ guidelineCode: r.guideline_code, district: r.district, category: r.category, fiscalYear: r.fiscal_year, cases: r.cases, approvedCostsCents: r.cents }));
  }
});
