import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkflowRegistry } from '../../src/guidelines/workflow/workflow-registry';
import { Clock } from '../../src/platform/clock';
import { Steps, VALID_IBAN } from '../applications/fixtures';
import { multipartFile, PNG_BYTES } from '../support/multipart';
import { TestApp, waitUntil } from '../support/test-app';

/**
 * Issue 12 items 2, 3, 5 and 6 for payment requests, through HTTP from a final notice.
 * The binding plan of every case here (as in test/approvals/decisions.spec.ts): equipment 123.456,79 € × 80 % =
 * 98.765,43 €; staff 10.000,01 € × 60 % = 6.000,00 € (6.000,006 rounded down); grant 104.765,43 €; funding period
 * 1 April 2027 – 31 December 2028. Retention 10 % = 10.476,54 €; open before any payment 104.765,43 − 10.476,54 = 94.288,89 €.
 */
describe('payouts: payment requests under four eyes', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let orgA: string;
  let applicant: string;
  let applicantB: string;
  let caseworker: string;
  let approver: string;
  let finance: string;
  let allRoles: string; // caseworker + finance + admin: still never orders what they certified
  let reviewer: string;
  let auditor: string;
  let applicantId: string;
  let caseworkerId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    orgA = await t.createOrganisation('Stadt Mittweida', '14522360');
    const orgB = await t.createOrganisation('Gemeinde Bergwiese', '14713000');
    applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], orgA);
    await t.createUser('antrag@bergwiese.example', ['applicant'], orgB);
    caseworkerId = await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    await t.createUser('kasse@sab.example', ['finance']);
    await t.createUser('alles@sab.example', ['caseworker', 'finance', 'admin']);
    await t.createUser('jury@sab.example', ['reviewer']);
    await t.createUser('pruefung@sab.example', ['auditor']);
    applicant = await t.login('antrag@mittweida.de');
    applicantB = await t.login('antrag@bergwiese.example');
    caseworker = await t.login('sb@sab.example');
    approver = await t.login('freigabe@sab.example');
    finance = await t.login('kasse@sab.example');
    allRoles = await t.login('alles@sab.example');
    reviewer = await t.login('jury@sab.example');
    auditor = await t.login('pruefung@sab.example');
    // the organisation's confirmed payee account (its routes are another part of issue 12)
    await t.db.query(`INSERT INTO payee_accounts (organisation_id, holder, iban, status, created_by, confirmed_by, confirmed_at) VALUES ($1, 'Stadt Mittweida', $2, 'active', $3, $4, now())`, [
      orgA,
      VALID_IBAN.replace(/ /g, ''),
      applicantId,
      caseworkerId,
    ]);
  }, 60_000);
  afterAll(() => t?.close());

  /** A signed-off approval of the plan above; the notice is issued (not yet final). */
  const noticeIssued = () => steps.approvedCase(applicant, caseworker, approver);

  /** The notice made final by the applicant's waiver; the clock then stands on 3 May 2027 (request window: due by 3 July 2027). */
  async function finalCase(): Promise<string> {
    const caseId = await steps.finalNotice(applicant, caseworker, approver);
    clock.travelTo('2027-05-03T10:00:00+02:00');
    return caseId;
  }

  const line = (category: string, amountCents: number, invoiceDate: string, dueDate: string, n: number) => ({
    category,
    invoiceNumber: `RE-2027-${String(n).padStart(4, '0')}`,
    supplier: category === 'staff' ? 'Stadt Mittweida, Personalamt' : 'Laser GmbH, Chemnitz',
    invoiceDate,
    dueDate,
    amountCents,
    description: `Beleg ${n}`,
  });

  async function draft(caseId: string, lines: unknown[], token = applicant): Promise<any> {
    const created = await t.request('POST', `/api/v1/cases/${caseId}/payment-requests`, { token });
    expect(created.status).toBe(201);
    const saved = await t.request('PUT', `/api/v1/payment-requests/${created.body.id}`, { token, body: { version: created.body.version, lines } });
    expect(saved.status).toBe(200);
    return saved.body;
  }

  /** The workflow check submit_proof_of_use asks, run as the engine runs it. */
  async function pendingCheck(caseId: string) {
    const registry = t.app.get(WorkflowRegistry);
    const [c] = await t.db.query('SELECT id FROM cases WHERE id = $1', [caseId]);
    return registry.check('no_pending_payment_request')!({ em: t.app.get(DataSource).manager, case: c, input: {}, notes: [] } as never);
  }

  const problems = (body: any) => body.details.problems.map((p: { code: string; field: string }) => [p.code, p.field]);

  it('refuses five lines with one due outside the window and one over its category in ONE 422, then submits, certifies with a reduction and orders', async () => {
    const caseId = await finalCase();
    const created = await t.request('POST', `/api/v1/cases/${caseId}/payment-requests`, { token: applicant });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 1, status: 'draft', version: 1, lines: [] });
    const id = created.body.id;

    // a receipt by content (a PNG claimed as PDF is still read as PNG); a text file is refused by its bytes
    const receipt = await t.request('POST', `/api/v1/payment-requests/${id}/receipts`, { token: applicant, ...multipartFile('rechnung-1.png', PNG_BYTES, 'application/pdf') });
    expect(receipt.status).toBe(201);
    expect(receipt.body).toMatchObject({ filename: 'rechnung-1.png', mediaType: 'image/png', sizeBytes: PNG_BYTES.length });
    const text = await t.request('POST', `/api/v1/payment-requests/${id}/receipts`, { token: applicant, ...multipartFile('rechnung.pdf', Buffer.from('nur Text'), 'application/pdf') });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('ATTACHMENT_CONTENT_NOT_ALLOWED');

    const lines = [
      { ...line('equipment', 2_000_000, '2027-04-10', '2027-05-10', 1), receiptSha256: receipt.body.sha256 },
      line('equipment', 500_000, '2027-04-20', '2027-07-04', 2), // due one day after 3 May + 2 months
      line('staff', 400_000, '2027-04-30', '2027-05-15', 3),
      line('staff', 600_002, '2027-04-30', '2027-05-31', 4), // staff 10.000,02 € × 60 % = 6.000,012 → 6.000,01 € > 6.000,00 €
      line('equipment', 123_456, '2027-05-02', '2027-06-30', 5),
    ];
    const saved = await t.request('PUT', `/api/v1/payment-requests/${id}`, { token: applicant, body: { version: 1, lines } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.lines[0]).toMatchObject({ position: 1, receiptSha256: receipt.body.sha256, receiptFilename: 'rechnung-1.png' });
    // the preview names the same problems before submission
    expect(saved.body.problems.map((p: any) => [p.code, p.field])).toEqual([
      ['DUE_OUTSIDE_WINDOW', 'lines[1].dueDate'],
      ['CATEGORY_EXCEEDED', 'lines[3].amountCents'],
    ]);
    const stale = await t.request('PUT', `/api/v1/payment-requests/${id}`, { token: applicant, body: { version: 1, lines } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const foreign = await t.request('PUT', `/api/v1/payment-requests/${id}`, { token: applicant, body: { version: 2, lines: [{ ...lines[1], receiptSha256: 'a'.repeat(64) }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('RECEIPT_NOT_FOUND');

    const refused = await t.request('POST', `/api/v1/payment-requests/${id}/submit`, { token: applicant });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('PAYMENT_REQUEST_INVALID');
    expect(problems(refused.body)).toEqual([
      ['DUE_OUTSIDE_WINDOW', 'lines[1].dueDate'],
      ['CATEGORY_EXCEEDED', 'lines[3].amountCents'],
    ]);
    expect((await steps.state(caseId)).state).toBe('notice_final'); // nothing written

    // corrected: line 2 due on the last day of the window, line 4 at 5.000 €
    lines[1] = line('equipment', 500_000, '2027-04-20', '2027-07-03', 2);
    lines[3] = line('staff', 500_000, '2027-04-30', '2027-05-31', 4);
    const corrected = await t.request('PUT', `/api/v1/payment-requests/${id}`, { token: applicant, body: { version: 2, lines } });
    expect(corrected.body.problems).toEqual([]);
    // equipment 20.000 + 5.000 + 1.234,56 = 26.234,56 € × 80 % = 20.987,648 → 20.987,64 €; staff 9.000 € × 60 % = 5.400 € → 26.387,64 €
    expect(corrected.body.preview).toMatchObject({ payableCents: 2638764, retentionCents: 1047654, openBeforeCents: 9428889, dueByDate: '2027-07-03' });

    const submitted = await t.request('POST', `/api/v1/payment-requests/${id}/submit`, { token: applicant, headers: { 'idempotency-key': randomUUID() } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', requestedCents: 2638764, payableCents: 2638764 });
    // the first submission started the project: state, start date, reporting duties
    expect((await steps.state(caseId)).state).toBe('in_payment');
    expect((await t.db.query('SELECT project_started_on::text AS d FROM cases WHERE id = $1', [caseId]))[0].d).toBe('2027-05-03');
    expect(await t.db.query(`SELECT kind, period_end::text, due_on::text FROM reporting_duties WHERE case_id = $1 ORDER BY due_on`, [caseId])).toEqual([
      { kind: 'interim', period_end: '2027-12-31', due_on: '2028-04-30' },
      { kind: 'final', period_end: '2028-12-31', due_on: '2029-06-30' },
    ]);
    const again = await t.request('PUT', `/api/v1/payment-requests/${id}`, { token: applicant, body: { version: 3, lines } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PAYMENT_REQUEST_NOT_DRAFT');

    // the caseworker's queue and work list
    const queue = await t.request('GET', '/api/v1/payment-requests?status=submitted', { token: caseworker });
    expect(queue.body.map((r: any) => r.id)).toContain(id);
    const tasks = await t.request('GET', '/api/v1/me/tasks', { token: caseworker });
    expect(tasks.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'certify_payment', caseId, paymentRequestId: id })]));

    // certified with one reduction: line 5 (1.234,56 €) accepted at 1.000,00 €
    const line5 = submitted.body.lines[4].id;
    const noReason = await t.request('POST', `/api/v1/payment-requests/${id}/certify`, { token: caseworker, body: { reductions: [{ lineId: line5, acceptedCents: 100_000 }] } });
    expect(noReason.status).toBe(400);
    const tooHigh = await t.request('POST', `/api/v1/payment-requests/${id}/certify`, { token: caseworker, body: { reductions: [{ lineId: line5, acceptedCents: 123_456, reason: 'Keine Kürzung' }] } });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.code).toBe('REDUCTION_INVALID');
    expect((await t.request('POST', `/api/v1/payment-requests/${id}/certify`, { token: finance, body: {} })).status).toBe(403);
    const certified = await t.request('POST', `/api/v1/payment-requests/${id}/certify`, {
      token: caseworker,
      headers: { 'idempotency-key': randomUUID() },
      body: { reductions: [{ lineId: line5, acceptedCents: 100_000, reason: 'Versandkosten sind nicht zuwendungsfähig.' }] },
    });
    expect(certified.status).toBe(200);
    // equipment 20.000 + 5.000 + 1.000 = 26.000 € × 80 % = 20.800 €; staff 5.400 € → 26.200,00 €
    expect(certified.body).toMatchObject({ status: 'certified', requestedCents: 2638764, payableCents: 2620000, certifiedBy: caseworkerId });
    const download = await t.request('GET', `/api/v1/payment-requests/${id}/receipts/${receipt.body.sha256}`, { token: caseworker });
    expect([download.status, download.headers['content-type']]).toEqual([200, 'image/png']);
    expect((await t.request('GET', `/api/v1/payment-requests/${id}/receipts/${'b'.repeat(64)}`, { token: caseworker })).body.code).toBe('RECEIPT_NOT_FOUND');
    expect(certified.body.lines[4]).toMatchObject({ acceptedCents: 100000, reductionReason: 'Versandkosten sind nicht zuwendungsfähig.' });
    await waitUntil('the certification mail', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.includes('Mittelabruf Nr. 1 sachlich und rechnerisch geprüft')));
    const mail = t.smtp.to('antrag@mittweida.de').find((m) => m.subject?.includes('Mittelabruf Nr. 1 sachlich'))!;
    expect(mail.text).toContain('26.200,00 €');
    expect(mail.text).toContain('Versandkosten sind nicht zuwendungsfähig.');

    // the certifier can never order it; another person with the finance role does
    expect((await t.request('POST', `/api/v1/payment-requests/${id}/order`, { token: caseworker })).status).toBe(403);
    const ordered = await t.request('POST', `/api/v1/payment-requests/${id}/order`, { token: finance, headers: { 'idempotency-key': randomUUID() } });
    expect(ordered.status).toBe(200);
    expect(ordered.body).toMatchObject({ status: 'ordered', payableCents: 2620000 });
    expect(ordered.body.payeeAccountId).toEqual(expect.any(String));
    await waitUntil('the order mail', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.includes('Auszahlung zu Mittelabruf Nr. 1 angeordnet')));

    // the case's money: grant, retention, pending (ordered, not yet paid) and open
    const money = await t.request('GET', `/api/v1/cases/${caseId}/payment-requests`, { token: applicant });
    // open = 104.765,43 − 10.476,54 − 26.200,00 = 68.088,89 €
    expect(money.body).toMatchObject({ grantCents: 10476543, retentionCents: 1047654, paidCents: 0, pendingCents: 2620000, openCents: 6808889 });
    expect(money.body.requests[0]).not.toHaveProperty('certifiedBy'); // the agency's working papers stay inside
    const timeline = await t.request('GET', `/api/v1/cases/${caseId}/timeline`, { token: applicant });
    expect(timeline.body.entries.filter((e: any) => e.kind === 'payment').map((e: any) => e.summary)).toEqual([
      'Mittelabruf Nr. 1 eingereicht: 26.387,64 €',
      'Mittelabruf Nr. 1 geprüft: 26.200,00 €',
      'Mittelabruf Nr. 1 angeordnet: 26.200,00 €',
    ]);

    // audited, every step
    const actions = (await t.db.query(`SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'payment_request.%' ORDER BY seq`, [caseId])).map((r: any) => r.action);
    expect(actions).toEqual(['payment_request.created', 'payment_request.receipt_added', 'payment_request.saved', 'payment_request.saved', 'payment_request.submitted', 'payment_request.certified', 'payment_request.ordered']);

    // a second request on the same case draws on what is left: numbered 2
    const second = await draft(caseId, [line('equipment', 100_000, '2027-05-02', '2027-05-20', 6)]);
    expect(second).toMatchObject({ number: 2, preview: { payableCents: 80000, earlierCents: 2620000, openBeforeCents: 6808889 } });
  }, 120_000);

  it('never lets the certifier order, whatever roles they hold: 403 FOUR_EYES_VIOLATION, and the database refuses it too; finance may send back', async () => {
    const caseId = await finalCase();
    const req = await draft(caseId, [line('equipment', 1_000_000, '2027-04-10', '2027-05-10', 1)]);
    expect((await t.request('POST', `/api/v1/payment-requests/${req.id}/submit`, { token: applicant })).status).toBe(200);
    const certified = await t.request('POST', `/api/v1/payment-requests/${req.id}/certify`, { token: allRoles, body: {} });
    expect(certified.status).toBe(200);
    expect(certified.body.payableCents).toBe(800000);

    const self = await t.request('POST', `/api/v1/payment-requests/${req.id}/order`, { token: allRoles });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES_VIOLATION');
    expect((await t.db.query('SELECT status, ordered_by FROM payment_requests WHERE id = $1', [req.id]))[0]).toEqual({ status: 'certified', ordered_by: null });

    // the last line: a direct write that makes the certifier the orderer fails on the constraint
    await expect(t.db.query(`UPDATE payment_requests SET ordered_by = certified_by, ordered_at = now(), status = 'ordered' WHERE id = $1`, [req.id])).rejects.toThrow(
      /payment_requests_four_eyes/,
    );

    // finance sends it back to the caseworker with a comment: certification cleared, the certifier is told, the applicant never sees the comment
    const noComment = await t.request('POST', `/api/v1/payment-requests/${req.id}/send-back`, { token: finance, body: {} });
    expect(noComment.status).toBe(400);
    const back = await t.request('POST', `/api/v1/payment-requests/${req.id}/send-back`, { token: finance, body: { comment: 'Beleg 1 ist nicht lesbar.' } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'submitted', certifiedBy: null, sentBackComment: 'Beleg 1 ist nicht lesbar.' });
    await waitUntil('the send-back mail to the certifier', async () => t.smtp.to('alles@sab.example').some((m) => m.subject?.includes('zur erneuten Prüfung zurückgegeben')));
    const seen = await t.request('GET', `/api/v1/payment-requests/${req.id}`, { token: applicant });
    expect(JSON.stringify(seen.body)).not.toContain('nicht lesbar');
    // certified again by the same person, now finance (another person) orders
    expect((await t.request('POST', `/api/v1/payment-requests/${req.id}/certify`, { token: allRoles, body: {} })).status).toBe(200);
    const tasks = await t.request('GET', '/api/v1/me/tasks', { token: finance });
    expect(tasks.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'order_payment', caseId, paymentRequestId: req.id })]));
    // the certifier, though holding the finance role, is not given it to order
    const own = await t.request('GET', '/api/v1/me/tasks', { token: allRoles });
    expect(own.body.filter((x: any) => x.paymentRequestId === req.id)).toEqual([]);
    // the proof of use waits while a request is between submission and order (check no_pending_payment_request)
    const pending = () => pendingCheck(caseId);
    expect(await pending()).toEqual([expect.objectContaining({ code: 'PAYMENT_REQUEST_PENDING' })]);

    // an account change not yet confirmed is never paid to: with only a pending account there is nothing to order to
    const [active] = await t.db.query(`SELECT id FROM payee_accounts WHERE organisation_id = $1 AND status = 'active'`, [orgA]);
    await t.db.query(`UPDATE payee_accounts SET status = 'superseded' WHERE id = $1`, [active.id]);
    const [changed] = await t.db.query(`INSERT INTO payee_accounts (organisation_id, holder, iban, status, created_by) VALUES ($1, 'Stadt Mittweida', 'DE02120300000000202051', 'pending', $2) RETURNING id`, [orgA, applicantId]);
    const noAccount = await t.request('POST', `/api/v1/payment-requests/${req.id}/order`, { token: finance });
    expect([noAccount.status, noAccount.body.code]).toEqual([422, 'PAYEE_ACCOUNT_MISSING']);
    await t.db.query(`DELETE FROM payee_accounts WHERE id = $1`, [changed.id]);
    await t.db.query(`UPDATE payee_accounts SET status = 'active' WHERE id = $1`, [active.id]);

    const ordered = await t.request('POST', `/api/v1/payment-requests/${req.id}/order`, { token: finance });
    expect(ordered.body).toMatchObject({ status: 'ordered', payeeAccountId: active.id });
    expect(await pending()).toEqual([]);
  }, 120_000);

  it('refuses a notice that is not final, an open objection, another organisation, reviewers and writes of the auditor', async () => {
    const issued = await noticeIssued();
    const notFinal = await t.request('POST', `/api/v1/cases/${issued}/payment-requests`, { token: applicant });
    expect(notFinal.status).toBe(409);
    expect(notFinal.body.code).toBe('NOTICE_NOT_FINAL');

    const objected = await noticeIssued();
    expect((await t.request('POST', `/api/v1/cases/${objected}/objections`, { token: caseworker, body: { reason: 'Widerspruch gegen die Höhe der Zuwendung.' } })).status).toBe(201);
    const held = await t.request('POST', `/api/v1/cases/${objected}/payment-requests`, { token: applicant });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('OBJECTION_OPEN');

    const caseId = await finalCase();
    const req = await draft(caseId, [line('equipment', 100_000, '2027-04-10', '2027-05-10', 1)]);
    // another organisation: as if it did not exist
    const other = await t.request('GET', `/api/v1/payment-requests/${req.id}`, { token: applicantB });
    const nobody = await t.request('GET', `/api/v1/payment-requests/${randomUUID()}`, { token: applicantB });
    expect([other.status, other.body.code]).toEqual([404, 'PAYMENT_REQUEST_NOT_FOUND']);
    expect([nobody.status, nobody.body.code]).toEqual([404, 'PAYMENT_REQUEST_NOT_FOUND']);
    expect((await t.request('POST', `/api/v1/payment-requests/${req.id}/submit`, { token: applicantB })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/payment-requests`, { token: applicantB })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/payment-requests`, { token: applicantB })).status).toBe(404);
    // reviewers: 403 everywhere
    for (const [method, url] of [
      ['GET', `/api/v1/payment-requests/${req.id}`],
      ['GET', `/api/v1/cases/${caseId}/payment-requests`],
      ['GET', '/api/v1/payment-requests'],
      ['POST', `/api/v1/payment-requests/${req.id}/certify`],
    ] as const) {
      const res = await t.request(method, url, { token: reviewer, ...(method === 'POST' ? { body: {} } : {}) });
      expect([url, res.status]).toEqual([url, 403]);
    }
    // the auditor reads, never writes
    expect((await t.request('GET', `/api/v1/payment-requests/${req.id}`, { token: auditor })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/payment-requests/${req.id}/certify`, { token: auditor, body: {} })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/payment-requests/${req.id}/submit`, { token: caseworker })).status).toBe(403);
  }, 180_000);

  it('refuses a request beyond the open grant (the retention stays), naming the open amount', async () => {
    const caseId = await finalCase();
    // 117.861,14 € × 80 % = 94.288,912 → 94.288,91 €: 2 cents more than the 94.288,89 € open (equipment alone allows 98.765,43 €)
    const over = await draft(caseId, [line('equipment', 11_786_114, '2027-04-10', '2027-05-10', 1)]);
    const refused = await t.request('POST', `/api/v1/payment-requests/${over.id}/submit`, { token: applicant });
    expect(refused.status).toBe(422);
    expect(problems(refused.body)).toEqual([['GRANT_EXCEEDED', 'lines']]);
    expect(refused.body.details).toMatchObject({ openCents: 9428889, retentionCents: 1047654, payableCents: 9428891 });
    // 117.861,12 € × 80 % = 94.288,896 → 94.288,89 €: exactly what is open
    const fits = await t.request('PUT', `/api/v1/payment-requests/${over.id}`, { token: applicant, body: { version: over.version, lines: [line('equipment', 11_786_112, '2027-04-10', '2027-05-10', 1)] } });
    expect(fits.body.problems).toEqual([]);
    const ok = await t.request('POST', `/api/v1/payment-requests/${over.id}/submit`, { token: applicant });
    expect(ok.body).toMatchObject({ status: 'submitted', payableCents: 9428889 });
  }, 120_000);

  it('answers 50 concurrent identical submissions with one key with one submission and 50 identical replies; another body with the key is 409', async () => {
    const caseId = await finalCase();
    const req = await draft(caseId, [line('equipment', 1_000_000, '2027-04-10', '2027-05-10', 1)]);
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 50 }, () => t.request('POST', `/api/v1/payment-requests/${req.id}/submit`, { token: applicant, headers: { 'idempotency-key': key } })));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    // the same body in every reply (the replays come from jsonb, which orders keys its own way: equal as JSON, not byte for byte)
    for (const r of replies) expect(r.body).toEqual(replies[0].body);
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    expect(replies[0].body).toMatchObject({ status: 'submitted', payableCents: 800000 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'payment_request.submitted' AND data->>'requestId' = $1`, [req.id]))[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM case_transitions WHERE case_id = $1 AND transition = 'start_project'`, [caseId]))[0].n).toBe(1);

    const reused = await t.request('POST', `/api/v1/payment-requests/${req.id}/certify`, { token: applicant, headers: { 'idempotency-key': key }, body: {} });
    expect(reused.status).toBe(403); // the role guard comes first
    const otherBody = await t.request('POST', `/api/v1/payment-requests/${req.id}/submit`, { token: applicant, headers: { 'idempotency-key': key }, body: { note: 'anders' } });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  }, 120_000);

  it('never lets two concurrent submissions on one case together exceed the open grant', async () => {
    const caseId = await finalCase();
    // a first request moves the case into in_payment, so the two below race on the grant alone, not on the state change
    const first = await draft(caseId, [line('equipment', 100_000, '2027-04-09', '2027-05-09', 1)]);
    expect((await t.request('POST', `/api/v1/payment-requests/${first.id}/submit`, { token: applicant })).body.payableCents).toBe(80000);
    // open 94.288,89 − 800 = 93.488,89 €; each 60.000 € × 80 % = 48.000 € fits alone, both (96.000 €) do not
    const a = await draft(caseId, [line('equipment', 6_000_000, '2027-04-10', '2027-05-10', 2)]);
    const b = await draft(caseId, [line('equipment', 6_000_000, '2027-04-11', '2027-05-11', 3)]);
    expect([a.problems, b.problems]).toEqual([[], []]);
    const [ra, rb] = await Promise.all([a, b].map((r) => t.request('POST', `/api/v1/payment-requests/${r.id}/submit`, { token: applicant })));
    expect([ra.status, rb.status].sort()).toEqual([200, 422]);
    const lost = ra.status === 422 ? ra : rb;
    expect(problems(lost.body)).toEqual([['GRANT_EXCEEDED', 'lines']]);
    expect(lost.body.details.openCents).toBe(4548889); // 93.488,89 − 48.000 €
    expect(await t.db.query(`SELECT status, count(*)::int AS n FROM payment_requests WHERE case_id = $1 GROUP BY status ORDER BY status`, [caseId])).toEqual([
      { status: 'draft', n: 1 },
      { status: 'submitted', n: 2 },
    ]);
  }, 120_000);

});
