import { Clock } from '../../src/platform/clock';
import { payeeAccount, setAddress } from '../payouts/ordered-payments';
import { Reply, TestApp } from '../support/test-app';

/**
 * Settlement, revocation with recovery, and closing through HTTP. The cases start in the database at the point the
 * earlier modules leave them (approved grant with its ledger commitment, payments paid by a run, a proof of use
 * submitted and checked — each driven through HTTP in its own spec): the payment dates lie in 2025 because the base
 * rates are known only to 30 June 2026, and no HTTP path can pay a case of the 2026 call in 2025.
 */
describe('settlement: final grant, final payment or recovery with interest, closing', () => {
  let t: TestApp;
  let clock: Clock;
  let orgs: { mittweida: string; leipzig: string };
  let ids: Record<string, string>;
  let tok: Record<string, string>;
  let filed = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    clock = t.app.get(Clock);
    orgs = { mittweida: await t.createOrganisation('Stadt Mittweida', '14522360'), leipzig: await t.createOrganisation('Stadt Leipzig', '14713000') };
    await setAddress(t, orgs.mittweida, { street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida' });
    ids = {
      applicant: await t.createUser('antrag@mittweida.de', ['applicant'], orgs.mittweida),
      outsider: await t.createUser('antrag@leipzig.de', ['applicant'], orgs.leipzig),
      caseworker: await t.createUser('sb@sab.example', ['caseworker']),
      approver: await t.createUser('freigabe@sab.example', ['approver']),
      both: await t.createUser('leitung@sab.example', ['caseworker', 'approver']),
      finance: await t.createUser('kasse@sab.example', ['finance']),
      reviewer: await t.createUser('jury@sab.example', ['reviewer']),
    };
    tok = {};
    for (const [k, email] of Object.entries({ applicant: 'antrag@mittweida.de', outsider: 'antrag@leipzig.de', caseworker: 'sb@sab.example', approver: 'freigabe@sab.example', both: 'leitung@sab.example', finance: 'kasse@sab.example', reviewer: 'jury@sab.example' })) {
      tok[k] = await t.login(email);
    }
    await payeeAccount(t, { organisationId: orgs.mittweida, holder: 'Stadt Mittweida', iban: 'DE02120300000000202051', status: 'active', createdBy: ids.applicant, confirmedBy: ids.caseworker });
  });
  afterAll(() => t.close());

  /**
   * A FRL LIfD case of call 2026-1: equipment 425.000,00 € at 80 % → approved grant 340.000,00 € (committed in 2027;
   * the 10 % retention of 34.000,00 € leaves 306.000,00 € payable before settlement); the given payments paid; a
   * submitted proof of use with the given equipment lines, checked (accepted or reduced), its sample drawn.
   */
  async function caseInSettlement(o: {
    payments: { cents: number; paidOn: string }[];
    lines: { amountCents: number; acceptedCents: number }[];
    state?: string;
    /** st-digital: equipment 100.000 € × 90 % = 90.000 € approved, committed in 2027 of call 2026 */
    guideline?: 'frl-lifd' | 'st-digital';
  }): Promise<string> {
    const lifd = (o.guideline ?? 'frl-lifd') === 'frl-lifd';
    const [{ current_version_id: version }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = $1`, [o.guideline ?? 'frl-lifd']);
    const call = lifd ? '2026-1' : '2026';
    const fileNumber = `${lifd ? 'LIfD-2026-1' : 'DOST-2026'}-${String(900 + ++filed).padStart(6, '0')}`;
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by) VALUES ($1, $2, $3, 'Makerspace Mittweida', $4, $5, $6) RETURNING id`,
      [version, orgs.mittweida, call, o.state ?? 'proof_of_use_submitted', fileNumber, ids.applicant],
    );
    const costs = [{ category: 'equipment', amountCents: lifd ? 42_500_000 : 10_000_000, fiscalYear: 2027 }];
    const [rate, grant] = lifd ? [8000, 34_000_000] : [9000, 9_000_000];
    const [d] = await t.db.query(
      `INSERT INTO decisions (case_id, kind, status, costs, grant_cents, own_contribution_cents, funding_start, funding_end, prepared_by, approved_by, approved_at, calculation)
       VALUES ($1, 'approval', 'approved', $2, $3, $4, '2024-07-01', '2025-12-31', $5, $6, '2024-06-14T10:00:00+02:00', $7) RETURNING id`,
      [c.id, JSON.stringify(costs), grant, costs[0].amountCents - grant, ids.caseworker, ids.approver, { perCategory: [{ category: 'equipment', rateBp: rate, grantCents: grant }], eligibleCostsCents: costs[0].amountCents }],
    );
    await t.db.query(`INSERT INTO commitments (case_id, decision_id, guideline_code, call_code, fiscal_year, amount_cents) VALUES ($1, $2, $3, $4, 2027, $5)`, [c.id, d.id, o.guideline ?? 'frl-lifd', call, grant]);
    await t.db.query(`UPDATE call_budgets SET committed_cents = committed_cents + $3 WHERE guideline_code = $1 AND call_code = $2 AND fiscal_year = 2027`, [o.guideline ?? 'frl-lifd', call, grant]);
    for (const [i, p] of o.payments.entries()) {
      const [run] = await t.db.query(`INSERT INTO payment_runs (number, guideline_code, execution_date, status, created_by) VALUES ($1, $2, $3, 'built', $4) RETURNING id`, [
        `ZL-T-${filed}-${i}`,
        o.guideline ?? 'frl-lifd',
        p.paidOn,
        ids.finance,
      ]);
      await t.db.query(
        `INSERT INTO payment_requests (case_id, number, status, decision_id, requested_cents, payable_cents, created_by, certified_by, ordered_by, run_id, paid_on)
         VALUES ($1, $2, 'paid', $3, $4, $4, $5, $6, $7, $8, $9)`,
        [c.id, i + 1, d.id, p.cents, ids.applicant, ids.caseworker, ids.finance, run.id, p.paidOn],
      );
    }
    if (!o.lines.length) return c.id;
    await t.db.query(
      `INSERT INTO proofs_of_use (case_id, status, created_by, submitted_by, submitted_at, sample_share_bp, sample_line_ids, sample_drawn_by, sample_drawn_at) VALUES ($1, 'submitted', $2, $2, now(), 5000, '[]', $3, now())`,
      [c.id, ids.applicant, ids.caseworker],
    );
    for (const [i, l] of o.lines.entries()) {
      const reduced = l.acceptedCents < l.amountCents;
      await t.db.query(
        `INSERT INTO proof_of_use_lines (case_id, position, category, invoice_number, supplier, invoice_date, paid_date, amount_cents, description, decision, accepted_cents, reduction_reason, decided_by, decided_at)
         VALUES ($1, $2, 'equipment', $3, 'Laser GmbH', '2024-09-02', '2024-09-20', $4, 'Gerät', $5, $6, $7, $8, now())`,
        [c.id, i, `RE-${i + 1}`, l.amountCents, reduced ? 'reduced' : 'accepted', l.acceptedCents, reduced ? 'Skonto nicht abgezogen' : null, ids.caseworker],
      );
    }
    return c.id;
  }

  const settlement = (caseId: string, token: string) => t.request('GET', `/api/v1/cases/${caseId}/settlement`, { token });
  const post = (path: string, token: string, body?: Record<string, unknown>) => t.request('POST', `/api/v1${path}`, { token, body });
  const state = async (caseId: string) => (await t.db.query(`SELECT state FROM cases WHERE id = $1`, [caseId]))[0].state;
  const committed2027 = async () =>
    Number((await t.db.query(`SELECT committed_cents FROM call_budgets WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2027`))[0].committed_cents);
  const codeOf = (r: Reply) => r.body?.code;

  describe('(a) paid 300.000 €, final grant 270.000 € → 30.000 € recovered with interest, the case closes', () => {
    let caseId: string;
    let committedBefore: number;

    beforeAll(async () => {
      clock.travelTo('2025-06-02T10:00:00+02:00');
      committedBefore = await committed2027();
      // 200.000 € paid 14 March 2025, 100.000 € on 15 May 2025 (this one takes the paid sum over the final grant)
      caseId = await caseInSettlement({
        payments: [
          { cents: 20_000_000, paidOn: '2025-03-14' },
          { cents: 10_000_000, paidOn: '2025-05-15' },
        ],
        // accepted 200.000,00 € + 137.500,00 € (reduced from 150.000,00 €) = 337.500,00 €
        lines: [
          { amountCents: 20_000_000, acceptedCents: 20_000_000 },
          { amountCents: 15_000_000, acceptedCents: 13_750_000 },
        ],
      });
    });

    it('shows the agency the computation before it is prepared; another organisation gets 404, a reviewer 403', async () => {
      const res = await settlement(caseId, tok.caseworker);
      expect(res.status).toBe(200);
      // 337.500,00 € × 80 % = 270.000,00 €; paid 300.000,00 € → 30.000,00 € too much, overpaid on 15.05.2025
      expect(res.body.preview).toMatchObject({
        approvedGrantCents: 34_000_000,
        perCategory: [{ category: 'equipment', acceptedCents: 33_750_000, rateBp: 8000, grantCents: 27_000_000 }],
        finalGrantCents: 27_000_000,
        paidCents: 30_000_000,
        outcome: 'recovery',
        outcomeCents: 3_000_000,
        overpaidOn: '2025-05-15',
      });
      expect(res.body.settlement).toBeNull();
      expect((await settlement(caseId, tok.outsider)).status).toBe(404);
      expect((await settlement(caseId, tok.reviewer)).status).toBe(403);
      // the applicant sees nothing of the agency's work in progress
      expect((await settlement(caseId, tok.applicant)).body).toMatchObject({ preview: null, settlement: null });
    });

    it('refuses the generic transition route and a prepare by an approver or an applicant (403)', async () => {
      const generic = await post(`/cases/${caseId}/transitions`, tok.caseworker, { transition: 'prepare_settlement' });
      expect(generic.status).toBe(400);
      expect(codeOf(generic)).toBe('TRANSITION_HAS_OWN_ROUTE');
      expect((await post(`/cases/${caseId}/settlement`, tok.approver)).status).toBe(403);
      expect((await post(`/cases/${caseId}/settlement`, tok.outsider)).status).toBe(403); // applicants may not prepare at all (role)
      expect((await t.db.query(`SELECT count(*)::int AS n FROM settlements WHERE case_id = $1`, [caseId]))[0].n).toBe(0);
    });

    it('the preparer cannot sign off (403 FOUR_EYES_VIOLATION), nothing changes; another approver signs', async () => {
      const prepared = await post(`/cases/${caseId}/settlement`, tok.both);
      expect(prepared.status).toBe(200);
      expect(prepared.body.settlement).toMatchObject({ status: 'prepared', finalGrantCents: 27_000_000, outcome: 'recovery', outcomeCents: 3_000_000, preparedBy: ids.both });
      expect(await state(caseId)).toBe('settlement_prepared');

      const self = await post(`/cases/${caseId}/settlement/sign-off`, tok.both);
      expect(self.status).toBe(403);
      expect(codeOf(self)).toBe('FOUR_EYES_VIOLATION');
      expect(await state(caseId)).toBe('settlement_prepared');
      expect((await t.db.query(`SELECT status FROM settlements WHERE case_id = $1`, [caseId]))[0].status).toBe('prepared');

      const signed = await post(`/cases/${caseId}/settlement/sign-off`, tok.approver);
      expect(signed.status).toBe(200);
      expect(signed.body.settlement).toMatchObject({ status: 'approved', approvedBy: ids.approver, settledOn: '2025-06-02', finalPaymentRequestId: null });
      expect(await state(caseId)).toBe('settled');
      // the commitment beyond the final grant (340.000 − 270.000 = 70.000 €) went back to the budget of 2027
      expect(await committed2027()).toBe(committedBefore + 27_000_000);
      const open = await t.db.query(`SELECT amount_cents FROM commitments WHERE case_id = $1 AND released_at IS NULL`, [caseId]);
      expect(open.map((r: any) => Number(r.amount_cents))).toEqual([27_000_000]);
    });

    it('the Schlussbescheid is listed, verifiable and mailed to the applicant', async () => {
      const notices = await t.request('GET', `/api/v1/cases/${caseId}/notices`, { token: tok.applicant });
      expect(notices.status).toBe(200);
      expect(notices.body).toEqual([expect.objectContaining({ kind: 'settlement', decisionId: null })]);
      const verified = await t.request('GET', `/api/v1/notices/verify?code=${notices.body[0].verificationCode}`, {});
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ genuine: true, title: 'Schlussbescheid', sha256: notices.body[0].sha256 });
      // the step's mail (new state, with the final grant) and the notice's mail
      const mails = await t.smtp.waitFor('antrag@mittweida.de', 2);
      expect(mails.map((m) => m.subject).sort()).toEqual(['LIfD-2026-1-000901: Schlussabrechnung festgestellt', 'LIfD-2026-1-000901: Schlussbescheid']);
      expect(mails.find((m) => m.subject?.endsWith('festgestellt'))!.text).toContain('Festgesetzte Zuwendung: 270.000,00');
      const mail = mails.find((m) => m.subject?.includes('Schlussbescheid'))!;
      expect(mail.text).toContain(notices.body[0].verificationCode);
      expect(mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/-settlement\.pdf$/)]);
      const pdf = await t.request('GET', `/api/v1/notices/${notices.body[0].id}/content`, { token: tok.outsider });
      expect(pdf.status).toBe(404);
    });

    it('the revocation: drafted by the caseworker (defaults: 30.000 € from 15.05.2025), refused to the drafter, signed by an approver', async () => {
      const wrong = await post(`/cases/${caseId}/revocation`, tok.caseworker, { amountCents: 30_000_001, dueOn: '2025-05-30', reasons: '' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.details.problems.map((p: any) => p.code)).toEqual(['RECOVERY_ABOVE_PAID', 'DUE_DATE_PAST', 'REASONS_REQUIRED']);
      const drafted = await post(`/cases/${caseId}/revocation`, tok.caseworker, { dueOn: '2025-06-30', reasons: 'Die anerkannten Ausgaben blieben um 87.500,00 € hinter dem Finanzierungsplan zurück.' });
      expect(drafted.status).toBe(200);
      expect(drafted.body.revocation).toMatchObject({ status: 'drafted', scope: 'partial', amountCents: 3_000_000, interestFrom: '2025-05-15', dueOn: '2025-06-30', draftedBy: ids.caseworker });
      // the applicant does not see a draft
      expect((await settlement(caseId, tok.applicant)).body.revocation).toBeNull();

      const self = await post(`/cases/${caseId}/revocation/sign-off`, tok.caseworker);
      expect(self.status).toBe(403); // a caseworker is not an approver
      const signed = await post(`/cases/${caseId}/revocation/sign-off`, tok.approver);
      expect(signed.status).toBe(200);
      expect(signed.body.revocation).toMatchObject({ status: 'signed', signedBy: ids.approver });
      expect(await state(caseId)).toBe('recovery_pending');
      // the commitment of what the recipient keeps (300.000 − 30.000 = 270.000 €) stays
      expect(await committed2027()).toBe(committedBefore + 27_000_000);

      const notices = await t.request('GET', `/api/v1/cases/${caseId}/notices`, { token: tok.applicant });
      expect(notices.body.map((n: any) => n.kind)).toEqual(['settlement', 'revocation']);
      const verified = await t.request('GET', `/api/v1/notices/verify?code=${notices.body[1].verificationCode}`, {});
      expect(verified.body).toMatchObject({ genuine: true, title: 'Widerrufs- und Rückforderungsbescheid' });

      const all = await t.smtp.waitFor('antrag@mittweida.de', 3);
      expect(all.filter((m) => m.subject?.endsWith('Widerrufs- und Rückforderungsbescheid'))).toHaveLength(1);
    });

    it('the claim: 30.000 € with interest across the change of 1 July 2025; a partial repayment goes to interest first, then principal', async () => {
      clock.travelTo('2025-12-15T10:00:00+01:00');
      const claims = await t.request('GET', `/api/v1/cases/${caseId}/recovery-claims?asOf=2025-09-15`, { token: tok.applicant });
      expect(claims.status).toBe(200);
      // 15.05.–30.06.2025: 47 days × (2,27 % + 5) = 7,27 % on 30.000,00 € = 3.000.000 × 0,0727 × 47/365 = 28.084,11 cents;
      // 01.07.–14.09.2025: 76 days × (1,27 % + 5) = 6,27 % → 3.000.000 × 0,0627 × 76/365 = 39.166,03 cents;
      // together 67.250,14 → 672,50 €
      expect(claims.body).toEqual([expect.objectContaining({ grounds: 'settlement', principalCents: 3_000_000, interestFrom: '2025-05-15', dueOn: '2025-06-30', interestOpenCents: 67_250, totalOpenCents: 3_067_250 })]);
      const claimId = claims.body[0].id;

      const part = await t.request('POST', `/api/v1/recovery-claims/${claimId}/repayments`, { token: tok.finance, body: { receivedOn: '2025-09-15', amountCents: 1_000_000 } });
      expect(part.status).toBe(200);
      // 10.000,00 €: no costs, 672,50 € interest, 9.327,50 € principal → 20.672,50 € principal left
      expect(part.body.repayments[0]).toMatchObject({ toCostsCents: 0, toInterestCents: 67_250, toPrincipalCents: 932_750, surplusCents: 0 });

      const close = await post(`/cases/${caseId}/transitions`, tok.finance, { transition: 'book_recovery' });
      expect(close.status).toBe(422);
      expect(close.body.details.problems.map((p: any) => p.code)).toEqual(['RECOVERY_OPEN']);

      // the rest on 15.12.2025: 15.09.–14.12.2025, 91 days × 6,27 % on 20.672,50 € = 2.067.250 × 0,0627 × 91/365 = 32.315,58 cents
      // → 323,15 € interest (the claim's total interest is rounded once); 20.672,50 + 323,15 = 20.995,65 €
      const due = await t.request('GET', `/api/v1/cases/${caseId}/recovery-claims?asOf=2025-12-15`, { token: tok.finance });
      expect(due.body[0]).toMatchObject({ totalOpenCents: 2_099_565 });
      const rest = await t.request('POST', `/api/v1/recovery-claims/${claimId}/repayments`, { token: tok.finance, body: { receivedOn: '2025-12-15', amountCents: 2_099_565 } });
      expect(rest.status).toBe(200);
      expect(rest.body.repayments[1]).toMatchObject({ toInterestCents: 32_315, toPrincipalCents: 2_067_250, surplusCents: 0 });

      const closed = await post(`/cases/${caseId}/transitions`, tok.finance, { transition: 'book_recovery' });
      expect(closed.status).toBe(200);
      expect(await state(caseId)).toBe('closed');
      // receipts kept 5 years from the Schlussbescheid of 02.06.2025
      expect((await settlement(caseId, tok.applicant)).body.receiptsRetainedUntil).toBe('2030-06-02');
    });
  });

  describe('(b) paid less than the final grant → the final payment (retention included) under four eyes, in the next run', () => {
    let caseId: string;

    beforeAll(async () => {
      clock.travelTo('2026-03-02T10:00:00+01:00');
      // paid 280.000 € (the retention of 34.000 € not yet); accepted 400.000 € × 80 % = 320.000 € → 40.000 € still due
      caseId = await caseInSettlement({
        payments: [{ cents: 28_000_000, paidOn: '2025-11-14' }],
        lines: [
          { amountCents: 25_000_000, acceptedCents: 25_000_000 },
          { amountCents: 15_000_000, acceptedCents: 15_000_000 },
        ],
      });
    });

    it('the settlement creates the final payment of 40.000 €, certified by a caseworker and ordered by finance, paid in the next run; then the case closes (close_case)', async () => {
      expect((await post(`/cases/${caseId}/settlement`, tok.caseworker)).status).toBe(200);
      const signed = await post(`/cases/${caseId}/settlement/sign-off`, tok.approver);
      expect(signed.status).toBe(200);
      expect(signed.body.settlement).toMatchObject({ finalGrantCents: 32_000_000, paidCents: 28_000_000, outcome: 'final_payment', outcomeCents: 4_000_000 });
      const paymentId = signed.body.settlement.finalPaymentRequestId;
      expect(paymentId).toEqual(expect.any(String));

      // not closable while the final payment is on its way
      const early = await post(`/cases/${caseId}/transitions`, tok.caseworker, { transition: 'close_case' });
      expect(early.status).toBe(422);
      expect(early.body.details.problems.map((p: any) => p.code)).toEqual(['PAYMENT_PENDING']);

      const payment = await t.request('GET', `/api/v1/payment-requests/${paymentId}`, { token: tok.applicant });
      expect(payment.body).toMatchObject({ kind: 'final', status: 'submitted', payableCents: 4_000_000 });
      expect((await t.request('GET', `/api/v1/payment-requests/${paymentId}`, { token: tok.outsider })).status).toBe(404);

      const certified = await post(`/payment-requests/${paymentId}/certify`, tok.both, {});
      expect(certified.status).toBe(200);
      expect(certified.body).toMatchObject({ status: 'certified', payableCents: 4_000_000 });
      // only finance orders (and never the certifier: the four-eyes rule of payouts applies to it as to every payment)
      expect((await post(`/payment-requests/${paymentId}/order`, tok.both)).status).toBe(403);
      const ordered = await post(`/payment-requests/${paymentId}/order`, tok.finance);
      expect(ordered.status).toBe(200);
      expect(ordered.body.status).toBe('ordered');
      const timeline = await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: tok.applicant });
      expect(timeline.body.entries.filter((e: any) => e.kind === 'payment').map((e: any) => e.summary)).toEqual(
        expect.arrayContaining(['Schlusszahlung eingereicht: 40.000,00 €', 'Schlusszahlung angeordnet: 40.000,00 €']),
      );

      const candidates = await t.request('GET', '/api/v1/payment-runs/candidates?guidelineCode=frl-lifd', { token: tok.finance });
      expect(candidates.body.payments.map((p: any) => [p.id ?? p.paymentId, p.amountCents])).toContainEqual([paymentId, 4_000_000]);
      const run = await post('/payment-runs', tok.finance, { guidelineCode: 'frl-lifd', executionDate: '2026-03-04', paymentIds: [paymentId] });
      expect(run.status).toBe(201);
      expect(run.body).toMatchObject({ transactionCount: 1, controlSumCents: 4_000_000 });
      expect((await post(`/payment-runs/${run.body.id}/export`, tok.finance)).status).toBe(200);
      clock.travelTo('2026-03-04T16:00:00+01:00');
      const confirmed = await post(`/payment-runs/${run.body.id}/confirm`, tok.finance, {});
      expect(confirmed.status).toBe(200);

      // everything paid (280.000 + 40.000 = 320.000 € = the final grant), no claim: the case closes
      const closed = await post(`/cases/${caseId}/transitions`, tok.caseworker, { transition: 'close_case' });
      expect(closed.status).toBe(200);
      expect(await state(caseId)).toBe('closed');
      // settled on 02.03.2026: receipts kept 5 years
      expect((await settlement(caseId, tok.applicant)).body).toMatchObject({ receiptsRetainedUntil: '2031-03-02', settlement: { status: 'approved', finalGrantCents: 32_000_000 } });
    });

    it('a final grant above the approved grant is impossible (the database refuses it)', async () => {
      await expect(t.db.query(`UPDATE settlements SET final_grant_cents = approved_grant_cents + 1 WHERE case_id = $1`, [caseId])).rejects.toThrow(/settlements_final_within_approved/);
      // a self-approved settlement neither
      await expect(t.db.query(`UPDATE settlements SET approved_by = prepared_by WHERE case_id = $1`, [caseId])).rejects.toThrow(/settlements_four_eyes/);
    });
  });

  describe('(c) sent back, prepared again; (d) a one-step guideline; (e) a revocation before settlement', () => {
    it('(c) the approver sends the settlement back with a reason; the caseworker prepares it again', async () => {
      clock.travelTo('2025-06-02T10:00:00+02:00');
      const caseId = await caseInSettlement({ payments: [{ cents: 20_000_000, paidOn: '2025-03-14' }], lines: [{ amountCents: 30_000_000, acceptedCents: 30_000_000 }] });
      expect((await post(`/cases/${caseId}/settlement`, tok.caseworker)).status).toBe(200);
      const noReason = await post(`/cases/${caseId}/settlement/return`, tok.approver, { reason: '' });
      expect(noReason.status).toBe(400);
      const back = await post(`/cases/${caseId}/settlement/return`, tok.approver, { reason: 'Bitte die Kürzung prüfen.' });
      expect(back.status).toBe(200);
      expect(back.body.settlement).toMatchObject({ status: 'returned', returnedReason: 'Bitte die Kürzung prüfen.' });
      expect(await state(caseId)).toBe('proof_of_use_submitted');
      expect((await post(`/cases/${caseId}/settlement/sign-off`, tok.approver)).status).toBe(409); // nothing prepared now
      const again = await post(`/cases/${caseId}/settlement`, tok.caseworker);
      expect(again.status).toBe(200);
      // 300.000 € × 80 % = 240.000 €; paid 200.000 € → final payment 40.000 €
      expect(again.body.settlement).toMatchObject({ status: 'prepared', finalGrantCents: 24_000_000, outcome: 'final_payment', outcomeCents: 4_000_000 });
      expect((await t.db.query(`SELECT status FROM settlements WHERE case_id = $1 ORDER BY prepared_at, status`, [caseId])).map((r: any) => r.status).sort()).toEqual(['prepared', 'returned']);
    });

    it('(d) st-digital settles in one caseworker step: balanced, the commitment cut to the final grant, the case closes', async () => {
      clock.travelTo('2026-03-02T10:00:00+01:00');
      // paid 81.000 € (90.000 € − 10 % retention); accepted 90.000 € × 90 % = 81.000 € → balanced
      const caseId = await caseInSettlement({ guideline: 'st-digital', payments: [{ cents: 8_100_000, paidOn: '2025-11-14' }], lines: [{ amountCents: 9_000_000, acceptedCents: 9_000_000 }] });
      const generic = await post(`/cases/${caseId}/transitions`, tok.caseworker, { transition: 'settle' });
      expect(codeOf(generic)).toBe('TRANSITION_HAS_OWN_ROUTE');
      const settled = await post(`/cases/${caseId}/settlement`, tok.caseworker);
      expect(settled.status).toBe(200);
      expect(settled.body.settlement).toMatchObject({ status: 'approved', finalGrantCents: 8_100_000, paidCents: 8_100_000, outcome: 'balanced', outcomeCents: 0, approvedBy: null });
      expect(await state(caseId)).toBe('settled');
      const open = await t.db.query(`SELECT amount_cents FROM commitments WHERE case_id = $1 AND released_at IS NULL`, [caseId]);
      expect(open.map((r: any) => Number(r.amount_cents))).toEqual([8_100_000]);
      const closed = await post(`/cases/${caseId}/transitions`, tok.caseworker, { transition: 'close_case' });
      expect(closed.status).toBe(200);
      expect((await settlement(caseId, tok.applicant)).body.receiptsRetainedUntil).toBe('2031-03-02');
    });

    it('(e) a paid case is revoked in full before settlement: all commitments released, a claim on grounds of revocation', async () => {
      clock.travelTo('2025-06-02T10:00:00+02:00');
      const before = await committed2027();
      const caseId = await caseInSettlement({ state: 'in_payment', payments: [{ cents: 10_000_000, paidOn: '2025-04-01' }], lines: [] });
      expect(await committed2027()).toBe(before + 34_000_000);
      expect((await post(`/cases/${caseId}/revocation`, tok.outsider, { dueOn: '2025-07-31', reasons: 'x' })).status).toBe(403);
      const drafted = await post(`/cases/${caseId}/revocation`, tok.caseworker, { dueOn: '2025-07-31', reasons: 'Das Vorhaben wurde aufgegeben.' });
      expect(drafted.status).toBe(200);
      // nothing settled: all that was paid, with interest from the first payment beyond 0 €
      expect(drafted.body.revocation).toMatchObject({ scope: 'full', amountCents: 10_000_000, interestFrom: '2025-04-01' });
      expect(codeOf(await post(`/cases/${caseId}/transitions`, tok.approver, { transition: 'revoke', reason: 'x' }))).toBe('TRANSITION_HAS_OWN_ROUTE');
      const signed = await post(`/cases/${caseId}/revocation/sign-off`, tok.approver);
      expect(signed.status).toBe(200);
      expect(await state(caseId)).toBe('recovery_pending');
      expect(await committed2027()).toBe(before);
      const [claim] = await t.db.query(`SELECT grounds, principal_cents, interest_from::text, due_on::text FROM recovery_claims WHERE case_id = $1`, [caseId]);
      expect(claim).toEqual({ grounds: 'revocation', principal_cents: '10000000', interest_from: '2025-04-01', due_on: '2025-07-31' });
      // the reasons are the step's public reason
      const [step] = await t.db.query(`SELECT reason FROM case_transitions WHERE case_id = $1 AND transition = 'revoke'`, [caseId]);
      expect(step.reason).toBe('Das Vorhaben wurde aufgegeben.');
    });
  });
});
