import { Clock } from '../../src/platform/clock';
import { RecoveryService } from '../../src/reporting/recovery.service';
import { TestApp } from '../support/test-app';

/**
 * Recovery claims with interest (§ 49a VwVfG) and repayments (§ 367 BGB) through HTTP, on a case put into
 * `recovery_pending` in the database (settlement and revocation, which open claims, are tested on their own).
 */
describe('recovery claims: interest across a base-rate change, repayments in the order of § 367 BGB', () => {
  let t: TestApp;
  let clock: Clock;
  let finance: string;
  let caseworker: string;
  let applicant: string;
  let stranger: string;
  let reviewer: string;
  let caseId: string;
  let claimId: string;
  let financeId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    financeId = await t.createUser('kasse@sab.example', ['finance']);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('jury@sab.example', ['reviewer']);
    [finance, caseworker, applicant, stranger, reviewer] = await Promise.all(
      ['kasse@sab.example', 'sb@sab.example', 'antrag@mittweida.de', 'antrag@leipzig.de', 'jury@sab.example'].map((e) => t.login(e)),
    );
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Makerspace Mittweida', 'recovery_pending', 'LIfD-2026-1-000777', $3) RETURNING id`,
      [versionId, mittweida, applicantId],
    );
    caseId = c.id;
    clock.travelTo('2025-12-15T10:00:00+01:00');
    // 30.000,00 € paid too much on 15 May 2025, due back by 30 June 2025
    claimId = await t.db.transaction((em) =>
      t.app.get(RecoveryService).createClaim(em, financeId, { caseId, grounds: 'revocation', principalCents: 3_000_000, interestFrom: '2025-05-15', dueOn: '2025-06-30' }),
    );
  });
  afterAll(() => t.close());

  const claims = (token: string, asOf?: string) => t.request('GET', `/api/v1/cases/${caseId}/recovery-claims${asOf ? `?asOf=${asOf}` : ''}`, { token });
  const repay = (token: string, body: Record<string, unknown>, key?: string) =>
    t.request('POST', `/api/v1/recovery-claims/${claimId}/repayments`, { token, body, headers: key ? { 'idempotency-key': key } : {} });

  it('states interest to a day across the change of 1 July 2025, at 5 points above the base rate', async () => {
    // 15.05.–30.06.2025: 47 days × 7,27 %; 01.07.–14.09.2025: 76 days × 6,27 % on 30.000,00 € → 672,50 € (see the unit test)
    const res = await claims(applicant, '2025-09-15');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ number: 1, grounds: 'revocation', status: 'open', principalCents: 3_000_000, interestAboveBp: 500, interestOpenCents: 67_250, totalOpenCents: 3_067_250, missingBaseRateFrom: null });
  });

  it('books a repayment against interest first, then principal; the principal returns to the budget of the year received', async () => {
    const booked = await repay(finance, { receivedOn: '2025-09-15', amountCents: 1_000_000, reference: 'Kontoauszug 2025/178' }, 'rp-1');
    expect(booked.status).toBe(200);
    // 10.000,00 €: 672,50 € interest, 9.327,50 € principal → 20.672,50 € principal open
    expect(booked.body.repayments).toEqual([expect.objectContaining({ receivedOn: '2025-09-15', amountCents: 1_000_000, toCostsCents: 0, toInterestCents: 67_250, toPrincipalCents: 932_750, surplusCents: 0 })]);
    expect(booked.body).toMatchObject({ principalOpenCents: 2_067_250, interestOpenCents: 0, totalOpenCents: 2_067_250 });
    // the same key and body again: answered again, booked once
    const again = await repay(finance, { receivedOn: '2025-09-15', amountCents: 1_000_000, reference: 'Kontoauszug 2025/178' }, 'rp-1');
    expect(again.body).toEqual(booked.body);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM recovery_repayments`))[0].n).toBe(1);

    const [budget] = await t.db.query(`SELECT recovered_cents FROM call_budgets WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2025`);
    expect(Number(budget.recovered_cents)).toBe(932_750);
    const bookings = await t.db.query(`SELECT kind, amount_cents, fiscal_year FROM ledger_bookings WHERE case_id = $1 ORDER BY kind`, [caseId]);
    expect(bookings.map((b: any) => [b.kind, Number(b.amount_cents), b.fiscal_year])).toEqual([
      ['recovery', 932_750, 2025],
      ['recovery_interest', 67_250, 2025],
    ]);
    const [audit] = await t.db.query(`SELECT data FROM audit_entries WHERE action = 'recovery_claim.repayment_booked'`);
    expect(audit.data).toMatchObject({ toInterestCents: 67_250, toPrincipalCents: 932_750, paidInFull: false });
  });

  it('refuses a repayment dated before the last one, one in the future, and a caseworker or applicant booking — changing nothing', async () => {
    const early = await repay(finance, { receivedOn: '2025-09-01', amountCents: 100 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'REPAYMENT_OUT_OF_ORDER', details: { lastReceivedOn: '2025-09-15' } });
    const future = await repay(finance, { receivedOn: '2025-12-16', amountCents: 100 });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('DATE_IN_FUTURE');
    expect((await repay(finance, { receivedOn: '2025-02-30', amountCents: 100 })).body.code).toBe('DATE_INVALID');
    expect((await repay(finance, { receivedOn: '2025-10-01', amountCents: 0 })).status).toBe(400);
    expect((await repay(caseworker, { receivedOn: '2025-10-01', amountCents: 100 })).status).toBe(403);
    expect((await repay(applicant, { receivedOn: '2025-10-01', amountCents: 100 })).status).toBe(403);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM recovery_repayments`))[0].n).toBe(1);
  });

  it('another organisation does not see the claims (404); a reviewer is refused (403)', async () => {
    expect((await claims(stranger)).status).toBe(404);
    expect((await claims(reviewer)).status).toBe(403);
    expect((await claims(caseworker)).status).toBe(200);
    const unknown = await t.request('POST', `/api/v1/recovery-claims/00000000-0000-4000-8000-000000000000/repayments`, { token: finance, body: { receivedOn: '2025-10-01', amountCents: 100 } });
    expect(unknown.status).toBe(404);
  });

  it('the rest with its interest settles the claim, and finance closes the case', async () => {
    // 20.672,50 € from 15 Sep to 15 Dec 2025: 91 days × 6,27 % = 2.067.250 × 627 × 91 / 3.650.000 = 32.315,37 ct → 323,15 €
    const due = await claims(finance, '2025-12-15');
    expect(due.body[0]).toMatchObject({ principalOpenCents: 2_067_250, interestOpenCents: 32_315, totalOpenCents: 2_099_565 });
    const blocked = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: finance, body: { transition: 'book_recovery' } });
    expect(blocked.status).toBe(422);
    expect(JSON.stringify(blocked.body)).toContain('RECOVERY_OPEN');

    const rest = await repay(finance, { receivedOn: '2025-12-15', amountCents: 2_099_565 });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ status: 'settled', totalOpenCents: 0, principalOpenCents: 0 });
    expect(rest.body.repayments[1]).toMatchObject({ toInterestCents: 32_315, toPrincipalCents: 2_067_250, surplusCents: 0 });
    const [budget] = await t.db.query(`SELECT recovered_cents FROM call_budgets WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2025`);
    expect(Number(budget.recovered_cents)).toBe(3_000_000);
    expect((await repay(finance, { receivedOn: '2025-12-15', amountCents: 1 })).body.code).toBe('RECOVERY_CLAIM_SETTLED');

    const closed = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: finance, body: { transition: 'book_recovery' } });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
  });

  it('never guesses a base rate: interest into the half-year without a known rate is not stated, and a repayment then is refused', async () => {
    clock.travelTo('2026-11-24T10:00:00+01:00');
    const id = await t.db.transaction((em) =>
      t.app.get(RecoveryService).createClaim(em, financeId, { caseId, grounds: 'settlement', principalCents: 500_000, interestFrom: '2026-03-01', dueOn: '2026-04-01' }),
    );
    const [second] = (await claims(finance)).body.filter((c: any) => c.id === id);
    expect(second).toMatchObject({ number: 2, interestOpenCents: null, totalOpenCents: null, missingBaseRateFrom: '2026-07-01', principalOpenCents: 500_000 });
    const refused = await t.request('POST', `/api/v1/recovery-claims/${id}/repayments`, { token: finance, body: { receivedOn: '2026-08-03', amountCents: 500_000 } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'BASE_RATE_MISSING', details: { missingFrom: '2026-07-01' } });
    expect(refused.body.message).toContain('01.07.2026');
    // up to 30 June it is known: 5.000,00 € × 6,27 % × 122 days (1 Mar–30 Jun) = 500.000 × 627 × 122 / 3.650.000 = 10.478,63 ct
    expect((await claims(finance, '2026-07-01')).body[1]).toMatchObject({ interestOpenCents: 10_478 });
  });
});
