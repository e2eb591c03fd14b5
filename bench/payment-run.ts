import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { composeIBAN } from 'ibantools';
import { nextTarget2BusinessDay } from '../src/payouts/domain/target2';
import type { Figure } from './figures';
import type { Query } from './seed';

const PAYMENTS = 10_000;
const CALL = 'bench-payouts';
const FINANCE = 'zahllauf@bench.example';
const XSD = path.resolve(__dirname, '../../test/fixtures/standards/pain.001.001.09.xsd');
const GOAL_MS = 3000;

/**
 * `npm run bench -- payment-run`: 10,000 ordered payments (their own call, organisations and cases, removed again
 * afterwards so the other figures see the seed as it was) go into one run through the built service's HTTP API: the
 * run is built and exported, the file downloaded and validated against the EPC schema with xmllint. Goal: under 3 s
 * for building and exporting, and under 3 s for the validation.
 */
export const paymentRun: Figure = {
  name: 'payment-run',
  title: `a payment run of ${PAYMENTS.toLocaleString('en')} payments: build and export through the API, validate with xmllint`,
  async run(ctx) {
    return ctx.withDb(async (c) => {
      const query: Query = (sql, params) => c.query(sql, params as unknown[]).then((r) => r.rows);
      await cleanUp(query, ctx);
      await seed(query, ctx.PASSWORD);
      const service = new ctx.Service(ctx.env);
      await service.start();
      try {
        const token = await service.login(FINANCE);
        const post = async (url: string, body?: unknown) => {
          const res = await fetch(`${service.url}${url}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
            body: body ? JSON.stringify(body) : undefined,
          });
          if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${(await res.text()).slice(0, 500)}`);
          return res.json() as Promise<{ id: string; transactionCount: number; controlSumCents: number; sha256: string | null }>;
        };
        const executionDate = nextTarget2BusinessDay(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
        const t0 = performance.now();
        const run = await post('/api/v1/payment-runs', { guidelineCode: 'frl-lifd', executionDate });
        const t1 = performance.now();
        const exported = await post(`/api/v1/payment-runs/${run.id}/export`);
        const t2 = performance.now();
        const file = await fetch(`${service.url}/api/v1/payment-runs/${run.id}/file`, { headers: { authorization: `Bearer ${token}` } });
        const xml = Buffer.from(await file.arrayBuffer());
        const t3 = performance.now();
        if (run.transactionCount !== PAYMENTS) throw new Error(`the run took ${run.transactionCount} payments, not ${PAYMENTS}`);
        const [{ sum }] = await query(`SELECT sum(payable_cents)::bigint AS sum FROM payment_requests WHERE run_id = $1`, [run.id]);
        if (Number(sum) !== run.controlSumCents) throw new Error(`control sum ${run.controlSumCents} ≠ ${sum}`);
        const dir = mkdtempSync(path.join(tmpdir(), 'fw-bench-sepa-'));
        let validateMs: number;
        try {
          const name = path.join(dir, 'run.xml');
          writeFileSync(name, xml);
          const v0 = performance.now();
          const { stderr } = await promisify(execFile)('xmllint', ['--noout', '--schema', XSD, name], { maxBuffer: 64 * 1024 * 1024 });
          validateMs = performance.now() - v0;
          if (!stderr.includes('validates')) throw new Error(`xmllint: ${stderr}`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        const buildMs = t1 - t0;
        const exportMs = t2 - t1;
        const total = buildMs + exportMs;
        const mb = (xml.length / 1024 / 1024).toFixed(1);
        return [
          {
            figure: `payment run of ${PAYMENTS} payments: build + export`,
            app: `${Math.round(total)} ms (build ${Math.round(buildMs)} ms, export ${Math.round(exportMs)} ms; download ${Math.round(t3 - t2)} ms, ${mb} MB, sha256 ${exported.sha256?.slice(0, 12)}…)`,
            bare: '–',
            ratio: '–',
            goal: `< ${GOAL_MS} ms`,
            met: total < GOAL_MS,
          },
          {
            figure: `payment run of ${PAYMENTS} payments: xmllint schema validation`,
            app: `${Math.round(validateMs)} ms`,
            bare: '–',
            ratio: '–',
            goal: `< ${GOAL_MS} ms`,
            met: validateMs < GOAL_MS,
          },
        ];
      } finally {
        await service.stop();
        await cleanUp(query, ctx);
      }
    });
  },
};

/** Organisations with a structured address and an active account, one case each with an ordered payment of 1.00–9,999.99 €. */
async function seed(query: Query, password: string): Promise<void> {
  const argon2 = await import('argon2');
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  await query(
    `INSERT INTO users (email, display_name, roles, password_hash, status) VALUES ($1, 'Zahllauf Bench', '{finance}', $2, 'active')
     ON CONFLICT DO NOTHING`,
    [FINANCE, hash],
  );
  await query(
    `INSERT INTO users (email, display_name, roles, password_hash, status) VALUES ('anordnung@bench.example', 'Anordnung Bench', '{finance}', $1, 'active')
     ON CONFLICT DO NOTHING`,
    [hash],
  );
  const [{ staff }] = await query(`SELECT id AS staff FROM users WHERE email = 'sachbearbeitung@bench.example'`);
  const [{ orderer }] = await query(`SELECT id AS orderer FROM users WHERE email = 'anordnung@bench.example'`);
  const [{ version }] = await query(`SELECT current_version_id AS version FROM guidelines WHERE code = 'frl-lifd'`);
  const ibans = Array.from({ length: PAYMENTS }, (_, i) => composeIBAN({ countryCode: 'DE', bban: `37040044${String(1_000_000_000 + i).slice(-10)}` })!);
  await query(
    `CREATE TEMP TABLE bench_payees AS
     SELECT i, gen_random_uuid() AS org, gen_random_uuid() AS case_id, $1::text[] AS ibans FROM generate_series(1, $2) AS i`,
    [ibans, PAYMENTS],
  );
  await query(
    `INSERT INTO organisations (id, name, kind, ags, street, building_number, postal_code, city, country)
     SELECT org, 'Zahlungsempfänger Bench ' || i, 'municipality', NULL, 'Marktstraße', (1 + i % 200)::text, '09648', 'Mittweida', 'DE' FROM bench_payees`,
  );
  await query(
    `INSERT INTO payee_accounts (organisation_id, holder, iban, bic, status, created_by, confirmed_by, confirmed_at)
     SELECT org, 'Zahlungsempfänger Bench ' || i, ibans[i], CASE WHEN i % 2 = 0 THEN 'COBADEFFXXX' END, 'active', $1, $2, now() FROM bench_payees`,
    [staff, orderer],
  );
  await query(
    `INSERT INTO cases (id, guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
     SELECT case_id, $1, org, $2, 'Zahllauf-Bench ' || i, 'in_payment', 'LIfD-BENCH-' || lpad(i::text, 6, '0'), $3 FROM bench_payees`,
    [version, CALL, staff],
  );
  await query(
    `INSERT INTO payment_requests (case_id, number, status, requested_cents, payable_cents, created_by, certified_by, certified_at, ordered_by, ordered_at)
     SELECT case_id, 1, 'ordered', 100 + (i * 7919) % 999900, 100 + (i * 7919) % 999900, $1, $1, now(), $2, now() FROM bench_payees`,
    [staff, orderer],
  );
  await query(`DROP TABLE bench_payees`);
  await query(`ANALYZE organisations, payee_accounts, cases, payment_requests`);
}

async function cleanUp(query: Query, ctx: Parameters<Figure['run']>[0]): Promise<void> {
  const cases = `SELECT id FROM cases WHERE call_code = '${CALL}'`;
  await query(`DELETE FROM payment_advices WHERE case_id IN (${cases})`);
  await query(`DELETE FROM ledger_bookings WHERE case_id IN (${cases})`);
  const runs = (await query(`SELECT DISTINCT run_id FROM payment_requests WHERE case_id IN (${cases}) AND run_id IS NOT NULL`)).map((r) => r.run_id);
  await query(`DELETE FROM payment_requests WHERE case_id IN (${cases})`);
  await query(`DELETE FROM payment_runs WHERE id = ANY($1)`, [runs]);
  const orgs = (await query(`SELECT DISTINCT organisation_id FROM cases WHERE call_code = '${CALL}'`)).map((r) => r.organisation_id);
  await ctx.dropCases(query, cases);
  await query(`DELETE FROM payee_accounts WHERE organisation_id = ANY($1)`, [orgs]);
  await query(`DELETE FROM organisations WHERE id = ANY($1)`, [orgs]);
}
