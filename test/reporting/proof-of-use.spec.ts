import { WorkflowRegistry } from '../../src/guidelines/workflow/workflow-registry';
import { Clock } from '../../src/platform/clock';
import { DocumentStore } from '../../src/platform/documents/document-store';
import { drawSample } from '../../src/reporting/domain/settlement';
import { ProofOfUseService } from '../../src/reporting/proof-of-use.service';
import { Steps } from '../applications/fixtures';
import { multipartFile, pdfOfSize, PNG_BYTES } from '../support/multipart';
import { Reply, TestApp, waitUntil } from '../support/test-app';

/** A complete Sachbericht of FRL LIfD. */
const REPORT = {
  achievedObjectives: '620 Nutzende im ersten Jahr, 24 Kurse.',
  activities: 'Werkstattkurse, offene Abende, Schulprojekte.',
  usersReached: 620,
  deviations: 'Der Lasercutter war 2.000 € günstiger als geplant.',
  sustainability: 'Weiterbetrieb durch die Stadt und die Hochschule.',
};

const problemsOf = (r: Reply) => (r.body?.details?.problems ?? []).map((p: { code: string; field: string }) => `${p.code} ${p.field}`);

describe('reporting: proof of use (Verwendungsnachweis) and its check', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let applicant: string;
  let outsider: string;
  let caseworker: string;
  let approver: string;
  let reviewer: string;
  let auditor: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const bergwiese = await t.createOrganisation('Gemeinde Bergwiese', '14713000');
    ids = {
      applicant: await t.createUser('antrag@mittweida.de', ['applicant'], mittweida),
      outsider: await t.createUser('antrag@bergwiese.example', ['applicant'], bergwiese),
      caseworker: await t.createUser('sb@sab.example', ['caseworker']),
      approver: await t.createUser('freigabe@sab.example', ['approver']),
      reviewer: await t.createUser('jury@sab.example', ['reviewer']),
      auditor: await t.createUser('pruefung@sab.example', ['auditor']),
    };
    applicant = await t.login('antrag@mittweida.de');
    outsider = await t.login('antrag@bergwiese.example');
    caseworker = await t.login('sb@sab.example');
    approver = await t.login('freigabe@sab.example');
    reviewer = await t.login('jury@sab.example');
    auditor = await t.login('pruefung@sab.example');
  });
  afterAll(() => t.close());

  /** A FRL LIfD case of the binding plan with a signed approval. Left in notice_issued (not yet in payment). */
  const approvedCase = () => steps.approvedCase(applicant, caseworker, approver);

  /** The project runs (the start step's effects belong to the reporting duties, not built here): set in the database. */
  async function inPayment(caseId: string): Promise<void> {
    await t.db.query(`UPDATE cases SET state = 'in_payment' WHERE id = $1`, [caseId]);
    clock.travelTo('2029-02-01T10:00:00+01:00');
  }

  /** A payment request of the case, inserted as payouts would leave it; its lines (with an optional receipt). */
  async function paymentRequest(caseId: string, number: number, status: string, lines: { category: string; invoice: string; amountCents: number; receipt?: Buffer }[]) {
    const [run] = await t.db.query(`INSERT INTO payment_runs (number, guideline_code, execution_date, status, created_by) VALUES ($1, 'frl-lifd', '2027-07-01', 'built', $2) RETURNING id`, [
      `R-${caseId.slice(0, 8)}-${number}`,
      ids.caseworker,
    ]);
    const paidLike = ['ordered', 'paid'].includes(status);
    const [req] = await t.db.query(
      `INSERT INTO payment_requests (case_id, number, status, requested_cents, created_by, certified_by, ordered_by, run_id) VALUES ($1, $2, $3, 0, $4, $5, $6, $7) RETURNING id`,
      [caseId, number, status, ids.applicant, status === 'draft' || status === 'submitted' ? null : ids.caseworker, paidLike ? ids.approver : null, status === 'paid' ? run.id : null],
    );
    for (const [i, l] of lines.entries()) {
      const sha = l.receipt ? await t.app.get(DocumentStore).put(l.receipt, 'application/pdf') : null;
      await t.db.query(
        `INSERT INTO payment_request_lines (request_id, position, category, invoice_number, supplier, invoice_date, due_date, amount_cents, description, receipt_sha256, receipt_filename)
         VALUES ($1, $2, $3, $4, 'Laser GmbH', '2027-05-03', '2027-06-02', $5, 'Lasercutter', $6, $7)`,
        [req.id, i, l.category, l.invoice, l.amountCents, sha, sha ? `${l.invoice}.pdf` : null],
      );
    }
  }

  const get = (caseId: string, token = applicant) => t.request('GET', `/api/v1/cases/${caseId}/proof-of-use`, { token });
  const save = (caseId: string, body: Record<string, unknown>, token = applicant) => t.request('PUT', `/api/v1/cases/${caseId}/proof-of-use`, { token, body });
  const submit = (caseId: string) => t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/submit`, { token: applicant });
  async function receipt(caseId: string, seed: string): Promise<string> {
    const { body, headers } = multipartFile(`${seed}.pdf`, pdfOfSize(400, seed), 'application/pdf');
    const res = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/receipts`, { token: applicant, body, headers });
    expect(res.status).toBe(201);
    return res.body.sha256;
  }
  /** A line to send: defaults, then the given values (of a line read back, only the keys a save takes). */
  const KEYS = ['id', 'category', 'invoiceNumber', 'supplier', 'invoiceDate', 'paidDate', 'amountCents', 'description', 'receiptSha256'];
  const line = (over: Record<string, unknown>) => ({
    category: 'equipment',
    invoiceNumber: 'RE-1',
    supplier: 'Laser GmbH',
    invoiceDate: '2027-05-03',
    paidDate: '2027-05-20',
    amountCents: 100,
    description: 'Gerät',
    receiptSha256: null,
    ...Object.fromEntries(Object.entries(over).filter(([k]) => KEYS.includes(k))),
  });

  it('refuses a proof before the case is in payment (409), to another organisation (404) and to reviewers (403)', async () => {
    const caseId = await approvedCase();
    const early = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use`, { token: applicant });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CASE_NOT_IN_PAYMENT');
    expect((await get(caseId)).body).toMatchObject({ status: 'not_started', canStart: false, version: 0 });
    await inPayment(caseId);
    expect((await get(caseId)).body).toMatchObject({ status: 'not_started', canStart: true });

    for (const [method, url] of [
      ['GET', `/api/v1/cases/${caseId}/proof-of-use`],
      ['POST', `/api/v1/cases/${caseId}/proof-of-use`],
      ['POST', `/api/v1/cases/${caseId}/proof-of-use/submit`],
    ] as const) {
      const other = await t.request(method, url, { token: outsider });
      expect([other.status, other.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
      const jury = await t.request(method, url, { token: reviewer });
      expect([jury.status, jury.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    }
    const caseworkerWrites = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use`, { token: caseworker });
    expect(caseworkerWrites.status).toBe(403);
    expect((await get(caseId, auditor)).status).toBe(200);
    // nothing was written by the refusals
    expect(await t.db.query('SELECT 1 FROM proofs_of_use WHERE case_id = $1', [caseId])).toEqual([]);
  });

  it('prefills the payment requests’ lines, totals per category by hand, refuses a stale version, and one 422 names every problem', async () => {
    const caseId = await approvedCase();
    await inPayment(caseId);
    // paid: copied; a draft and a returned request: not copied
    await paymentRequest(caseId, 1, 'paid', [
      { category: 'equipment', invoice: 'RE-2027-0815', amountCents: 4500000, receipt: pdfOfSize(300, 'RE-0815') },
      { category: 'equipment', invoice: 'RE-2027-0816', amountCents: 2000000 },
    ]);
    await paymentRequest(caseId, 2, 'draft', [{ category: 'staff', invoice: 'ENTWURF', amountCents: 999 }]);
    const created = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use`, { token: applicant });
    expect(created.status).toBe(201);
    expect(created.body.lines.map((l: any) => [l.invoiceNumber, l.amountCents, l.fromPaymentRequest, l.paidDate, l.receiptFilename])).toEqual([
      ['RE-2027-0815', 4500000, true, null, 'RE-2027-0815.pdf'],
      ['RE-2027-0816', 2000000, true, null, null],
    ]);
    expect(created.body.lines[0].inSample).toBeUndefined(); // the check is not the applicant's to see
    expect((await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use`, { token: applicant })).body.code).toBe('PROOF_OF_USE_EXISTS');

    const [first, second] = created.body.lines;
    const own = await receipt(caseId, 'RE-0900');
    const saved = await save(caseId, {
      version: 1,
      fields: REPORT,
      lines: [
        { ...line(first), paidDate: '2027-05-20' },
        { ...line(second), paidDate: '2027-06-01' },
        line({ category: 'staff', invoiceNumber: 'LA-2028', supplier: 'Lohnabrechnung', amountCents: 800000, description: 'Koordination 2028', invoiceDate: '2028-01-31', paidDate: '2028-01-31' }),
        line({ invoiceNumber: 'RE-0900', supplier: 'Druck AG', amountCents: 3000050, description: '3D-Drucker', receiptSha256: own }),
        line({ category: 'events', invoiceNumber: 'RE-77', supplier: 'Saal GmbH', amountCents: 123456, description: 'Eröffnung' }),
      ],
      thirdPartyFunds: [{ label: 'Landkreis Mittelsachsen', amountCents: 500000 }],
      income: [{ label: 'Kursentgelte', amountCents: 120000 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.lines.map((l: any) => l.id).slice(0, 2)).toEqual([first.id, second.id]); // the copied lines stay themselves
    // equipment: planned 100.000 + 23.456,79 = 123.456,79 €; stated 45.000 + 20.000 + 30.000,50 = 95.000,50 €
    // staff: planned 10.000,01 €, stated 8.000 €; events: not in the plan, 1.234,56 € stated, none of it eligible
    expect(saved.body.totals).toEqual([
      { category: 'equipment', label: expect.stringContaining('Ausstattung'), plannedCents: 12345679, actualCents: 9500050, eligibleCents: 9500050 },
      { category: 'staff', label: 'Personalausgaben', plannedCents: 1000001, actualCents: 800000, eligibleCents: 800000 },
      { category: 'events', label: expect.stringContaining('Veranstaltungen'), plannedCents: 0, actualCents: 123456, eligibleCents: 0 },
    ]);
    expect(saved.body.actualTotalCents).toBe(10423506);

    const stale = await save(caseId, { version: 1, income: [] });
    expect([stale.status, stale.body.code, stale.body.details]).toEqual([409, 'STALE_VERSION', { expectedVersion: 1, currentVersion: 2 }]);
    expect((await get(caseId)).body.income).toEqual([{ label: 'Kursentgelte', amountCents: 120000 }]);

    const foreign = await save(caseId, { version: 2, lines: [line({ receiptSha256: 'a'.repeat(64) })] });
    expect([foreign.status, ...problemsOf(foreign)]).toEqual([422, 'RECEIPT_UNKNOWN lines[0].receipt']);

    // four lines missing a receipt, a report field emptied, a supplier missing, a date before the funding period, an
    // unknown category; and a payment request still in processing
    await paymentRequest(caseId, 3, 'submitted', [{ category: 'equipment', invoice: 'RE-OFFEN', amountCents: 100 }]);
    const broken = await save(caseId, {
      version: 2,
      fields: { deviations: null },
      lines: [
        ...saved.body.lines.slice(0, 4).map((l: any) => line(l)),
        line({ category: 'catering', invoiceNumber: 'RE-99', supplier: '', invoiceDate: '2027-03-15', paidDate: '2027-04-02', amountCents: 5000, description: 'Buffet' }),
      ],
    });
    expect(broken.status).toBe(200);
    expect(broken.body.problems.length).toBe(7); // the draft's own problems; the pending payment is the workflow's check
    const refused = await submit(caseId);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHECKS_FAILED');
    expect(problemsOf(refused)).toEqual([
      'FIELD_REQUIRED fields.deviations',
      'RECEIPT_MISSING lines[1].receipt',
      'RECEIPT_MISSING lines[2].receipt',
      'CATEGORY_UNKNOWN lines[4].category',
      'FIELD_REQUIRED lines[4].supplier',
      'DATE_OUTSIDE_FUNDING_PERIOD lines[4].invoiceDate',
      'RECEIPT_MISSING lines[4].receipt',
      'PAYMENT_REQUEST_PENDING paymentRequests',
    ]);
    expect((await steps.state(caseId)).state).toBe('in_payment');
    expect((await get(caseId)).body).toMatchObject({ status: 'draft', version: 3 });
    // the applicant's work list: the proof to file
    const tasks = (await t.request('GET', '/api/v1/me/tasks', { token: applicant })).body.filter((x: any) => x.caseId === caseId);
    expect(tasks).toEqual([expect.objectContaining({ kind: 'proof_of_use', link: `/api/v1/cases/${caseId}/proof-of-use` })]);
  });

  it('submits, freezes, draws a recorded sample once, checks line by line, returns, resubmits; the accepted totals are exact', async () => {
    const caseId = await approvedCase();
    await inPayment(caseId);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use`, { token: applicant })).status).toBe(201);
    const r = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((s) => receipt(caseId, s)));
    const saved = await save(caseId, {
      version: 1,
      fields: REPORT,
      lines: [
        line({ invoiceNumber: 'RE-A', amountCents: 4500000, receiptSha256: r[0] }),
        line({ invoiceNumber: 'RE-B', amountCents: 2000000, receiptSha256: r[1] }),
        line({ invoiceNumber: 'RE-C', amountCents: 3000050, receiptSha256: r[2] }),
        line({ category: 'staff', invoiceNumber: 'LA-D', amountCents: 800000, receiptSha256: r[3] }),
        line({ category: 'staff', invoiceNumber: 'LA-E', amountCents: 200000, receiptSha256: r[4] }),
      ],
    });
    expect(saved.body.problems).toEqual([]);
    const lineIds: string[] = saved.body.lines.map((l: any) => l.id);
    const byInvoice = (inv: string) => saved.body.lines.find((l: any) => l.invoiceNumber === inv).id as string;

    // the check cannot start before the submission
    expect((await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/sample`, { token: caseworker })).body.code).toBe('PROOF_OF_USE_NOT_SUBMITTED');
    // the submission step is not taken on the generic route
    expect((await steps.transition(applicant, caseId, 'submit_proof_of_use')).body.code).toBe('TRANSITION_HAS_OWN_ROUTE');

    const submitted = await submit(caseId);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', problems: [], returned: null });
    expect((await steps.state(caseId)).state).toBe('proof_of_use_submitted');
    const frozen = await save(caseId, { version: submitted.body.version, income: [] });
    expect([frozen.status, frozen.body.code]).toEqual([409, 'PROOF_OF_USE_NOT_EDITABLE']);
    const lateReceipt = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/receipts`, { token: applicant, ...multipartFile('x.png', PNG_BYTES, 'image/png') });
    expect(lateReceipt.body.code).toBe('PROOF_OF_USE_NOT_EDITABLE');
    // the programme's mailbox hears of it (notify_caseworker); the caseworker's work list has the check
    await t.smtp.waitFor('lifd@sab.example');
    const toCheck = (await t.request('GET', '/api/v1/me/tasks', { token: caseworker })).body.filter((x: any) => x.caseId === caseId);
    expect(toCheck).toEqual([expect.objectContaining({ kind: 'check_proof_of_use', link: `/api/v1/cases/${caseId}/proof-of-use` })]);

    // the check is not done before the sample is drawn and decided
    const registry = t.app.get(WorkflowRegistry);
    const checked = () => t.db.transaction((em) => registry.check('proof_of_use_checked')!({ em, case: { id: caseId } } as any));
    expect((await checked()).map((p) => p.code)).toEqual(['SAMPLE_NOT_DRAWN']);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/sample`, { token: auditor })).status).toBe(403);
    expect((await get(caseId, caseworker)).body.sample).toBeNull();

    // half of five receipts: three, seeded by the case, the same as the pure draw
    const expected = drawSample(caseId, lineIds, 5000);
    expect(expected).toHaveLength(3);
    const drawn = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/sample`, { token: caseworker });
    expect(drawn.status).toBe(200);
    expect(drawn.body.sample).toMatchObject({ shareBp: 5000, lineIds: expected, drawnBy: ids.caseworker });
    expect(drawn.body.sample.drawnAt.slice(0, 10)).toBe('2029-02-01'); // the service's clock
    expect(drawn.body.submittedAt.slice(0, 10)).toBe('2029-02-01');
    expect(drawn.body.lines.filter((l: any) => l.inSample).map((l: any) => l.id).sort()).toEqual([...expected].sort());
    clock.travelTo('2029-02-02T10:00:00+01:00');
    const again = await t.request('POST', `/api/v1/cases/${caseId}/proof-of-use/sample`, { token: caseworker });
    expect(again.body.sample).toEqual(drawn.body.sample); // recorded: not drawn anew, same time, same person
    expect((await get(caseId, caseworker)).body.sample).toEqual(drawn.body.sample);
    expect((await get(caseId, auditor)).body.sample).toEqual(drawn.body.sample);
    expect((await get(caseId)).body.sample).toBeUndefined();
    const audits = await t.db.query(`SELECT data FROM audit_entries WHERE action = 'proof_of_use.sample_drawn' AND entity_id = $1`, [caseId]);
    expect(audits).toHaveLength(1);
    expect(audits[0].data).toMatchObject({ shareBp: 5000, lines: 5, sample: expected });
    expect((await checked()).map((p) => p.code)).toEqual(['SAMPLE_LINE_UNDECIDED', 'SAMPLE_LINE_UNDECIDED', 'SAMPLE_LINE_UNDECIDED']);

    // refusals: a sampled line without its receipt examined, a reduction without reason, one not lower
    const decide = (decisions: unknown[]) => t.request('PUT', `/api/v1/cases/${caseId}/proof-of-use/check`, { token: caseworker, body: { decisions } });
    const sampledOther = expected.find((id) => id !== byInvoice('LA-D') && id !== byInvoice('RE-C'))!;
    const bad = await decide([
      { lineId: sampledOther, decision: 'accept', receiptExamined: false },
      { lineId: byInvoice('LA-D'), decision: 'reduce', acceptedCents: 650000, receiptExamined: true },
      { lineId: byInvoice('RE-C'), decision: 'reduce', acceptedCents: 3000050, reason: 'Skonto nicht abgezogen.', receiptExamined: true },
    ]);
    expect([bad.status, ...problemsOf(bad)]).toEqual([422, 'RECEIPT_NOT_EXAMINED decisions[0].receiptExamined', 'REASON_REQUIRED decisions[1].reason', 'REDUCTION_NOT_LOWER decisions[2].acceptedCents']);
    expect((await t.db.query('SELECT 1 FROM proof_of_use_lines WHERE case_id = $1 AND decision IS NOT NULL', [caseId])).length).toBe(0);

    // reduce RE-C to 25.000 € and LA-D to 6.500 € (whether sampled or not), accept the other sampled lines
    const reductions = [
      { lineId: byInvoice('RE-C'), decision: 'reduce', acceptedCents: 2500000, reason: 'Versandkosten sind nicht zuwendungsfähig.', receiptExamined: true },
      { lineId: byInvoice('LA-D'), decision: 'reduce', acceptedCents: 650000, reason: 'Nur 65 % der Arbeitszeit für das Vorhaben.', receiptExamined: true },
    ];
    const rest = expected.filter((id) => !reductions.some((d) => d.lineId === id)).map((lineId) => ({ lineId, decision: 'accept', receiptExamined: true }));
    const decided = await decide([...reductions, ...rest]);
    expect(decided.status).toBe(200);
    expect(decided.body.checkProblems).toEqual([]);
    expect(await checked()).toEqual([]);
    // equipment 45.000 + 20.000 + 25.000 = 90.000 €; staff 6.500 + 2.000 = 8.500 €
    const service = t.app.get(ProofOfUseService);
    expect(await service.acceptedTotals(t.db.manager, caseId)).toEqual([
      { category: 'equipment', acceptedCents: 9000000 },
      { category: 'staff', acceptedCents: 850000 },
    ]);
    expect(decided.body.totals.map((x: any) => [x.category, x.actualCents, x.acceptedCents])).toEqual([
      ['equipment', 9500050, 9000000],
      ['staff', 1000000, 850000],
    ]);
    expect((await get(caseId)).body.lines[2].reductionReason).toBeUndefined();
    // once the case moved on to its settlement, the check is closed
    await t.db.query(`UPDATE cases SET state = 'settlement_prepared' WHERE id = $1`, [caseId]);
    const closed = await decide([{ lineId: byInvoice('RE-A'), decision: 'reduce', acceptedCents: 1, reason: 'Nach der Abrechnung gekürzt.', receiptExamined: true }]);
    expect([closed.status, closed.body.code]).toEqual([409, 'PROOF_OF_USE_CHECK_CLOSED']);
    await t.db.query(`UPDATE cases SET state = 'proof_of_use_submitted' WHERE id = $1`, [caseId]);

    // returned with an information request: editable again, with a deadline
    const returned = await steps.transition(caseworker, caseId, 'return_proof_of_use', 'Bitte die Rechnung RE-B im Original nachreichen.');
    expect(returned.status).toBe(200);
    expect((await steps.state(caseId)).state).toBe('in_payment');
    const [request] = await t.db.query(`SELECT message, due_on::text FROM information_requests WHERE case_id = $1`, [caseId]);
    expect(request).toEqual({ message: 'Bitte die Rechnung RE-B im Original nachreichen.', due_on: '2029-02-16' }); // 10 working days from Fri 2 Feb 2029
    const draft = await get(caseId);
    expect(draft.body.status).toBe('draft');
    expect(draft.body.returned).toEqual({ message: 'Bitte die Rechnung RE-B im Original nachreichen.', dueOn: '2029-02-16', overdue: false });
    const returnedTasks = (await t.request('GET', '/api/v1/me/tasks', { token: applicant })).body.filter((x: any) => x.caseId === caseId);
    expect(returnedTasks).toEqual([expect.objectContaining({ kind: 'proof_of_use_returned', dueOn: '2029-02-16', link: `/api/v1/cases/${caseId}/proof-of-use` })]);
    await waitUntil('the return is mailed', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.text?.includes('Bitte die Rechnung RE-B im Original nachreichen.')));
    const mail = t.smtp.to('antrag@mittweida.de').find((m) => m.text?.includes('RE-B'))!;
    expect(mail.text).toContain('Durchführung und Mittelabruf'); // the state the case is back in
    expect(mail.text).toContain('16.02.2029'); // the deadline
    // the applicant corrects RE-B (its check starts over); the rest keeps its decisions
    const corrected = await save(caseId, {
      version: draft.body.version,
      lines: draft.body.lines.map((l: any) => line({ ...l, amountCents: l.invoiceNumber === 'RE-B' ? 1950000 : l.amountCents })),
    });
    expect(corrected.status).toBe(200);
    expect((await submit(caseId)).status).toBe(200);
    // filing it again answers the information request (so its reminders and overdue lists end)
    expect((await t.db.query(`SELECT answered_by FROM information_requests WHERE case_id = $1`, [caseId]))).toEqual([{ answered_by: ids.applicant }]);
    expect((await t.request('GET', '/api/v1/me/tasks', { token: applicant })).body.filter((x: any) => x.caseId === caseId)).toEqual([]);
    const after = await get(caseId, caseworker);
    expect(after.body.sample).toEqual(drawn.body.sample); // never redrawn
    const b = after.body.lines.find((l: any) => l.invoiceNumber === 'RE-B');
    expect(b.decision).toBeNull();
    expect(after.body.lines.find((l: any) => l.invoiceNumber === 'RE-C')).toMatchObject({ decision: 'reduced', acceptedCents: 2500000 });
    expect(after.body.checkProblems.map((p: any) => p.code)).toEqual(expected.includes(b.id) ? ['SAMPLE_LINE_UNDECIDED'] : []);
    // equipment 45.000 + 19.500 + 25.000 = 89.500 €
    expect(await service.acceptedTotals(t.db.manager, caseId)).toEqual([
      { category: 'equipment', acceptedCents: 8950000 },
      { category: 'staff', acceptedCents: 850000 },
    ]);
    // the receipts are there to be examined; the audit has each step
    const file = await t.request('GET', `/api/v1/cases/${caseId}/proof-of-use/lines/${byInvoice('RE-A')}/receipt`, { token: caseworker });
    expect(file.status).toBe(200);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/proof-of-use/lines/${byInvoice('RE-A')}/receipt`, { token: outsider })).status).toBe(404);
    const actions = (await t.db.query(`SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proof_of_use.%' ORDER BY seq`, [caseId])).map((a: any) => a.action);
    expect(actions).toEqual([
      'proof_of_use.started',
      ...Array(5).fill('proof_of_use.receipt_uploaded'),
      'proof_of_use.saved',
      'proof_of_use.submitted',
      'proof_of_use.sample_drawn',
      ...Array(2 + rest.length).fill('proof_of_use.line_decided'),
      'proof_of_use.returned',
      'proof_of_use.saved',
      'proof_of_use.submitted',
    ]);
    // returned a second time: a new information request (one open at a time)
    expect((await steps.transition(caseworker, caseId, 'return_proof_of_use', 'Bitte auch die Rechnung RE-C erläutern.')).status).toBe(200);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM information_requests WHERE case_id = $1 AND answered_at IS NULL`, [caseId]))[0].n).toBe(1);
  });
});
