import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Clock } from '../../src/platform/clock';
import { TestApp, waitUntil } from '../support/test-app';
import { orderedPayment, payeeAccount, setAddress } from './ordered-payments';
import { validatePain001 } from './xmllint';

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fw-pdf-')), 'advice.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 12 items 4–6 (runs): three ordered payments of three organisations go into one run, are exported as a
 * pain.001.001.09 file that validates against the EPC schema, confirmed as executed (paid, booked once in the
 * ledger, advice letter and mail), and one comes back from the bank. Figures are hand-checked:
 *   A 12.345,67 € + B 50.000,00 € + C 7.890,05 € = 70.235,72 € (7 023 572 cents).
 */
describe('payment runs: build, SEPA export, confirm, return', () => {
  let t: TestApp;
  let finance: string;
  let finance2: string;
  let auditor: string;
  let applicantA: string;
  let applicantB: string;
  let reviewer: string;
  let caseworker: string;
  let ids: { caseworker: string; approver: string; finance: string; applicantA: string; applicantB: string; applicantC: string; applicantD: string };
  let orgs: { A: string; B: string; C: string; D: string; E: string };
  let pA: { caseId: string; paymentId: string; fileNumber: string };
  let pB: typeof pA;
  let pC: typeof pA;
  let pD: typeof pA;
  let pE: typeof pA;
  let runId: string;
  let fileXml: string;

  const ledger2027 = async () => (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: auditor })).body.find((r: { fiscalYear: number }) => r.fiscalYear === 2027);

  beforeAll(async () => {
    t = await TestApp.start();
    t.app.get(Clock).travelTo('2027-03-01T10:00:00+01:00'); // a Monday
    orgs = {
      A: await t.createOrganisation('Gemeinde Großröhrsdorf', '14625200'),
      B: await t.createOrganisation('Stadt Leipzig', '14713000'),
      C: await t.createOrganisation('Landkreis Görlitz', '14626000'),
      D: await t.createOrganisation('Gemeinde Ohneadresse', '14522360'),
      E: await t.createOrganisation('Gemeinde Ohnekonto', '14522370'),
    };
    await setAddress(t, orgs.A, { street: 'Rathausstraße', buildingNumber: '1a', postalCode: '01900', city: 'Großröhrsdorf' });
    await setAddress(t, orgs.B, { street: 'Martin-Luther-Ring', buildingNumber: '4-6', postalCode: '04109', city: 'Leipzig' });
    await setAddress(t, orgs.C, { street: 'Robert-Koch-Straße', buildingNumber: '1', postalCode: '02906', city: 'Niesky' });
    await setAddress(t, orgs.E, { street: 'Dorfstraße', buildingNumber: '2', postalCode: '09648', city: 'Mittweida' });
    ids = {
      caseworker: await t.createUser('sb@sab.example', ['caseworker']),
      approver: await t.createUser('freigabe@sab.example', ['approver']),
      finance: await t.createUser('anordnung@sab.example', ['finance']),
      applicantA: await t.createUser('antrag@grossroehrsdorf.de', ['applicant'], orgs.A),
      applicantB: await t.createUser('antrag@leipzig.de', ['applicant'], orgs.B),
      applicantC: await t.createUser('antrag@kreis-gr.de', ['applicant'], orgs.C),
      applicantD: await t.createUser('antrag@ohneadresse.de', ['applicant'], orgs.D),
    };
    const applicantE = await t.createUser('antrag@ohnekonto.de', ['applicant'], orgs.E);
    await t.createUser('zahllauf@sab.example', ['finance']);
    await t.createUser('zahllauf2@sab.example', ['finance']);
    await t.createUser('pruefung@sab.example', ['auditor']);
    await t.createUser('gutachter@example.org', ['reviewer']);
    finance = await t.login('zahllauf@sab.example');
    finance2 = await t.login('zahllauf2@sab.example');
    auditor = await t.login('pruefung@sab.example');
    applicantA = await t.login('antrag@grossroehrsdorf.de');
    applicantB = await t.login('antrag@leipzig.de');
    reviewer = await t.login('gutachter@example.org');
    caseworker = await t.login('sb@sab.example');
    const acc = (organisationId: string, createdBy: string, holder: string, iban: string, bic: string | null, status: 'active' | 'pending') =>
      payeeAccount(t, { organisationId, holder, iban, bic, status, createdBy, confirmedBy: ids.caseworker });
    await acc(orgs.A, ids.applicantA, 'Gemeinde Großröhrsdorf', 'DE89370400440532013000', 'COBADEFFXXX', 'active');
    await acc(orgs.B, ids.applicantB, 'Stadt Leipzig', 'DE02120300000000202051', null, 'active');
    // B asked to change its account; nobody confirmed it: it must never be paid to
    await acc(orgs.B, ids.applicantB, 'Stadt Leipzig Neu', 'DE02500105170137075030', null, 'pending');
    await acc(orgs.C, ids.applicantC, 'Landkreis Görlitz', 'DE12500105170648489890', 'INGDDEFFXXX', 'active');
    await acc(orgs.D, ids.applicantD, 'Gemeinde Ohneadresse', 'DE75512108001245126199', null, 'active');
    await acc(orgs.E, applicantE, 'Gemeinde Ohnekonto', 'DE91100000000123456789', null, 'pending');
    const common = { caseworkerId: ids.caseworker, approverId: ids.approver, financeId: ids.finance };
    pA = await orderedPayment(t, { ...common, organisationId: orgs.A, applicantId: ids.applicantA, amountCents: 1_234_567, title: 'Werkstatt Großröhrsdorf', orderedAt: '2027-02-20T10:00:00+01:00' });
    pB = await orderedPayment(t, { ...common, organisationId: orgs.B, applicantId: ids.applicantB, amountCents: 5_000_000, orderedAt: '2027-02-21T10:00:00+01:00' });
    pC = await orderedPayment(t, { ...common, organisationId: orgs.C, applicantId: ids.applicantC, amountCents: 789_005, orderedAt: '2027-02-22T10:00:00+01:00' });
    pD = await orderedPayment(t, { ...common, organisationId: orgs.D, applicantId: ids.applicantD, amountCents: 100_000, orderedAt: '2027-02-27T10:00:00+01:00' });
    pE = await orderedPayment(t, { ...common, organisationId: orgs.E, applicantId: applicantE, amountCents: 200_000, orderedAt: '2027-02-27T11:00:00+01:00' });
  });
  afterAll(() => t.close());

  it('shows the candidates with their sum, and what keeps two of them out', async () => {
    const res = await t.request('GET', '/api/v1/payment-runs/candidates?guidelineCode=frl-lifd', { token: finance });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    expect(res.body.sumCents).toBe(7_023_572);
    const byFile = Object.fromEntries(res.body.payments.map((p: any) => [p.fileNumber, p]));
    expect(byFile[pB.fileNumber].payee).toEqual({ holder: 'Stadt Leipzig', iban: 'DE02120300000000202051', bic: null }); // not the pending account
    expect(byFile[pD.fileNumber].problems.map((p: any) => p.code)).toEqual(['PAYEE_ADDRESS_INCOMPLETE']);
    expect(byFile[pD.fileNumber].problems[0].message).toContain(pD.fileNumber);
    expect(byFile[pE.fileNumber].problems.map((p: any) => p.code)).toEqual(['PAYEE_ACCOUNT_MISSING']);
    expect(byFile[pE.fileNumber].payee).toBeNull();
    // ordered on or before 21 Feb: A and B only
    const early = await t.request('GET', '/api/v1/payment-runs/candidates?guidelineCode=frl-lifd&orderedBefore=2027-02-21', { token: finance });
    expect(early.body.payments.map((p: any) => p.fileNumber)).toEqual([pA.fileNumber, pB.fileNumber]);
    expect(early.body.sumCents).toBe(6_234_567);
  });

  it('refuses execution dates that are no TARGET2 business day or in the past', async () => {
    const build = (executionDate: string) => t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate, paymentIds: [pA.paymentId] } });
    for (const [date, why] of [
      ['2027-03-26', 'Good Friday'],
      ['2027-03-29', 'Easter Monday'],
      ['2027-03-06', 'Saturday'],
    ]) {
      const res = await build(date);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('EXECUTION_DATE_NOT_BUSINESS_DAY');
      expect(res.body.details.problems).toEqual([{ code: 'EXECUTION_DATE_NOT_BUSINESS_DAY', field: 'executionDate', message: expect.stringContaining(why) }]);
    }
    const past = await build('2027-02-26');
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('EXECUTION_DATE_IN_PAST');
    const bad = await build('2027-02-30');
    expect(bad.status).toBe(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payment_runs`))[0].n).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payment_requests WHERE run_id IS NOT NULL`))[0].n).toBe(0);
  });

  it('refuses a run with a payment whose organisation lacks an address or an active account, naming each', async () => {
    const res = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-02' } });
    expect(res.status).toBe(422);
    expect(res.body.details.problems.map((p: any) => p.code).sort()).toEqual(['PAYEE_ACCOUNT_MISSING', 'PAYEE_ADDRESS_INCOMPLETE']);
    expect(res.body.details.problems.find((p: any) => p.code === 'PAYEE_ADDRESS_INCOMPLETE').message).toBe(
      `Payment 1 of ${pD.fileNumber}: the organisation's postal address lacks street, building number, postcode, town (SEPA needs a structured address).`,
    );
    expect(res.body.details.problems.find((p: any) => p.code === 'PAYEE_ACCOUNT_MISSING').message).toContain(pE.fileNumber);
    const listed = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-02', paymentIds: [pA.paymentId, pD.paymentId] } });
    expect(listed.status).toBe(422);
    expect(listed.body.details.problems).toEqual([expect.objectContaining({ code: 'PAYEE_ADDRESS_INCOMPLETE', field: 'paymentIds[1]' })]);
    const wrongGuideline = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'st-digital', executionDate: '2027-03-02', paymentIds: [pA.paymentId] } });
    expect(wrongGuideline.status).toBe(422);
    expect(wrongGuideline.body.code).toBe('PAYMENT_OF_OTHER_GUIDELINE');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payment_runs`))[0].n).toBe(0);
  });

  it('lets only finance build, export, confirm and book returns (applicant, reviewer, caseworker, auditor 403)', async () => {
    const body = { guidelineCode: 'frl-lifd', executionDate: '2027-03-02', paymentIds: [pA.paymentId] };
    for (const token of [applicantA, reviewer, caseworker, auditor]) {
      const res = await t.request('POST', '/api/v1/payment-runs', { token, body });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await t.request('POST', `/api/v1/payment-requests/${pA.paymentId}/return`, { token, body: { reasonCode: 'AC04' } })).status).toBe(403);
    }
    for (const token of [applicantA, reviewer, caseworker]) {
      expect((await t.request('GET', '/api/v1/payment-runs', { token })).status).toBe(403);
    }
    expect((await t.request('GET', '/api/v1/payment-runs', { token: auditor })).status).toBe(200);
  });

  it('builds a run of the three payments, with the active accounts and hand-checked figures', async () => {
    const res = await t.request('POST', '/api/v1/payment-runs', {
      token: finance,
      headers: { 'idempotency-key': 'build-1' },
      body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-02', paymentIds: [pA.paymentId, pB.paymentId, pC.paymentId] },
    });
    expect(res.status).toBe(201);
    runId = res.body.id;
    expect(res.body).toMatchObject({ number: 'ZL-2027-00001', status: 'built', executionDate: '2027-03-02', transactionCount: 3, controlSumCents: 7_023_572, sha256: null });
    expect(res.body.payments.map((p: any) => [p.fileNumber, p.amountCents, p.payee.iban, p.endToEndId])).toEqual([
      [pA.fileNumber, 1_234_567, 'DE89370400440532013000', `${pA.fileNumber}-1`],
      [pB.fileNumber, 5_000_000, 'DE02120300000000202051', `${pB.fileNumber}-1`],
      [pC.fileNumber, 789_005, 'DE12500105170648489890', `${pC.fileNumber}-1`],
    ]);
    // the same key and body replays the answer and builds nothing more; another body with it is refused
    const again = await t.request('POST', '/api/v1/payment-runs', {
      token: finance,
      headers: { 'idempotency-key': 'build-1' },
      body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-02', paymentIds: [pA.paymentId, pB.paymentId, pC.paymentId] },
    });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(res.body);
    const other = await t.request('POST', '/api/v1/payment-runs', { token: finance, headers: { 'idempotency-key': 'build-1' }, body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-03', paymentIds: [pA.paymentId] } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // a payment already in a run cannot go into another
    const twice = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-03', paymentIds: [pA.paymentId] } });
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('PAYMENT_ALREADY_IN_RUN');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payment_runs`))[0].n).toBe(1);
    const [audit] = await t.db.query(`SELECT data FROM audit_entries WHERE action = 'payment_run.built'`);
    expect(audit.data).toMatchObject({ number: 'ZL-2027-00001', transactionCount: 3, controlSumCents: 7_023_572 });
    expect([...audit.data.paymentIds].sort()).toEqual([pA.paymentId, pB.paymentId, pC.paymentId].sort());
  });

  it('exports the run as a pain.001.001.09 file that validates and carries the hand-checked figures', async () => {
    const res = await t.request('POST', `/api/v1/payment-runs/${runId}/export`, { token: finance, headers: { 'idempotency-key': 'export-1' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'exported', messageId: 'FW-ZL-2027-00001' });
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/payment-runs/${runId}/file`, headers: { authorization: `Bearer ${auditor}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/xml');
    expect(file.headers['content-disposition']).toBe('attachment; filename="ZL-2027-00001.xml"');
    expect(sha(file.rawPayload)).toBe(res.body.sha256);
    fileXml = file.rawPayload.toString('utf8');
    const verdict = await validatePain001(file.rawPayload);
    expect(verdict.output).toContain('validates');
    expect(verdict.valid).toBe(true);
    // group header and payment information: 3 transactions, 70235.72
    expect(fileXml.match(/<NbOfTxs>3<\/NbOfTxs>/g)).toHaveLength(2);
    expect(fileXml.match(/<CtrlSum>70235.72<\/CtrlSum>/g)).toHaveLength(2);
    expect(fileXml).toContain('<ReqdExctnDt><Dt>2027-03-02</Dt></ReqdExctnDt>');
    expect(fileXml).toContain('<CreDtTm>2027-03-01T');
    expect(fileXml).toContain('<Dbtr><Nm>Saechsische Aufbaubank - Foerderbank -</Nm></Dbtr>\n<DbtrAcct><Id><IBAN>DE34860000000086001500</IBAN></Id></DbtrAcct>\n<DbtrAgt><FinInstnId><BICFI>MARKDEF1860</BICFI></FinInstnId></DbtrAgt>');
    const txs = fileXml.split('<CdtTrfTxInf>').slice(1);
    expect(txs.map((x) => [x.match(/<InstdAmt Ccy="EUR">([^<]+)</)![1], x.match(/<CdtrAcct><Id><IBAN>([^<]+)</)![1], x.match(/<Ustrd>([^<]+)</)![1], x.match(/<EndToEndId>([^<]+)</)![1]])).toEqual([
      ['12345.67', 'DE89370400440532013000', `Zuwendung FRL LIfD Az. ${pA.fileNumber} Mittelabruf Nr. 1`, `${pA.fileNumber}-1`],
      ['50000.00', 'DE02120300000000202051', `Zuwendung FRL LIfD Az. ${pB.fileNumber} Mittelabruf Nr. 1`, `${pB.fileNumber}-1`],
      ['7890.05', 'DE12500105170648489890', `Zuwendung FRL LIfD Az. ${pC.fileNumber} Mittelabruf Nr. 1`, `${pC.fileNumber}-1`],
    ]);
    expect(txs[0]).toContain('<CdtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></CdtrAgt>');
    expect(txs[1]).not.toContain('<CdtrAgt>'); // no BIC given
    expect(txs[0]).toContain('<Nm>Gemeinde Grossroehrsdorf</Nm>\n<PstlAdr>\n<StrtNm>Rathausstrasse</StrtNm>\n<BldgNb>1a</BldgNb>\n<PstCd>01900</PstCd>\n<TwnNm>Grossroehrsdorf</TwnNm>\n<Ctry>DE</Ctry>\n</PstlAdr>');
    expect(fileXml).not.toContain('DE02500105170137075030'); // B's pending account
    // immutable: no second export; the same key replays; the download stays byte-identical
    const again = await t.request('POST', `/api/v1/payment-runs/${runId}/export`, { token: finance });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RUN_ALREADY_EXPORTED');
    const replay = await t.request('POST', `/api/v1/payment-runs/${runId}/export`, { token: finance, headers: { 'idempotency-key': 'export-1' } });
    expect(replay.status).toBe(200);
    expect(replay.body.sha256).toBe(res.body.sha256);
    const second = await t.app.inject({ method: 'GET', url: `/api/v1/payment-runs/${runId}/file`, headers: { authorization: `Bearer ${finance}` } });
    expect(Buffer.compare(second.rawPayload, file.rawPayload)).toBe(0);
    const [run] = await t.db.query(`SELECT sha256 FROM payment_runs WHERE id = $1`, [runId]);
    expect(run.sha256).toBe(sha(second.rawPayload));
    // the database refuses to change an exported run or a payment in it, whatever the code would do
    await expect(t.db.query(`UPDATE payment_runs SET control_sum_cents = 1 WHERE id = $1`, [runId])).rejects.toThrow('cannot change');
    await expect(t.db.query(`UPDATE payment_runs SET status = 'built' WHERE id = $1`, [runId])).rejects.toThrow('cannot change');
    await expect(t.db.query(`UPDATE payment_requests SET payable_cents = 1 WHERE id = $1`, [pA.paymentId])).rejects.toThrow('is in a payment run');
    await expect(t.db.query(`UPDATE payment_requests SET run_id = NULL WHERE id = $1`, [pA.paymentId])).rejects.toThrow('is in a payment run');
    await expect(t.db.query(`UPDATE payment_requests SET status = 'certified' WHERE id = $1`, [pA.paymentId])).rejects.toThrow('is in a payment run');
  });

  it('refuses to confirm before the execution date, then confirms: paid and booked once in the ledger', async () => {
    const before = await ledger2027();
    expect(before.paidCents).toBe(0);
    const early = await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, body: {} });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('RUN_NOT_YET_DUE');
    t.app.get(Clock).travelTo('2027-03-02T16:00:00+01:00');
    const future = await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, body: { bookedOn: '2027-03-03' } });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('BOOKING_DATE_IN_FUTURE');
    const tooEarly = await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, body: { bookedOn: '2027-03-01' } });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.details.problems).toEqual([{ code: 'BOOKING_DATE_BEFORE_EXECUTION', field: 'bookedOn', message: expect.stringContaining('2027-03-02') }]);
    expect((await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: auditor, body: {} })).status).toBe(403);
    const res = await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, headers: { 'idempotency-key': 'confirm-1' }, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('executed');
    expect(res.body.payments.map((p: any) => [p.status, p.paidOn])).toEqual([
      ['paid', '2027-03-02'],
      ['paid', '2027-03-02'],
      ['paid', '2027-03-02'],
    ]);
    expect((await ledger2027()).paidCents).toBe(7_023_572);
    // twice: the same key replays, a new key is refused; either way nothing is booked again
    const replay = await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, headers: { 'idempotency-key': 'confirm-1' }, body: {} });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const twice = await t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance2, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('RUN_ALREADY_EXECUTED');
    const parallel = await Promise.all([1, 2, 3, 4].map(() => t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, body: {} })));
    expect(parallel.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect((await ledger2027()).paidCents).toBe(7_023_572);
    const bookings = await t.db.query(`SELECT kind, amount_cents::int AS amount, fiscal_year, booked_on::text FROM ledger_bookings ORDER BY amount_cents`);
    expect(bookings).toEqual([
      { kind: 'payment', amount: 789_005, fiscal_year: 2027, booked_on: '2027-03-02' },
      { kind: 'payment', amount: 1_234_567, fiscal_year: 2027, booked_on: '2027-03-02' },
      { kind: 'payment', amount: 5_000_000, fiscal_year: 2027, booked_on: '2027-03-02' },
    ]);
    const actions = (await t.db.query(`SELECT action FROM audit_entries WHERE entity_type = 'payment_run' ORDER BY seq`)).map((r: any) => r.action);
    expect(actions).toEqual(['payment_run.built', 'payment_run.exported', 'payment_run.executed']);
    const [executed] = await t.db.query(`SELECT actor_id, data FROM audit_entries WHERE action = 'payment_run.executed'`);
    expect(executed.data).toMatchObject({ paidOn: '2027-03-02', transactionCount: 3, paidCents: 7_023_572 });
    expect(executed.data.paidPaymentIds).toHaveLength(3);
  });

  it('sends each applicant a payment advice letter and mail, listed on the case only for its organisation', async () => {
    await waitUntil('three advices', async () => (await t.db.query(`SELECT count(*)::int AS n FROM payment_advices`))[0].n === 3, 30_000);
    const [mail] = await t.smtp.waitFor('antrag@grossroehrsdorf.de');
    expect(mail.subject).toBe(`${pA.fileNumber}: Auszahlung von 12.345,67 €`);
    expect(mail.text).toContain('am 02.03.2027 12.345,67 € auf Ihr Konto DE89 **** **** **** **30 00 überwiesen');
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0].content as Buffer;
    const list = await t.request('GET', `/api/v1/cases/${pA.caseId}/payment-advices`, { token: applicantA });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ paymentRequestId: pA.paymentId, paymentNumber: 1, amountCents: 1_234_567, paidOn: '2027-03-02', sha256: sha(pdf), issuedAt: expect.any(String) }]);
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/payment-requests/${pA.paymentId}/advice`, headers: { authorization: `Bearer ${applicantA}` } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(sha(download.rawPayload)).toBe(sha(pdf));
    const text = pdfText(pdf);
    expect(text).toContain('Auszahlungsmitteilung');
    expect(text).toContain('Werkstatt Großröhrsdorf');
    expect(text).toContain('12.345,67 €');
    expect(text).toContain('Rathausstraße 1a');
    expect(text).not.toContain('Prüfcode');
    if (process.env.ADVICE_PNG) writeFileSync(process.env.ADVICE_PNG, pdf);
    // another organisation's applicant: as if it did not exist
    expect((await t.request('GET', `/api/v1/cases/${pA.caseId}/payment-advices`, { token: applicantB })).status).toBe(404);
    const foreign = await t.request('GET', `/api/v1/payment-requests/${pA.paymentId}/advice`, { token: applicantB });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('PAYMENT_ADVICE_NOT_FOUND');
    await t.smtp.waitFor('antrag@leipzig.de');
    await t.smtp.waitFor('antrag@kreis-gr.de');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.smtp.to('antrag@grossroehrsdorf.de')).toHaveLength(1);
  });

  it('books a returned payment: returned, the ledger takes it back, its amount is open again, the applicant is told', async () => {
    const notPaid = await t.request('POST', `/api/v1/payment-requests/${pD.paymentId}/return`, { token: finance, body: { reasonCode: 'AC04' } });
    expect(notPaid.status).toBe(409);
    expect(notPaid.body.code).toBe('PAYMENT_NOT_PAID');
    const badCode = await t.request('POST', `/api/v1/payment-requests/${pB.paymentId}/return`, { token: finance, body: { reasonCode: 'XX99' } });
    expect(badCode.status).toBe(400);
    const res = await t.request('POST', `/api/v1/payment-requests/${pB.paymentId}/return`, {
      token: finance,
      headers: { 'idempotency-key': 'return-1' },
      body: { reasonCode: 'AC04', note: 'Rückläufer laut Kontoauszug vom 05.03.2027' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: pB.paymentId, status: 'returned', returnReasonCode: 'AC04', paidOn: '2027-03-02' });
    expect((await ledger2027()).paidCents).toBe(2_023_572); // 7 023 572 − 5 000 000
    const replay = await t.request('POST', `/api/v1/payment-requests/${pB.paymentId}/return`, { token: finance, headers: { 'idempotency-key': 'return-1' }, body: { reasonCode: 'AC04', note: 'Rückläufer laut Kontoauszug vom 05.03.2027' } });
    expect(replay.status).toBe(200);
    const twice = await t.request('POST', `/api/v1/payment-requests/${pB.paymentId}/return`, { token: finance, body: { reasonCode: 'AC04' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('PAYMENT_ALREADY_RETURNED');
    expect((await ledger2027()).paidCents).toBe(2_023_572);
    expect(await t.db.query(`SELECT kind, amount_cents::int AS amount, fiscal_year FROM ledger_bookings WHERE payment_request_id = $1 ORDER BY id`, [pB.paymentId])).toEqual([
      { kind: 'payment', amount: 5_000_000, fiscal_year: 2027 },
      { kind: 'return', amount: 5_000_000, fiscal_year: 2027 },
    ]);
    await waitUntil('the return mail', async () => t.smtp.to('antrag@leipzig.de').length === 2);
    const mail = t.smtp.to('antrag@leipzig.de').find((m) => m.subject?.includes('zurückgekommen'))!;
    expect(mail.subject).toBe(`${pB.fileNumber}: Zahlung von 50.000,00 € zurückgekommen`);
    expect(mail.text).toContain('(AC04: Konto aufgelöst)');
    const [audit] = await t.db.query(`SELECT actor_id, data FROM audit_entries WHERE action = 'payment.returned'`);
    expect(audit.data).toMatchObject({ reasonCode: 'AC04', amountCents: 5_000_000 });
  });

  it('puts a payment into at most one run when many builds race for it', async () => {
    const common = { caseworkerId: ids.caseworker, approverId: ids.approver, financeId: ids.finance };
    const p1 = await orderedPayment(t, { ...common, organisationId: orgs.A, applicantId: ids.applicantA, amountCents: 10_000 });
    const p2 = await orderedPayment(t, { ...common, organisationId: orgs.C, applicantId: ids.applicantC, amountCents: 20_000 });
    const tokens = [finance, finance2];
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.request('POST', '/api/v1/payment-runs', { token: tokens[i % 2], body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-03', paymentIds: i % 3 === 0 ? [p2.paymentId, p1.paymentId] : [p1.paymentId, p2.paymentId] } }),
      ),
    );
    const ok = replies.filter((r) => r.status === 201);
    expect(ok).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) {
      expect([409, 422]).toContain(r.status);
      expect(['PAYMENTS_TAKEN_BY_OTHER_RUN', 'PAYMENT_ALREADY_IN_RUN']).toContain(r.body.code);
    }
    const runs = await t.db.query(`SELECT DISTINCT run_id FROM payment_requests WHERE id = ANY($1)`, [[p1.paymentId, p2.paymentId]]);
    expect(runs).toEqual([{ run_id: ok[0].body.id }]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payment_runs`))[0].n).toBe(2);
    expect(ok[0].body.controlSumCents).toBe(30_000);
    // built, not exported: no file yet, and no confirmation
    const file = await t.request('GET', `/api/v1/payment-runs/${ok[0].body.id}/file`, { token: finance });
    expect(file.status).toBe(409);
    expect(file.body.code).toBe('RUN_NOT_EXPORTED');
    const confirm = await t.request('POST', `/api/v1/payment-runs/${ok[0].body.id}/confirm`, { token: finance, body: {} });
    expect(confirm.status).toBe(409);
    expect(confirm.body.code).toBe('RUN_NOT_EXPORTED');
  });

  it('answers 404 for runs that do not exist and 400/404 for bad candidate queries', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['GET', `/api/v1/payment-runs/${none}`],
      ['GET', `/api/v1/payment-runs/${none}/file`],
      ['POST', `/api/v1/payment-runs/${none}/export`],
    ] as const) {
      const res = await t.request(method, url, { token: finance });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('PAYMENT_RUN_NOT_FOUND');
    }
    const ret = await t.request('POST', `/api/v1/payment-requests/${none}/return`, { token: finance, body: { reasonCode: 'AC04' } });
    expect(ret.body.code).toBe('PAYMENT_REQUEST_NOT_FOUND');
    expect((await t.request('GET', '/api/v1/payment-runs/candidates?guidelineCode=nope', { token: finance })).body.code).toBe('GUIDELINE_NOT_FOUND');
    expect((await t.request('GET', '/api/v1/payment-runs/candidates', { token: finance })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/payment-runs/candidates?guidelineCode=frl-lifd&orderedBefore=gestern', { token: finance })).status).toBe(400);
    const unknown = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-03', paymentIds: [none] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.details.problems).toEqual([{ code: 'PAYMENT_NOT_FOUND', field: 'paymentIds[0]', message: expect.any(String) }]);
    const extra = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-03-03', amountCents: 5 } });
    expect(extra.status).toBe(400);
  });
});
