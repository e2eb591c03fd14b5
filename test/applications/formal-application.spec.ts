import { Clock } from '../../src/platform/clock';
import { multipartFile, PDF_BYTES, PNG_BYTES } from '../support/multipart';
import { TestApp, waitUntil } from '../support/test-app';

const LIFD_APPLICATION_FIELDS = {
  projectTitle: 'Makerspace Mittweida',
  projectDescription: 'Offene Werkstatt mit digitaler Fertigung.',
  objectives: 'Digitale Kompetenzen im ländlichen Raum stärken.',
  workPlan: 'Q1 Umbau, Q2 Ausstattung, Q3 Eröffnung.',
  operatingModel: 'Betrieb durch die Stadt mit Ehrenamt.',
  sustainabilityConcept: 'Nutzungsentgelte und kommunaler Haushalt.',
  projectNotStarted: true,
  inputTaxDeductible: false,
  otherFundingApplied: false,
  contactPerson: 'Karin Schmidt',
  contactEmail: 'k.schmidt@mittweida.de',
  contactPhone: '03727 000000',
};

describe('formal applications (stage 2), information requests, withdrawal', () => {
  let t: TestApp;
  let clock: Clock;
  let applicant: string;
  let mittweidaApplicant: string;
  let hettstedt: string; // Digitale Orte ST admits applicants from Saxony-Anhalt only
  let caseworker: string;

  beforeAll(async () => {
    t = await TestApp.start();
    clock = t.app.get(Clock);
    clock.travelTo('2026-11-13T10:00:00+01:00'); // a Friday
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@hettstedt.example', ['applicant'], await t.createOrganisation('Stadt Hettstedt', '15087205'));
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    mittweidaApplicant = applicant = await t.login('antrag@mittweida.de');
    hettstedt = await t.login('antrag@hettstedt.example');
    caseworker = await t.login('sachbearbeitung@sab.example');
  });
  afterAll(() => t.close());
  beforeEach(() => {
    applicant = mittweidaApplicant;
  });

  async function attach(caseId: string, type: string, data = PDF_BYTES, query = '') {
    const { body, headers } = multipartFile('anlage.pdf', data, 'application/pdf');
    return t.request('POST', `/api/v1/cases/${caseId}/attachments?type=${type}${query}`, { token: applicant, body, headers });
  }

  /** A concept saved and put into "invited" (the jury step is the next module). */
  async function invitedCase(guidelineCode: string, callCode: string, plan: Record<string, unknown>): Promise<string> {
    const d = (await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode, callCode } })).body;
    expect((await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 1, fields: { title: 'Vorhaben' }, ...plan } })).status).toBe(200);
    await t.db.query(`UPDATE cases SET state = 'invited', file_number = $2 WHERE id = $1`, [d.caseId, `TEST-${d.caseId.slice(0, 8)}`]);
    return d.caseId;
  }

  it('runs the formal application of FRL LIfD from invitation to a complete file', async () => {
    const caseId = await invitedCase('frl-lifd', '2026-1', {
      variant: 'stationary',
      locationAgs: '14522360',
      costs: [{ category: 'equipment', amountCents: 12345679 }],
      ownContributionCents: 2469136,
    });
    const started = await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    expect(started.status).toBe(201);
    expect(started.body.state).toBe('application_draft');
    const app = (await t.request('GET', `/api/v1/cases/${caseId}/application`, { token: applicant })).body;
    expect(app).toMatchObject({ stage: 'application', version: 1, variant: 'stationary', locationAgs: '14522360', costs: [{ category: 'equipment', amountCents: 12345679 }] });

    const saved = await t.request('PUT', `/api/v1/cases/${caseId}/application`, {
      token: applicant,
      body: {
        version: 1,
        fields: LIFD_APPLICATION_FIELDS,
        costs: [
          { category: 'equipment', amountCents: 12345679, fiscalYear: 2027, description: 'Lasercutter' }, // × 80 % = 98.765,43 €
          { category: 'staff', amountCents: 1000001, fiscalYear: 2028, description: 'Koordination' }, // × 60 % = 6.000,00 €
        ],
        ownContributionCents: 2869137, // 133.456,80 − 104.765,43 = 28.691,37 €
        fundingStart: '2026-10-01',
        fundingEnd: '2028-12-31',
        iban: 'DE89 3704 0044 0532 0130 01',
        accountHolder: 'Stadt Mittweida',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.calculation.perCategory).toEqual([
      { category: 'equipment', eligibleCents: 12345679, rateBp: 8000, grantCents: 9876543 },
      { category: 'staff', eligibleCents: 1000001, rateBp: 6000, grantCents: 600000 },
    ]);
    expect(saved.body.grantCents).toBe(10476543);
    expect(saved.body.iban).toBe('DE89370400440532013001');
    const codes = saved.body.problems.map((p: { code: string }) => p.code).sort();
    expect(codes).toEqual(['ATTACHMENT_MISSING', 'ATTACHMENT_MISSING', 'ATTACHMENT_MISSING', 'EARLY_START_NOT_APPROVED', 'IBAN_INVALID']);

    const blocked = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(blocked.status).toBe(422);
    expect(blocked.body.details.problems.map((f: { code: string }) => f.code).sort()).toEqual(codes);

    // fix the IBAN, ask for an early start and have it approved, attach the required files
    await t.request('PUT', `/api/v1/cases/${caseId}/application`, { token: applicant, body: { version: 2, iban: 'DE89 3704 0044 0532 0130 00' } });
    expect((await t.request('POST', `/api/v1/cases/${caseId}/early-start`, { token: applicant, body: { requestedStart: '2026-10-01', reason: 'Die Räume stehen ab Oktober leer.' } })).status).toBe(201);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/early-start/decision`, { token: applicant, body: { approved: true } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/early-start/decision`, { token: caseworker, body: { approved: true } })).status).toBe(200);
    for (const type of ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) expect((await attach(caseId, type)).status).toBe(201);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/application`, { token: applicant })).body.problems).toEqual([]);

    const submitted = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('application_submitted');
    expect((await t.request('PUT', `/api/v1/cases/${caseId}/application`, { token: applicant, body: { version: 3 } })).body.code).toBe('PROPOSAL_NOT_EDITABLE');
    await t.smtp.waitFor('lifd@sab.example'); // notify_caseworker writes to the programme mailbox

    // information request: 3 working days from Friday 13.11.2026 skip the weekend and Buß- und Bettag (18.11.)
    const request = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, {
      token: caseworker,
      body: { message: 'Bitte reichen Sie ein zweites Angebot für den Lasercutter nach.', workingDays: 3 },
    });
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ dueOn: '2026-11-19', overdue: false, answeredAt: null });
    await waitUntil('the request mail arrives', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.text?.includes('bis zum 19.11.2026')));

    // overdue once the deadline day has ended in Germany
    clock.travelTo('2026-11-19T23:59:00+01:00');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker })).body[0].overdue).toBe(false);
    clock.travelTo('2026-11-20T08:00:00+01:00');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker })).body[0].overdue).toBe(true);
    const overdue = await t.request('GET', '/api/v1/cases?overdue=true', { token: caseworker });
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);

    // the applicant answers with an attachment; the case goes back to the caseworker
    expect((await attach(caseId, 'quotes', Buffer.concat([PDF_BYTES, Buffer.from('zweites Angebot')]), `&informationRequestId=${request.body.id}`)).status).toBe(201);
    const answered = await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${request.body.id}/answer`, { token: applicant, body: { answer: 'Das zweite Angebot liegt bei.' } });
    expect(answered.status).toBe(200);
    expect(answered.body.answeredAt).not.toBeNull();
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: applicant })).body.state).toBe('application_submitted');
    expect((await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${request.body.id}/answer`, { token: applicant, body: { answer: 'Nochmal' } })).body.code).toBe('INFORMATION_REQUEST_ANSWERED');

    const complete = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: caseworker, body: { transition: 'confirm_completeness' } });
    expect(complete.status).toBe(200);
    expect(complete.body.state).toBe('application_complete');
    const history = (await t.request('GET', `/api/v1/cases/${caseId}/transitions`, { token: caseworker })).body.map((h: { transition: string }) => h.transition);
    expect(history).toEqual(['open', 'start_application', 'submit_application', 'request_information', 'answer_information_request', 'confirm_completeness']);
  });

  it('sends one reminder before the deadline, however often the job runs', async () => {
    clock.travelTo('2026-11-13T10:00:00+01:00');
    const caseId = await invitedCase('frl-lifd', '2026-1', { variant: 'stationary', locationAgs: '14522360', costs: [{ category: 'equipment', amountCents: 1000000 }], ownContributionCents: 200000 });
    await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    await t.db.query(`UPDATE cases SET state = 'application_submitted' WHERE id = $1`, [caseId]);
    const req = (await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte den Ratsbeschluss nachreichen.' } })).body;
    // 10 working days: 16,17,19,20,23,24,25,26,27,30 Nov → due 30.11.2026; reminder 5 days before, from 25.11.
    expect(req.dueOn).toBe('2026-11-30');
    const [row] = await t.db.query(`SELECT available_at FROM outbox WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`, [req.id]);
    expect(new Date(row.available_at).toISOString()).toBe('2026-11-24T23:00:00.000Z');

    await t.db.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`, [req.id]);
    await waitUntil('the reminder arrives', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.startsWith('Erinnerung') && m.text?.includes('30.11.2026')));
    // the same job again (as after a retry) sends nothing more
    await t.db.query(`UPDATE outbox SET dispatched_at = NULL WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`, [req.id]);
    await new Promise((r) => setTimeout(r, 600));
    expect(t.smtp.to('antrag@mittweida.de').filter((m) => m.subject?.startsWith('Erinnerung') && m.text?.includes('30.11.2026'))).toHaveLength(1);
  });

  it('runs the formal application of the Saxony-Anhalt guideline with its own calendar', async () => {
    applicant = hettstedt;
    const call = (await t.request('GET', '/api/v1/calls')).body.find((c: { guidelineCode: string }) => c.guidelineCode === 'st-digital');
    const caseId = await invitedCase('st-digital', call.callCode, {
      variant: 'standard',
      locationAgs: '15003000',
      costs: [{ category: 'equipment', amountCents: 5555556 }], // × 90 % = 50.000,004 € → 50.000,00 €
      ownContributionCents: 555556,
    });
    await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    const saved = await t.request('PUT', `/api/v1/cases/${caseId}/application`, {
      token: applicant,
      body: {
        version: 1,
        fields: { projectDescription: 'Digitaler Ort', workPlan: 'Plan', sustainabilityConcept: 'Verstetigung', projectNotStarted: true, contactPerson: 'K. S.', contactEmail: 'ks@example.org' },
        costs: [{ category: 'equipment', amountCents: 5555556, fiscalYear: 2027 }],
        fundingStart: '2027-03-01',
        fundingEnd: '2027-12-31',
        iban: 'DE89370400440532013000',
        accountHolder: 'Gemeinde',
      },
    });
    expect(saved.body.grantCents).toBe(5000000);
    for (const type of ['cost_financing_plan', 'quotes']) await attach(caseId, type);
    const submitted = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    // 15 working days in Saxony-Anhalt (no Buß- und Bettag): from Fri 13.11.2026 → 4.12.2026
    clock.travelTo('2026-11-13T10:00:00+01:00');
    const req = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte die Kostenschätzung aktualisieren.' } });
    expect(req.body.dueOn).toBe('2026-12-04');
  });

  it('lets the applicant withdraw before a decision, once', async () => {
    const caseId = await invitedCase('frl-lifd', '2026-1', { variant: 'stationary' });
    const res = await t.request('POST', `/api/v1/cases/${caseId}/withdraw`, { token: applicant, body: { reason: 'Der Stadtrat hat das Vorhaben zurückgestellt.' } });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('withdrawn');
    const [row] = await t.db.query('SELECT closed_at FROM cases WHERE id = $1', [caseId]);
    expect(row.closed_at).not.toBeNull();
    expect((await t.request('POST', `/api/v1/cases/${caseId}/withdraw`, { token: applicant, body: {} })).status).toBe(409);
  });

  it('refuses stage 2 before the invitation, other organisations and other roles', async () => {
    const d = (await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } })).body;
    const early = await t.request('POST', `/api/v1/cases/${d.caseId}/application`, { token: applicant });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TRANSITION_NOT_ALLOWED_IN_STATE');
    expect((await t.request('GET', `/api/v1/cases/${d.caseId}/application`, { token: applicant })).body.code).toBe('PROPOSAL_NOT_FOUND');

    const caseId = await invitedCase('frl-lifd', '2026-1', { variant: 'stationary' });
    await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    const dresden = await t.createOrganisation('Landeshauptstadt Dresden', '14612000');
    await t.createUser('antrag@dresden.de', ['applicant'], dresden);
    await t.createUser('kasse@sab.example', ['finance']);
    const other = await t.login('antrag@dresden.de');
    const finance = await t.login('kasse@sab.example');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/application`, { token: other })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/cases/${caseId}/application`, { token: other, body: { version: 1 } })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/withdraw`, { token: other, body: {} })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/cases/${caseId}/application`, { token: finance, body: { version: 1 } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: finance })).status).toBe(403);
    const { body, headers } = multipartFile('x.pdf', PNG_BYTES);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/attachments?type=quotes`, { token: finance, body, headers })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: applicant, body: { message: 'Ich frage mich selbst etwas.' } })).status).toBe(403);
  });
});
