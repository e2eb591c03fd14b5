import { insertApprovedCosts } from '../src/approvals/approvals.service';
import { budgetQueries, funnelQuery } from '../src/reporting/programme-reports.service';
import type { Figure } from './figures';
import type { Query } from './seed';

const MARK = 'bench-reports';
const GOAL_MS = 500;
const XLSX_GOAL_MS = 10_000;
const XLSX_RSS_MB = 300;
/** States a case reaches only after its approval was signed off. */
const APPROVED = ['notice_issued', 'objection', 'notice_final', 'in_payment', 'proof_of_use_submitted', 'settlement_prepared', 'settled', 'recovery_pending'];
const PAID = ['in_payment', 'proof_of_use_submitted', 'settlement_prepared', 'settled', 'recovery_pending'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `npm run bench -- reports`: the budget and funnel reports over the seed (100,000 cases; ten cost lines each), through
 * the built service's HTTP API, beside the same SQL (the service's own builders) run bare on one connection; and the
 * XLSX export of the case list (every case: 100,000 rows) with the API process's peak resident memory.
 *
 * The seed has no decisions or bookings, so this figure adds (and removes afterwards, marked `bench-reports`) an
 * approved decision for every case that has a file number — its cost lines copied from the concept, about 960,000 in
 * all, summed into approved_costs as sign-off does — plus commitments for the approved states and one payment booking for
 * each case in payment or later.
 */
export const reports: Figure = {
  name: 'reports',
  title: 'budget and funnel reports over 100,000 cases / ~1,000,000 cost lines beside the bare SQL; XLSX export of 100,000 rows',
  async run(ctx) {
    return ctx.withDb(async (c) => {
      const query: Query = (sql, params) => c.query(sql, params as unknown[]).then((r) => r.rows);
      await cleanUp(query);
      await seed(query);
      const service = new ctx.Service(ctx.env);
      await service.start();
      try {
        const token = await service.login('admin@bench.example');
        const get = async (url: string) => {
          const t0 = performance.now();
          const res = await fetch(`${service.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
          if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
          const body = Buffer.from(await res.arrayBuffer());
          return { ms: performance.now() - t0, body };
        };
        const bare = async (statements: [string, unknown[]][]) => {
          const t0 = performance.now();
          // the service runs the budget's three statements in parallel on its pool; bare runs them one after another on one connection
          for (const [sql, params] of statements) await c.query(sql, params);
          return performance.now() - t0;
        };
        const rows = [];
        const [lines] = await query(`SELECT count(*)::int AS n FROM decisions d, jsonb_array_elements(d.costs) WHERE d.return_comment = $1`, [MARK]);
        for (const [name, url, statements] of [
          ['budget report', '/api/v1/reports/budget', Object.values(budgetQueries({}))],
          ['funnel report', '/api/v1/reports/funnel', [funnelQuery({})]],
        ] as const) {
          await get(url); // warm-up
          await bare(statements as [string, unknown[]][]);
          const app: number[] = [];
          const b: number[] = [];
          for (let i = 0; i < Math.max(3, ctx.bench.rounds); i++) {
            app.push((await get(url)).ms);
            b.push(await bare(statements as [string, unknown[]][]));
          }
          const [a, s] = [median(app), median(b)];
          rows.push({
            figure: `${name} (${lines.n.toLocaleString('en')} approved cost lines), median of ${app.length}`,
            app: `${Math.round(a)} ms`,
            bare: `${Math.round(s)} ms`,
            ratio: (s / a).toFixed(2),
            goal: `< ${GOAL_MS} ms, bare/app ≥ 0.8`,
            met: a < GOAL_MS && s / a >= 0.8,
          });
        }
        const server = service.server();
        let rss = server.rss();
        const sampler = setInterval(() => (rss = Math.max(rss, server.rss())), 100);
        let xlsx: { ms: number; body: Buffer };
        try {
          xlsx = await get('/api/v1/reports/grants?format=xlsx');
        } finally {
          clearInterval(sampler);
        }
        const [{ n: cases }] = await query(`SELECT count(*)::int AS n FROM cases`);
        rows.push({
          figure: `XLSX export of the case list (${cases.toLocaleString('en')} rows)`,
          app: `${Math.round(xlsx.ms)} ms, ${(xlsx.body.length / 1024 / 1024).toFixed(1)} MB, peak RSS ${rss} MB`,
          bare: '–',
          ratio: '–',
          goal: `< ${XLSX_GOAL_MS} ms, RSS < ${XLSX_RSS_MB} MB`,
          met: xlsx.ms < XLSX_GOAL_MS && rss < XLSX_RSS_MB && cases >= 100_000,
        });
        return rows;
      } finally {
        await service.stop();
        await cleanUp(query);
      }
    });
  },
};

async function seed(query: Query): Promise<void> {
  const [{ id: caseworker }] = await query(`SELECT id FROM users WHERE email = 'sachbearbeitung@bench.example'`);
  const [{ id: approver }] = await query(`SELECT id FROM users WHERE email = 'admin@bench.example'`);
  await query(
    `INSERT INTO decisions (case_id, kind, status, costs, grant_cents, funding_start, funding_end, prepared_by, approved_by, approved_at, return_comment)
     SELECT c.id, 'approval', 'approved', p.costs, p.grant_cents, p.funding_start, p.funding_end, $1, $2, c.updated_at, $3
       FROM cases c JOIN proposals p ON p.case_id = c.id AND p.stage = 'concept'
      WHERE c.file_number IS NOT NULL`,
    [caseworker, approver, MARK],
  );
  // what sign-off writes beside each decision (the by-category part reads it)
  await query(insertApprovedCosts('d.return_comment = $1'), [MARK]);
  await query(
    `INSERT INTO commitments (case_id, decision_id, guideline_code, call_code, fiscal_year, amount_cents)
     SELECT d.case_id, d.id, c.guideline_code, c.call_code, 2027, d.grant_cents
       FROM decisions d JOIN cases c ON c.id = d.case_id WHERE d.return_comment = $1 AND c.state = ANY($2) AND d.grant_cents > 0`,
    [MARK, APPROVED],
  );
  await query(
    `INSERT INTO ledger_bookings (guideline_code, call_code, fiscal_year, case_id, kind, amount_cents, booked_on, booked_by)
     SELECT c.guideline_code, c.call_code, 2027, c.id, 'payment', d.grant_cents / 2, DATE '2027-01-01' + (abs(hashtext(c.id::text)) % 365), $2
       FROM decisions d JOIN cases c ON c.id = d.case_id WHERE d.return_comment = $1 AND c.state = ANY($3) AND d.grant_cents > 1`,
    [MARK, caseworker, PAID],
  );
  await query(`ANALYZE decisions; ANALYZE approved_costs; ANALYZE commitments; ANALYZE ledger_bookings`);
}

async function cleanUp(query: Query): Promise<void> {
  // the foreign keys on decisions are not indexed (decisions.supersedes scans the table per row): checking them for
  // ~96,000 rows takes hours, and nothing else refers to these rows, so this session skips the checks while deleting
  await query(`SET session_replication_role = replica`);
  try {
    await deleteMarked(query);
  } finally {
    await query(`SET session_replication_role = DEFAULT`);
  }
}

async function deleteMarked(query: Query): Promise<void> {
  await query(`DELETE FROM ledger_bookings WHERE case_id IN (SELECT case_id FROM decisions WHERE return_comment = $1) AND payment_request_id IS NULL`, [MARK]);
  await query(`DELETE FROM commitments WHERE decision_id IN (SELECT id FROM decisions WHERE return_comment = $1)`, [MARK]);
  await query(`DELETE FROM approved_costs WHERE decision_id IN (SELECT id FROM decisions WHERE return_comment = $1)`, [MARK]);
  await query(`DELETE FROM decisions WHERE return_comment = $1`, [MARK]);
}
