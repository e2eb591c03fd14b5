import type { TestApp } from '../support/test-app';

let filed = 0;

/** Gives an organisation the structured postal address a SEPA file needs. */
export async function setAddress(t: TestApp, organisationId: string, a: { street: string; buildingNumber: string; postalCode: string; city: string; country?: string }): Promise<void> {
  await t.db.query(`UPDATE organisations SET street = $2, building_number = $3, postal_code = $4, city = $5, country = $6 WHERE id = $1`, [
    organisationId,
    a.street,
    a.buildingNumber,
    a.postalCode,
    a.city,
    a.country ?? 'DE',
  ]);
}

/** A payee account row, as the accounts part of payouts leaves it (active: confirmed by a caseworker; pending: not yet). */
export async function payeeAccount(
  t: TestApp,
  o: { organisationId: string; holder: string; iban: string; bic?: string | null; status: 'active' | 'pending'; createdBy: string; confirmedBy?: string },
): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO payee_accounts (organisation_id, holder, iban, bic, status, created_by, confirmed_by, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::uuid IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [o.organisationId, o.holder, o.iban, o.bic ?? null, o.status, o.createdBy, o.status === 'active' ? o.confirmedBy : null],
  );
  return row.id;
}

/**
 * A case of a guideline's call with an approved decision and one payment request ordered under four eyes, written
 * straight to the database (the requests part of payouts drives this through HTTP). Returns case and payment ids.
 */
export async function orderedPayment(
  t: TestApp,
  o: {
    organisationId: string;
    applicantId: string;
    caseworkerId: string;
    approverId: string;
    financeId: string;
    amountCents: number;
    number?: number;
    guideline?: 'frl-lifd' | 'st-digital';
    title?: string;
    orderedAt?: string;
  },
): Promise<{ caseId: string; paymentId: string; fileNumber: string }> {
  const guideline = o.guideline ?? 'frl-lifd';
  const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = $1`, [guideline]);
  const call = guideline === 'frl-lifd' ? '2026-1' : '2026';
  const fileNumber = guideline === 'frl-lifd' ? `LIfD-2026-1-${String(++filed).padStart(6, '0')}` : `DOST-2026-${String(++filed).padStart(6, '0')}`;
  const [c] = await t.db.query(
    `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by) VALUES ($1, $2, $3, $4, 'in_payment', $5, $6) RETURNING id`,
    [versionId, o.organisationId, call, o.title ?? `Vorhaben ${fileNumber}`, fileNumber, o.applicantId],
  );
  const costs = [{ category: 'equipment', amountCents: 31_250_000, fiscalYear: 2027 }];
  const [d] = await t.db.query(
    `INSERT INTO decisions (case_id, kind, status, costs, grant_cents, own_contribution_cents, funding_start, funding_end, prepared_by, approved_by, approved_at)
     VALUES ($1, 'approval', 'approved', $2, 25000000, 6250000, '2027-01-01', '2027-12-31', $3, $4, now()) RETURNING id`,
    [c.id, JSON.stringify(costs), o.caseworkerId, o.approverId],
  );
  const [p] = await t.db.query(
    `INSERT INTO payment_requests (case_id, number, status, decision_id, requested_cents, payable_cents, created_by, submitted_by, submitted_at,
                                   certified_by, certified_at, ordered_by, ordered_at)
     VALUES ($1, $2, 'ordered', $3, $4, $4, $5, $5, now(), $6, now(), $7, coalesce($8::timestamptz, now())) RETURNING id`,
    [c.id, o.number ?? 1, d.id, o.amountCents, o.applicantId, o.caseworkerId, o.financeId, o.orderedAt ?? null],
  );
  return { caseId: c.id, paymentId: p.id, fileNumber };
}
