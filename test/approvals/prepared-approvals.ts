import type { TestApp } from '../support/test-app';

let filed = 900;

/**
 * Cases of FRL LIfD call 2026-1 with a prepared approval of 250.000 € in 2027 (312.500 € equipment × 80 %),
 * written straight to the database: the ledger suites need many of them quickly. Not a test file itself.
 */
export async function preparedApprovals(t: TestApp, n: number, opts: { preparedBy: string; organisationId: string; createdBy: string; locationAgs: string }): Promise<string[]> {
  const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
  const costs = [{ category: 'equipment', amountCents: 31_250_000, fiscalYear: 2027 }];
  const decisions: string[] = [];
  for (let i = 0; i < n; i++) {
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', $3, 'decision_prepared', $4, $5) RETURNING id`,
      [versionId, opts.organisationId, `Vorhaben ${i + 1}`, `LIfD-2026-1-${String(filed++).padStart(6, '0')}`, opts.createdBy],
    );
    await t.db.query(
      `INSERT INTO proposals (case_id, stage, variant, location_ags, costs, own_contribution_cents, funding_start, funding_end, grant_cents)
       VALUES ($1, 'application', 'stationary', $3, $2, 6250000, '2027-04-01', '2027-12-31', 25000000)`,
      [c.id, JSON.stringify(costs), opts.locationAgs],
    );
    const [d] = await t.db.query(
      `INSERT INTO decisions (case_id, kind, status, costs, grant_cents, own_contribution_cents, funding_start, funding_end, prepared_by)
       VALUES ($1, 'approval', 'prepared', $2, 25000000, 6250000, '2027-04-01', '2027-12-31', $3) RETURNING id`,
      [c.id, JSON.stringify(costs), opts.preparedBy],
    );
    decisions.push(d.id);
  }
  return decisions;
}
