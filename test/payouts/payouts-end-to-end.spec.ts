import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';
import { validatePain001 } from './xmllint';

/**
 * Issue 12 end to end, only through HTTP: three FRL LIfD cases from their final notices to a confirmed SEPA run.
 * Every case has the binding plan of test/approvals/decisions.spec.ts: equipment 123.456,79 € × 80 % = 98.765,43 €,
 * staff 10.000,01 € × 60 % = 6.000,00 €, grant 104.765,43 €, funding period 1 Apr 2027 – 31 Dec 2028; retention
 * 10 % = 10.476,54 € (rounded down). The clock stands on Monday 3 May 2027 for the requests (window: due by 3 July 2027).
 */
describe('payouts end to end: three payment requests, one SEPA run, the ledger', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let mittweida: string;
  let leipzig: string;
  let finance: string;
  let finance2: string;
  let caseworker: string;
  let approver: string;
  let auditor: string;
  const tokens: Record<string, string> = {};
  const cases: { id: string; fileNumber: string; requestId: string }[] = [];
  let runId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    for (const [email, role] of [
      ['sb@sab.example', 'caseworker'],
      ['freigabe@sab.example', 'approver'],
      ['kasse@sab.example', 'finance'],
      ['kasse2@sab.example', 'finance'],
      ['pruefung@sab.example', 'auditor'],
      ['admin@sab.example', 'admin'],
    ] as const)
      await t.createUser(email, [role]);
    tokens.mittweida = await t.login('antrag@mittweida.de');
    tokens.leipzig = await t.login('antrag@leipzig.de');
    [caseworker, approver, finance, finance2, auditor] = await Promise.all(['sb', 'freigabe', 'kasse', 'kasse2', 'pruefung'].map((u) => t.login(`${u}@sab.example`)));
    const admin = await t.login('admin@sab.example');
    // structured postal addresses (EPC rules) and payee accounts, set by the organisations before any notice is final
    for (const [org, address] of [
      [mittweida, { street: 'Markt', buildingNumber: '1', postalCode: '09648', city: 'Mittweida' }],
      [leipzig, { street: 'Martin-Luther-Ring', buildingNumber: '4-6', postalCode: '04109', city: 'Leipzig' }],
    ] as const) {
      expect((await t.request('PATCH', `/api/v1/organisations/${org}`, { token: admin, body: address })).status).toBe(200);
    }
    expect((await t.request('PUT', '/api/v1/organisation/payee-account', { token: tokens.mittweida, body: { holder: 'Stadt Mittweida', iban: 'DE89 3704 0044 0532 0130 00' } })).status).toBe(200);
    const wrong = await t.request('PUT', '/api/v1/organisation/payee-account', { token: tokens.leipzig, body: { holder: 'Stadt Leipzig', iban: 'DE03 1203 0000 0000 2020 51' } });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'IBAN_INVALID']);
    expect(
      (await t.request('PUT', '/api/v1/organisation/payee-account', { token: tokens.leipzig, body: { holder: 'Stadt Leipzig Stadtkasse', iban: 'DE02 1203 0000 0000 2020 51', bic: 'BYLADEM1001' } }))
        .status,
    ).toBe(200);
  }, 60_000);
  afterAll(() => t?.close());

  async function finalCase(applicant: string): Promise<{ id: string; fileNumber: string }> {
    const leipzig = applicant === tokens.leipzig;
    const application = leipzig ? { iban: 'DE02 1203 0000 0000 2020 51', accountHolder: 'Stadt Leipzig' } : { iban: 'DE89 3704 0044 0532 0130 00', accountHolder: 'Stadt Mittweida' };
    const caseId = await steps.finalNotice(applicant, caseworker, approver, { application });
    return { id: caseId, fileNumber: (await steps.state(caseId)).file_number! };
  }

  const line = (category: string, amountCents: number, invoiceDate: string, dueDate: string, n: number) => ({
    category,
    invoiceNumber: `RE-2027-${n}`,
    supplier: category === 'staff' ? 'Stadt, Personalamt' : 'Laser GmbH, Chemnitz',
    invoiceDate,
    dueDate,
    amountCents,
    description: `Beleg ${n}`,
  });

  async function request(applicant: string, caseId: string, lines: unknown[]): Promise<{ id: string; version: number }> {
    const created = await t.request('POST', `/api/v1/cases/${caseId}/payment-requests`, { token: applicant });
    expect(created.status).toBe(201);
    const saved = await t.request('PUT', `/api/v1/payment-requests/${created.body.id}`, { token: applicant, body: { version: created.body.version, lines } });
    expect(saved.status).toBe(200);
    return { id: saved.body.id, version: saved.body.version };
  }

  it('refuses a request with a line due outside the window and one over its category in one 422; corrected, it is certified with a reduction and ordered', async () => {
    const c = await finalCase(tokens.mittweida);
    clock.travelTo('2027-05-03T10:00:00+02:00');
    const draft = await request(tokens.mittweida, c.id, [
      line('equipment', 4_000_000, '2027-04-10', '2027-05-10', 1),
      line('equipment', 1_000_000, '2027-04-20', '2027-08-15', 2), // due after 3 July 2027
      line('staff', 400_000, '2027-04-30', '2027-05-31', 3),
      line('staff', 700_000, '2027-05-02', '2027-06-01', 4), // staff 11.000 € × 60 % = 6.600 € > 6.000 € approved
      line('equipment', 234_567, '2027-05-01', '2027-06-30', 5),
    ]);
    const refused = await t.request('POST', `/api/v1/payment-requests/${draft.id}/submit`, { token: tokens.mittweida });
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems.map((p: { code: string; field: string }) => [p.code, p.field])).toEqual([
      ['DUE_OUTSIDE_WINDOW', 'lines[1].dueDate'],
      ['CATEGORY_EXCEEDED', 'lines[3].amountCents'],
    ]);
    expect((await t.db.query(`SELECT status FROM payment_requests WHERE id = $1`, [draft.id]))[0].status).toBe('draft');

    const fixed = await t.request('PUT', `/api/v1/payment-requests/${draft.id}`, {
      token: tokens.mittweida,
      body: {
        version: draft.version,
        lines: [
          line('equipment', 4_000_000, '2027-04-10', '2027-05-10', 1),
          line('equipment', 1_000_000, '2027-04-20', '2027-06-15', 2),
          line('staff', 400_000, '2027-04-30', '2027-05-31', 3),
          line('staff', 500_000, '2027-05-02', '2027-06-01', 4),
          line('equipment', 234_567, '2027-05-01', '2027-06-30', 5),
        ],
      },
    });
    expect(fixed.status).toBe(200);
    const submitted = await t.request('POST', `/api/v1/payment-requests/${draft.id}/submit`, { token: tokens.mittweida, headers: { 'idempotency-key': `submit-${draft.id}` } });
    expect(submitted.status).toBe(200);
    // equipment 52.345,67 € × 80 % = 41.876,536 → 41.876,53 €; staff 9.000,00 € × 60 % = 5.400,00 €; together 47.276,53 €
    expect(submitted.body).toMatchObject({ status: 'submitted', requestedCents: 4_727_653 });

    const lines = submitted.body.lines as { id: string; position: number }[];
    const fifth = lines.find((l) => l.position === 5) ?? lines[4];
    const certified = await t.request('POST', `/api/v1/payment-requests/${draft.id}/certify`, {
      token: caseworker,
      body: { reductions: [{ lineId: fifth.id, acceptedCents: 200_000, reason: 'Skonto von 345,67 € nicht abgezogen.' }] },
    });
    expect(certified.status).toBe(200);
    // equipment 52.000,00 € × 80 % = 41.600,00 €; + 5.400,00 € = 47.000,00 €
    expect(certified.body).toMatchObject({ status: 'certified', payableCents: 4_700_000 });
    const ordered = await t.request('POST', `/api/v1/payment-requests/${draft.id}/order`, { token: finance });
    expect(ordered.body).toMatchObject({ status: 'ordered' });
    cases.push({ ...c, requestId: draft.id });
  });

  it('orders a second and a third case (another organisation), each under four eyes', async () => {
    for (const [applicant, lines] of [
      [tokens.mittweida, [line('equipment', 1_234_567, '2027-04-12', '2027-05-12', 6)]], // × 80 % = 9.876,536 → 9.876,53 €
      [tokens.leipzig, [line('staff', 500_000, '2027-04-30', '2027-05-31', 7)]], // × 60 % = 3.000,00 €
    ] as const) {
      const c = await finalCase(applicant);
      clock.travelTo('2027-05-03T10:00:00+02:00');
      const draft = await request(applicant, c.id, [...lines]);
      expect((await t.request('POST', `/api/v1/payment-requests/${draft.id}/submit`, { token: applicant })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/payment-requests/${draft.id}/certify`, { token: caseworker, body: { reductions: [] } })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/payment-requests/${draft.id}/order`, { token: finance2 })).body.status).toBe('ordered');
      cases.push({ ...c, requestId: draft.id });
    }
  });

  it('exports the three payments as one pain.001.001.09 file that validates, with hand-checked amounts, control sum, IBANs and remittance', async () => {
    clock.travelTo('2027-05-03T15:00:00+02:00');
    const built = await t.request('POST', '/api/v1/payment-runs', { token: finance, body: { guidelineCode: 'frl-lifd', executionDate: '2027-05-05' } });
    expect(built.status).toBe(201);
    runId = built.body.id;
    expect(built.body).toMatchObject({ transactionCount: 3, controlSumCents: 5_987_653 }); // 47.000,00 + 9.876,53 + 3.000,00
    const exported = await t.request('POST', `/api/v1/payment-runs/${runId}/export`, { token: finance });
    expect(exported.status).toBe(200);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/payment-runs/${runId}/file`, headers: { authorization: `Bearer ${finance}` } });
    expect(file.statusCode).toBe(200);
    const verdict = await validatePain001(file.rawPayload);
    expect(verdict).toMatchObject({ valid: true });
    const xml = file.rawPayload.toString('utf8');
    expect(xml.match(/<NbOfTxs>3<\/NbOfTxs>/g)).toHaveLength(2);
    expect(xml.match(/<CtrlSum>59876.53<\/CtrlSum>/g)).toHaveLength(2);
    expect(xml).toContain('<ReqdExctnDt><Dt>2027-05-05</Dt></ReqdExctnDt>');
    const txs = xml
      .split('<CdtTrfTxInf>')
      .slice(1)
      .map((x) => [x.match(/<InstdAmt Ccy="EUR">([^<]+)</)![1], x.match(/<CdtrAcct><Id><IBAN>([^<]+)</)![1], x.match(/<Ustrd>([^<]+)</)![1]]);
    expect(txs.sort((a, b) => a[2].localeCompare(b[2]))).toEqual(
      [
        ['47000.00', 'DE89370400440532013000', `Zuwendung FRL LIfD Az. ${cases[0].fileNumber} Mittelabruf Nr. 1`],
        ['9876.53', 'DE89370400440532013000', `Zuwendung FRL LIfD Az. ${cases[1].fileNumber} Mittelabruf Nr. 1`],
        ['3000.00', 'DE02120300000000202051', `Zuwendung FRL LIfD Az. ${cases[2].fileNumber} Mittelabruf Nr. 1`],
      ].sort((a, b) => a[2].localeCompare(b[2])),
    );
    expect(xml).toContain('<BICFI>BYLADEM1001</BICFI>');
    expect(xml).toContain('<StrtNm>Martin-Luther-Ring</StrtNm>');
    // downloaded again: the same bytes
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/payment-runs/${runId}/file`, headers: { authorization: `Bearer ${auditor}` } });
    expect(again.rawPayload.equals(file.rawPayload)).toBe(true);
  });

  it('confirms the run once: the payments are paid, the ledger shows them, and the retention stays held back', async () => {
    clock.travelTo('2027-05-05T16:00:00+02:00');
    const ledgerBefore = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: auditor })).body.find((r: { fiscalYear: number }) => r.fiscalYear === 2027);
    const confirm = () => t.request('POST', `/api/v1/payment-runs/${runId}/confirm`, { token: finance, body: {} });
    const [first, second] = await Promise.all([confirm(), confirm()]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const ledger = (await t.request('GET', '/api/v1/guidelines/frl-lifd/calls/2026-1/ledger', { token: auditor })).body.find((r: { fiscalYear: number }) => r.fiscalYear === 2027);
    expect(ledger.paidCents - ledgerBefore.paidCents).toBe(5_987_653);
    for (const c of cases) expect((await t.db.query(`SELECT status, paid_on::text FROM payment_requests WHERE id = $1`, [c.requestId]))[0]).toEqual({ status: 'paid', paid_on: '2027-05-05' });

    // case 1: 104.765,43 − 10.476,54 retention − 47.000,00 paid = 47.288,89 € still open
    const money = await t.request('GET', `/api/v1/cases/${cases[0].id}/payment-requests`, { token: tokens.mittweida });
    expect(money.body).toMatchObject({ grantCents: 10_476_543, retentionCents: 1_047_654, paidCents: 4_700_000, pendingCents: 0, openCents: 4_728_889 });
    expect((await t.db.query('SELECT state FROM cases WHERE id = $1', [cases[0].id]))[0].state).toBe('in_payment');
  });

  it('books a payment the bank returned: its amount is open again and the ledger paid goes down', async () => {
    const returned = await t.request('POST', `/api/v1/payment-requests/${cases[2].requestId}/return`, { token: finance, body: { reasonCode: 'AC04', note: 'Konto erloschen' } });
    expect(returned.status).toBe(200);
    const money = await t.request('GET', `/api/v1/cases/${cases[2].id}/payment-requests`, { token: tokens.leipzig });
    // 104.765,43 − 10.476,54 = 94.288,89 € open again
    expect(money.body).toMatchObject({ paidCents: 0, openCents: 9_428_889 });
    const bookings = await t.db.query(`SELECT kind, amount_cents FROM ledger_bookings WHERE payment_request_id = $1 ORDER BY id`, [cases[2].requestId]);
    expect(bookings.map((b: any) => [b.kind, Number(b.amount_cents)])).toEqual([
      ['payment', 300_000],
      ['return', 300_000],
    ]);
  });
});
