import { Clock } from '../../src/platform/clock';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay';
import { multipartFile, ODS_BYTES, pdf, pdfOfSize, PNG_BYTES, sha256, XLSX_BYTES } from '../support/multipart';
import { TestApp, waitUntil } from '../support/test-app';
import { codes, INVALID_IBAN, LIFD_APPLICATION_FIELDS, LIFD_PLAN, ST_APPLICATION_FIELDS, Steps, VALID_IBAN } from './fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * FRL LIfD application with hand-checked figures (rates: equipment and fit-out 80 %, staff 50 % requested
 * of at most 60 %, running costs and events 60 %), rounded down to the cent per category:
 *   equipment      123.456,79 € × 80 % =  98.765,432 → 98.765,43 €
 *   fit_out         33.333,33 € × 80 % =  26.666,664 → 26.666,66 €
 *   staff (2 lines) 19.999,99 € +      15.000,01 € = 35.000,00 € × 50 % = 17.500,00 €
 *                   (per line it would be 9.999,99 + 7.500,00 = 17.499,99 €: rounding is per category)
 *   running_costs    9.999,99 € × 60 % =   5.999,994 → 5.999,99 €
 *   events             123,45 € × 60 % =      74,07 €
 *   grant 149.006,15 €; total costs 201.913,56 €; third-party 10.000 € + 2.500 €; own 40.407,41 €.
 * Every line falls in 2028: inside the funding period (2028–2029) and a budget year of the call (2027, 2028).
 */
const LIFD_COSTS = [
  { category: 'equipment', amountCents: 12_345_679, fiscalYear: 2028, description: 'Lasercutter, 3D-Drucker, Werkbänke' },
  { category: 'fit_out', amountCents: 3_333_333, fiscalYear: 2028, description: 'Umbau Erdgeschoss' },
  { category: 'staff', amountCents: 1_999_999, fiscalYear: 2028, description: 'Koordination 1. Halbjahr' },
  { category: 'staff', amountCents: 1_500_001, fiscalYear: 2028, description: 'Koordination 2. Halbjahr' },
  { category: 'running_costs', amountCents: 999_999, fiscalYear: 2028, description: 'Miete' },
  { category: 'events', amountCents: 12_345, fiscalYear: 2028, description: 'Eröffnung' },
];
const LIFD_THIRD_PARTY = [
  { source: 'Landkreis Mittelsachsen', amountCents: 1_000_000 },
  { source: 'Stiftung Digitales Sachsen', amountCents: 250_000 },
];
const LIFD_APPLICATION = {
  fields: LIFD_APPLICATION_FIELDS,
  costs: LIFD_COSTS,
  requestedRatesBp: { staff: 5000 },
  thirdPartyFunds: LIFD_THIRD_PARTY,
  ownContributionCents: 4_040_741,
  // after every day the Clock visits while the case is with the authority, so no early start is involved
  fundingStart: '2028-01-01',
  fundingEnd: '2029-06-30',
  iban: VALID_IBAN,
  accountHolder: 'Stadt Mittweida',
};
const LIFD_PER_CATEGORY = [
  { category: 'equipment', eligibleCents: 12_345_679, rateBp: 8000, grantCents: 9_876_543 },
  { category: 'fit_out', eligibleCents: 3_333_333, rateBp: 8000, grantCents: 2_666_666 },
  { category: 'staff', eligibleCents: 3_500_000, rateBp: 5000, grantCents: 1_750_000 },
  { category: 'running_costs', eligibleCents: 999_999, rateBp: 6000, grantCents: 599_999 },
  { category: 'events', eligibleCents: 12_345, rateBp: 6000, grantCents: 7_407 },
];
const LIFD_GRANT = 14_900_615;

/**
 * Digitale Orte ST, 90 % throughout: 20.000,00 → 18.000,00 €; 11.111,11 → 9.999,999 → 9.999,99 €;
 * 5.555,55 → 4.999,995 → 4.999,99 €; grant 32.999,98 €, total 36.666,66 €, own 3.666,68 €.
 */
const ST_APPLICATION = {
  fields: ST_APPLICATION_FIELDS,
  costs: [
    { category: 'equipment', amountCents: 2_000_000, fiscalYear: 2027 },
    { category: 'fit_out', amountCents: 1_111_111, fiscalYear: 2027 },
    { category: 'external_services', amountCents: 555_555, fiscalYear: 2027 },
  ],
  ownContributionCents: 366_668,
  thirdPartyFunds: [],
  // the call's only budget year is 2027, so the period starts in 2027 (after every day the Clock visits)
  fundingStart: '2027-12-01',
  fundingEnd: '2028-11-30',
  iban: 'DE02 1203 0000 0000 2020 51',
  accountHolder: 'Stadt Hettstedt',
};

// The formal application is written in spring 2027, after the invitation.
const SPRING = '2027-03-01T10:00:00+01:00';

describe('formal applications (stage 2) through HTTP', () => {
  let t: TestApp;
  let s: Steps;
  let clock: Clock;
  let applicant: string;
  let caseworker: string;
  let leipzig: string;
  let mittweidaApplicant: string;
  let hettstedt: string; // Digitale Orte ST admits applicants from Saxony-Anhalt only
  let reviewer: string;
  let finance: string;

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzigOrg = await t.createOrganisation('Stadt Leipzig', '14713000');
    const hettstedtOrg = await t.createOrganisation('Stadt Hettstedt', '15087205');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzigOrg);
    await t.createUser('antrag@hettstedt.example', ['applicant'], hettstedtOrg);
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    await t.createUser('jury@sab.example', ['reviewer']);
    await t.createUser('kasse@sab.example', ['finance']);
    mittweidaApplicant = applicant = await t.login('antrag@mittweida.de');
    hettstedt = await t.login('antrag@hettstedt.example');
    leipzig = await t.login('antrag@leipzig.de');
    caseworker = await t.login('sachbearbeitung@sab.example');
    reviewer = await t.login('jury@sab.example');
    finance = await t.login('kasse@sab.example');
  });
  afterAll(() => t.close());
  beforeEach(() => {
    clock.travelTo(SPRING);
    applicant = mittweidaApplicant;
  });

  /** An invited case with its application started (state application_draft), the Clock in spring 2027. */
  async function applicationDraft(guideline: 'frl-lifd' | 'st-digital' = 'frl-lifd', plan: Record<string, unknown> = {}): Promise<string> {
    const caseId = await s.invitedCase(applicant, caseworker, guideline, {}, plan);
    clock.travelTo(SPRING);
    const started = await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    if (![200, 201].includes(started.status)) throw new Error(`start application: ${started.status} ${JSON.stringify(started.body)}`);
    return caseId;
  }

  async function save(caseId: string, body: Record<string, unknown>) {
    const { version } = await s.getApplication(applicant, caseId);
    const res = await s.saveApplication(applicant, caseId, { version, ...body });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return res.body;
  }

  async function attachRequired(caseId: string, types = ['cost_financing_plan', 'quotes', 'own_funds_confirmation']) {
    for (const type of types) expect((await s.upload(applicant, caseId, type, pdf(`${caseId} ${type}`))).status).toBe(201);
  }

  /** A complete FRL LIfD application, submitted (state application_submitted). */
  async function submittedLifd(): Promise<{ caseId: string; fileNumber: string }> {
    const caseId = await applicationDraft();
    await save(caseId, LIFD_APPLICATION);
    await attachRequired(caseId);
    const res = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return { caseId, fileNumber: res.body.fileNumber };
  }

  const mailsAbout = (address: string, fileNumber: string) => t.smtp.to(address).filter((m) => m.subject?.includes(fileNumber));
  const reminderRow = async (requestId: string) =>
    (await t.db.query(`SELECT id, available_at, dispatched_at FROM outbox WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`, [requestId]))[0];

  it('starts the formal application only for an invited case, copying the plan of the concept', async () => {
    clock.travelTo('2026-12-01T10:00:00+01:00');
    const plan = {
      requestedRatesBp: { staff: 5000 },
      thirdPartyFunds: [{ source: 'Landkreis Mittelsachsen', amountCents: 1_000_000 }],
      ownContributionCents: 3_500_000, // 150.000 − (80.000 + 25.000) − 10.000
    };
    const caseId = await s.completeLifdConcept(applicant, {}, plan);
    const concept = await s.getConcept(applicant, caseId);
    expect(concept.problems).toEqual([]);
    await s.submitConcept(applicant, caseId);
    await s.transition(caseworker, caseId, 'accept_concept');
    clock.travelTo(SPRING);

    const early = await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TRANSITION_NOT_ALLOWED_IN_STATE');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/application`, { token: applicant })).status).toBe(404);

    await t.db.query(`UPDATE cases SET state = 'invited' WHERE id = $1`, [caseId]);
    const started = await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant });
    expect([200, 201]).toContain(started.status);
    expect(started.body).toMatchObject({ id: caseId, state: 'application_draft' });

    const application = await s.getApplication(applicant, caseId);
    expect(application).toMatchObject({
      caseId,
      stage: 'application',
      version: 1,
      variant: 'stationary',
      locationAgs: '14522360',
      costs: LIFD_PLAN.costs,
      requestedRatesBp: { staff: 5000 },
      ownContributionCents: 3_500_000,
      thirdPartyFunds: [{ source: 'Landkreis Mittelsachsen', amountCents: 1_000_000 }],
      grantCents: 10_500_000,
      fundingStart: null,
      fundingEnd: null,
      iban: null,
      accountHolder: null,
      editable: true,
      case: { state: 'application_draft', fileNumber: concept.case.fileNumber ?? expect.any(String) },
    });
    // the concept stays as submitted
    expect(await s.getConcept(applicant, caseId)).toMatchObject({ version: concept.version, editable: false, grantCents: 10_500_000 });
    expect((await s.saveConcept(applicant, caseId, { version: concept.version, fields: { title: 'Neu' } })).body.code).toBe('PROPOSAL_NOT_EDITABLE');
    // started once only
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application`, { token: applicant })).status).toBe(409);
  });

  it('lists every problem of an empty application in one 422, and submits nothing', async () => {
    const caseId = await applicationDraft();
    const res = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CHECKS_FAILED');
    const failures: { code: string; field: string }[] = res.body.details.problems;
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'fields.projectDescription' }),
        expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'fields.projectNotStarted' }),
        expect.objectContaining({ code: 'FISCAL_YEAR_REQUIRED', field: 'costs.0.fiscalYear' }),
        expect.objectContaining({ code: 'FISCAL_YEAR_REQUIRED', field: 'costs.1.fiscalYear' }),
        expect.objectContaining({ code: 'FUNDING_PERIOD_REQUIRED' }),
        expect.objectContaining({ code: 'IBAN_REQUIRED', field: 'iban' }),
        expect.objectContaining({ code: 'ACCOUNT_HOLDER_REQUIRED', field: 'accountHolder' }),
        expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.cost_financing_plan' }),
        expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.quotes' }),
        expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.own_funds_confirmation' }),
      ]),
    );
    // optional types are not asked for; each problem is named once
    expect(failures.map((f) => f.field)).not.toContain('attachments.site_plan');
    expect(failures.map((f) => f.field)).not.toContain('attachments.supervisory_statement');
    expect(new Set(failures.map((f) => `${f.code} ${f.field}`)).size).toBe(failures.length);
    // the draft shows the same problems while it is edited
    expect(new Set(codes({ status: 200, headers: {}, body: await s.getApplication(applicant, caseId) }))).toEqual(new Set(codes(res)));
    expect((await s.state(caseId)).state).toBe('application_draft');
  });

  it('computes the grant per category and in total from a detailed plan with fiscal years; a client never sets it', async () => {
    const caseId = await applicationDraft();
    const saved = await save(caseId, LIFD_APPLICATION);
    expect(saved.calculation.perCategory).toEqual(LIFD_PER_CATEGORY);
    expect(saved.calculation).toMatchObject({ grantCents: LIFD_GRANT, capped: false, belowMinimum: false });
    expect(saved.grantCents).toBe(LIFD_GRANT);
    expect(saved.costs).toEqual(LIFD_COSTS);
    expect(saved.thirdPartyFunds).toEqual(LIFD_THIRD_PARTY);
    expect(saved.problems.map((p: { code: string }) => p.code)).toEqual(['ATTACHMENT_MISSING', 'ATTACHMENT_MISSING', 'ATTACHMENT_MISSING']);

    // one cent more own contribution and the plan no longer balances
    const off = await save(caseId, { ownContributionCents: 4_040_742 });
    expect(off.problems).toContainEqual(expect.objectContaining({ code: 'PLAN_NOT_BALANCED', field: 'ownContributionCents' }));
    // a line without fiscal year, a rate above the maximum, an ineligible category
    const bad = await save(caseId, {
      ownContributionCents: 4_040_741,
      costs: [...LIFD_COSTS, { category: 'land', amountCents: 100_000 }, { category: 'vehicle', amountCents: 100, fiscalYear: 2028 }],
      requestedRatesBp: { staff: 5000, equipment: 8001 },
    });
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'FISCAL_YEAR_REQUIRED', field: 'costs.6.fiscalYear' }),
        expect.objectContaining({ code: 'CATEGORY_INELIGIBLE', field: 'costs.6.category' }),
        expect.objectContaining({ code: 'RATE_ABOVE_MAXIMUM', field: 'requestedRatesBp.equipment' }),
      ]),
    );

    // the grant, the calculation or a line's grant from a client: 400, nothing saved
    const { version } = await s.getApplication(applicant, caseId);
    for (const body of [{ grantCents: 40_000_000 }, { calculation: { grantCents: 40_000_000 } }, { costs: [{ category: 'equipment', amountCents: 100, fiscalYear: 2027, grantCents: 100 }] }]) {
      const res = await s.saveApplication(applicant, caseId, { version, ...body });
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    // a stale version
    const stale = await s.saveApplication(applicant, caseId, { version: version - 1, ...LIFD_APPLICATION });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const now = await s.getApplication(applicant, caseId);
    expect(now.version).toBe(version);
    expect(now.costs).toHaveLength(8);

    await save(caseId, { costs: LIFD_COSTS, requestedRatesBp: { staff: 5000 } });
    const [row] = await t.db.query(`SELECT grant_cents FROM proposals WHERE case_id = $1 AND stage = 'application'`, [caseId]);
    expect(row.grant_cents).toBe(String(LIFD_GRANT));
  });

  it('checks the bank account by mod 97 and the funding period; spaces in the IBAN are allowed', async () => {
    const caseId = await applicationDraft();
    const invalid = await save(caseId, { ...LIFD_APPLICATION, iban: INVALID_IBAN });
    expect(invalid.problems).toContainEqual(expect.objectContaining({ code: 'IBAN_INVALID', field: 'iban' }));
    const short = await save(caseId, { iban: 'DE89 3704 0044' });
    expect(short.problems).toContainEqual(expect.objectContaining({ code: 'IBAN_INVALID', field: 'iban' }));
    await attachRequired(caseId);
    const refused = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems).toEqual([expect.objectContaining({ code: 'IBAN_INVALID', field: 'iban' })]);

    const valid = await save(caseId, { iban: VALID_IBAN });
    expect(valid.iban.replace(/\s/g, '')).toBe('DE89370400440532013000');
    expect(valid.problems).toEqual([]);

    const noEnd = await save(caseId, { fundingEnd: null });
    expect(noEnd.problems).toContainEqual(expect.objectContaining({ code: 'FUNDING_PERIOD_REQUIRED', field: 'fundingEnd' }));
    const backwards = await save(caseId, { fundingStart: '2027-07-01', fundingEnd: '2027-06-30' });
    expect(backwards.problems).toContainEqual(expect.objectContaining({ code: 'FUNDING_PERIOD_INVALID', field: 'fundingEnd' }));
    const notADate = await s.saveApplication(applicant, caseId, { version: backwards.version, fundingEnd: '31.12.2028' });
    expect(notADate.status).toBe(400);
    expect((await save(caseId, { fundingEnd: '2029-06-30' })).problems).toEqual([]);
  });

  it('refuses a start before the decision without an approved early start; a refused one does not help, an approved one does', async () => {
    const refusedCase = await applicationDraft();
    const approvedCase = await applicationDraft();
    for (const caseId of [refusedCase, approvedCase]) {
      await attachRequired(caseId);
      const view = await save(caseId, { ...LIFD_APPLICATION, fundingStart: '2027-02-15' }); // before today, 1 March 2027
      expect(view.problems).toEqual([expect.objectContaining({ code: 'EARLY_START_NOT_APPROVED', field: 'fundingStart' })]);
      const asked = await t.request('POST', `/api/v1/cases/${caseId}/early-start`, {
        token: applicant,
        body: { requestedStart: '2027-02-15', reason: 'Die Fördermittel des Landkreises verfallen sonst zum Jahresende.' },
      });
      expect(asked.status).toBe(201);
      // asked, not yet decided
      expect((await s.getApplication(applicant, caseId)).problems).toEqual([expect.objectContaining({ code: 'EARLY_START_NOT_APPROVED' })]);
      expect((await t.request('POST', `/api/v1/cases/${caseId}/early-start/decision`, { token: applicant, body: { approved: true } })).status).toBe(403);
    }

    expect((await t.request('POST', `/api/v1/cases/${refusedCase}/early-start/decision`, { token: caseworker, body: { approved: false, note: 'Kein Grund ersichtlich.' } })).status).toBe(200);
    const refused = await t.request('POST', `/api/v1/cases/${refusedCase}/application/submit`, { token: applicant });
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems).toEqual([expect.objectContaining({ code: 'EARLY_START_NOT_APPROVED', field: 'fundingStart' })]);

    const approved = await t.request('POST', `/api/v1/cases/${approvedCase}/early-start/decision`, { token: caseworker, body: { approved: true, note: 'Zugestimmt.' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ approved: true });
    expect((await t.request('GET', `/api/v1/cases/${approvedCase}/early-start`, { token: applicant })).body).toMatchObject({ requestedStart: '2027-02-15', approved: true, decidedBy: null });
    expect((await t.request('GET', `/api/v1/cases/${approvedCase}/early-start`, { token: caseworker })).body.decidedBy).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.request('POST', `/api/v1/cases/${approvedCase}/early-start/decision`, { token: caseworker, body: { approved: false } })).status).toBe(409);
    expect((await s.getApplication(applicant, approvedCase)).problems).toEqual([]);
    // the consent covers a start on or after the requested day, not before
    expect((await save(approvedCase, { fundingStart: '2027-02-14' })).problems).toEqual([expect.objectContaining({ code: 'EARLY_START_NOT_APPROVED' })]);
    expect((await save(approvedCase, { fundingStart: '2027-02-20' })).problems).toEqual([]);
    const submitted = await t.request('POST', `/api/v1/cases/${approvedCase}/application/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('application_submitted');
  });

  it('checks application attachments by content and size; missing required types block submission', async () => {
    const caseId = await applicationDraft();
    await save(caseId, LIFD_APPLICATION);

    const forged = await s.upload(applicant, caseId, 'quotes', PNG_BYTES, 'angebot.pdf', 'application/pdf');
    expect(forged.status).toBe(415);
    expect(forged.body).toMatchObject({ code: 'ATTACHMENT_CONTENT_NOT_ALLOWED', details: { detected: 'image/png' } });
    // own_funds_confirmation takes at most 10 MiB
    const oversized = await s.upload(applicant, caseId, 'own_funds_confirmation', pdfOfSize(10_485_761), 'beschluss.pdf');
    expect(oversized.status).toBe(413);
    expect(oversized.body.code).toBe('ATTACHMENT_TOO_LARGE');
    // a concept type cannot be added any more
    expect((await s.upload(applicant, caseId, 'concept_document')).status).toBe(409);
    // the site plan accepts photos
    const photo = await s.upload(applicant, caseId, 'site_plan', PNG_BYTES, 'lageplan.jpg', 'image/jpeg');
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ stage: 'application', mediaType: 'image/png', sha256: sha256(PNG_BYTES) });
    // a spreadsheet for the financing plan
    const plan = await s.upload(applicant, caseId, 'cost_financing_plan', XLSX_BYTES, 'finanzierungsplan.xlsx', 'application/octet-stream');
    expect(plan.status).toBe(201);
    expect(plan.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const missing = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(missing.status).toBe(422);
    expect(missing.body.details.problems).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.quotes' }),
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.own_funds_confirmation' }),
    ]);
    await attachRequired(caseId, ['quotes']);
    const quote = (await t.request('GET', `/api/v1/cases/${caseId}/attachments`, { token: applicant })).body.find((a: { type: string }) => a.type === 'quotes');
    await attachRequired(caseId, ['own_funds_confirmation']);
    // removing a required file brings the problem back
    expect((await t.request('DELETE', `/api/v1/cases/${caseId}/attachments/${quote.id}`, { token: applicant })).status).toBe(204);
    expect((await s.getApplication(applicant, caseId)).problems).toEqual([expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.quotes' })]);
    await attachRequired(caseId, ['quotes']);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant })).status).toBe(200);
    // concept files stay with the case
    const all = (await t.request('GET', `/api/v1/cases/${caseId}/attachments`, { token: caseworker })).body;
    expect(all.map((a: { type: string }) => a.type).sort()).toEqual(['concept_document', 'cost_estimate', 'cost_financing_plan', 'own_funds_confirmation', 'quotes', 'site_plan']);
  });

  it('FRL LIfD: submits, requests information with a Saxon deadline, reminds once, shows it overdue, takes the answer, confirms completeness', async () => {
    const { caseId, fileNumber } = await submittedLifd();
    expect(fileNumber).toMatch(/^LIfD-2026-1-\d{6}$/);
    await waitUntil('the applicant is told', async () => mailsAbout('antrag@mittweida.de', fileNumber).length >= 3); // concept, formal check, application
    await waitUntil('the programme mailbox is told', async () => mailsAbout('lifd@sab.example', fileNumber).length >= 1);
    const frozen = await s.saveApplication(applicant, caseId, { version: (await s.getApplication(applicant, caseId)).version, fields: { publicity: 'Presse' } });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('PROPOSAL_NOT_EDITABLE');
    const mailsBefore = mailsAbout('antrag@mittweida.de', fileNumber).length;

    // Friday 12 November 2027; ten working days in Saxony skip Buß- und Bettag (Wed 17 Nov): due Monday 29 November
    clock.travelTo('2027-11-12T10:00:00+01:00');
    expect((await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: applicant, body: { message: 'Bitte Angebot nachreichen.' } })).status).toBe(403);
    const requested = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, {
      token: caseworker,
      body: { message: 'Bitte reichen Sie das fehlende Angebot für den Lasercutter nach.' },
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      id: expect.any(String),
      message: 'Bitte reichen Sie das fehlende Angebot für den Lasercutter nach.',
      dueOn: '2027-11-29',
      requestedAt: expect.any(String),
      answeredAt: null,
      overdue: false,
    });
    const requestId: string = requested.body.id;
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: applicant })).body.state).toBe('information_requested');
    await waitUntil('the request mail names the deadline', async () =>
      mailsAbout('antrag@mittweida.de', fileNumber).some((m) => !!m.text?.includes('29.11.2027') && !!m.text?.includes('Lasercutter')),
    );
    // a second request while one is open
    expect((await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Noch etwas anderes bitte.' } })).status).toBe(409);

    // the reminder is scheduled for the start of 24 November 2027 in Germany, five days before the deadline
    const scheduled = await reminderRow(requestId);
    expect(new Date(scheduled.available_at).toISOString()).toBe('2027-11-23T23:00:00.000Z');
    const reminders = () => mailsAbout('antrag@mittweida.de', fileNumber).filter((m) => m.subject?.includes('Erinnerung'));
    // The outbox releases a row by the database's wall-clock time, not by the test Clock: "not before its day" can
    // only be observed while that day is still ahead in real time (the relay hands rows over a minute ahead).
    const [{ ahead }] = await t.db.query(`SELECT $1::timestamptz > now() + interval '1 day' AS ahead`, [scheduled.available_at]);
    if (ahead) {
      await sleep(300);
      expect((await reminderRow(requestId)).dispatched_at).toBeNull();
      expect(reminders()).toHaveLength(0);
    }

    // the day comes (without waiting for it), and the job runs twice
    await t.db.query(
      `INSERT INTO outbox (job_name, payload) SELECT job_name, payload FROM outbox WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`,
      [requestId],
    );
    await t.db.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`, [requestId]);
    await waitUntil('the reminder arrives', async () => reminders().length > 0);
    await waitUntil('both jobs are relayed', async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'requestId' = $1 AND dispatched_at IS NULL`, [requestId]))[0].n === 0,
    );
    await sleep(1500);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0].text).toContain('29.11.2027');
    const [{ reminder_sent_at }] = await t.db.query('SELECT reminder_sent_at FROM information_requests WHERE id = $1', [requestId]);
    expect(reminder_sent_at).not.toBeNull();

    // overdue only after the end of the deadline day in Germany
    clock.travelTo('2027-11-29T23:59:00+01:00');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker })).body).toEqual([
      expect.objectContaining({ id: requestId, dueOn: '2027-11-29', overdue: false, answeredAt: null }),
    ]);
    expect((await t.request('GET', '/api/v1/cases?overdue=true', { token: caseworker })).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    clock.travelTo('2027-11-30T00:00:30+01:00');
    expect((await t.request('GET', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker })).body).toEqual([
      expect.objectContaining({ id: requestId, overdue: true, answeredAt: null }),
    ]);
    const overdue = await t.request('GET', '/api/v1/cases?overdue=true', { token: caseworker });
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(overdue.body.items.every((c: { state: string }) => c.state === 'information_requested')).toBe(true);
    expect((await t.request('GET', '/api/v1/cases?overdue=false', { token: caseworker })).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);

    // while the request is open the applicant edits the application and adds a file for the request
    const edited = await save(caseId, { fields: { ...LIFD_APPLICATION_FIELDS, publicity: 'Pressemitteilung zur Eröffnung' } });
    expect(edited.fields.publicity).toBe('Pressemitteilung zur Eröffnung');
    const extra = await s.upload(applicant, caseId, 'quotes', pdf('Angebot Lasercutter'), 'angebot-lasercutter.pdf', 'application/pdf', requestId);
    expect(extra.status).toBe(201);
    expect(extra.body.informationRequestId).toBe(requestId);

    const answered = await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${requestId}/answer`, {
      token: applicant,
      body: { answer: 'Das Angebot ist als Anlage beigefügt.' },
    });
    expect({ status: answered.status, body: answered.status === 200 ? 'ok' : answered.body }).toEqual({ status: 200, body: 'ok' });
    expect(answered.body).toMatchObject({ id: requestId, answer: 'Das Angebot ist als Anlage beigefügt.', answeredAt: expect.any(String), overdue: false });
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: caseworker })).body.state).toBe('application_submitted');
    await waitUntil('the programme mailbox hears of the answer', async () => mailsAbout('lifd@sab.example', fileNumber).length >= 2);
    expect((await t.request('GET', '/api/v1/cases?overdue=true', { token: caseworker })).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const again = await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${requestId}/answer`, { token: applicant, body: { answer: 'Noch einmal.' } });
    expect(again.status).toBe(409);
    // frozen again
    expect((await s.upload(applicant, caseId, 'quotes', pdf('zu spät'))).status).toBe(409);

    const complete = await s.transition(caseworker, caseId, 'confirm_completeness');
    expect(complete.status).toBe(200);
    expect(complete.body.state).toBe('application_complete');
    await waitUntil('the applicant hears of completeness', async () => mailsAbout('antrag@mittweida.de', fileNumber).some((m) => !!m.subject?.includes('vollständig')));
    expect(mailsAbout('antrag@mittweida.de', fileNumber).length).toBeGreaterThan(mailsBefore);
    expect(reminders()).toHaveLength(1);
  });

  it('counts information deadlines in the calendar of Saxony: Buß- und Bettag and Reformationstag are holidays', async () => {
    const { caseId } = await submittedLifd();
    // Friday 13 Nov 2026 + 3 working days: Mon 16, Tue 17, (Wed 18 Buß- und Bettag), Thu 19
    clock.travelTo('2026-11-13T10:00:00+01:00');
    const first = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte Ratsbeschluss nachreichen.', workingDays: 3 } });
    expect(first.status).toBe(201);
    expect(first.body.dueOn).toBe('2026-11-19');
    await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${first.body.id}/answer`, { token: applicant, body: { answer: 'Anbei.' } });
    // Thursday 30 Oct 2025 + 1 working day: (Fri 31 Oct Reformationstag, weekend) Mon 3 Nov
    clock.travelTo('2025-10-30T10:00:00+01:00');
    const second = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte Lageplan nachreichen.', workingDays: 1 } });
    expect(second.status).toBe(201);
    expect(second.body.dueOn).toBe('2025-11-03');
    // shortly after midnight on Monday in Germany it is still Sunday in UTC: the day that counts is Monday
    await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${second.body.id}/answer`, { token: applicant, body: { answer: 'Anbei.' } });
    clock.travelTo('2027-11-29T00:30:00+01:00');
    const third = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte Kontoauszug nachreichen.', workingDays: 1 } });
    expect(third.body.dueOn).toBe('2027-11-30');
    const list = await t.request('GET', `/api/v1/cases/${caseId}/information-requests`, { token: applicant });
    expect(list.body.map((r: { dueOn: string }) => r.dueOn).sort()).toEqual(['2025-11-03', '2026-11-19', '2027-11-30']);
  });

  it('sends no reminder for a request answered before the reminder day', async () => {
    const { caseId, fileNumber } = await submittedLifd();
    clock.travelTo('2027-11-12T10:00:00+01:00');
    // Hold the outbox while the request is made and answered, so that the reminder cannot leave in between
    // whatever the real time is (the outbox goes by the database's clock, not the test Clock).
    const relay = t.app.get(OutboxRelay);
    await relay.onApplicationShutdown();
    let requestId = '';
    try {
      const requested = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte Eigenmittelnachweis nachreichen.' } });
      expect(requested.status).toBe(201);
      requestId = requested.body.id;
      expect((await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${requestId}/answer`, { token: applicant, body: { answer: 'Anbei der Beschluss.' } })).status).toBe(200);
    } finally {
      relay.start();
    }
    await t.db.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'reminder.information-request' AND payload->>'requestId' = $1`, [requestId]);
    await waitUntil('the reminder job is relayed', async () => (await reminderRow(requestId)).dispatched_at !== null);
    await sleep(1500);
    expect(mailsAbout('antrag@mittweida.de', fileNumber).filter((m) => m.subject?.includes('Erinnerung'))).toHaveLength(0);
    const [row] = await t.db.query('SELECT reminder_sent_at FROM information_requests WHERE id = $1', [requestId]);
    expect(row.reminder_sent_at).toBeNull();
  });

  it('Digitale Orte ST: its own form, rates, attachments and calendar (no Buß- und Bettag in Saxony-Anhalt)', async () => {
    applicant = hettstedt;
    const caseId = await applicationDraft('st-digital');
    const draft = await s.getApplication(applicant, caseId);
    expect(draft).toMatchObject({ variant: 'standard', grantCents: 1_800_000, editable: true });
    const saved = await save(caseId, ST_APPLICATION);
    expect(saved.calculation.perCategory).toEqual([
      { category: 'equipment', eligibleCents: 2_000_000, rateBp: 9000, grantCents: 1_800_000 },
      { category: 'fit_out', eligibleCents: 1_111_111, rateBp: 9000, grantCents: 999_999 },
      { category: 'external_services', eligibleCents: 555_555, rateBp: 9000, grantCents: 499_999 },
    ]);
    expect(saved.grantCents).toBe(3_299_998);
    expect(saved.problems).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.cost_financing_plan' }),
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.quotes' }),
    ]);
    // a field of the FRL LIfD form is not part of this one
    expect((await s.saveApplication(applicant, caseId, { version: saved.version, fields: { contactPhone: '0340 1' } })).status).toBe(400);
    // an OpenDocument spreadsheet is a financing plan here too
    const ods = await s.upload(applicant, caseId, 'cost_financing_plan', ODS_BYTES, 'plan.ods', 'application/vnd.oasis.opendocument.spreadsheet');
    expect(ods.status).toBe(201);
    expect(ods.body.mediaType).toBe('application/vnd.oasis.opendocument.spreadsheet');
    await attachRequired(caseId, ['quotes']);

    const submitted = await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('application_submitted');
    const fileNumber: string = submitted.body.fileNumber;
    await waitUntil('the programme mailbox of Saxony-Anhalt is told', async () => mailsAbout('digitale-orte@ib-lsa.example', fileNumber).length >= 1);
    // there is no completeness confirmation in this programme
    expect((await s.transition(caseworker, caseId, 'confirm_completeness')).status).toBe(400);

    // Friday 12 Nov 2027 + 3 working days in Saxony-Anhalt: Mon 15, Tue 16, Wed 17
    clock.travelTo('2027-11-12T10:00:00+01:00');
    const short = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte Angebote nachreichen.', workingDays: 3 } });
    expect(short.status).toBe(201);
    expect(short.body.dueOn).toBe('2027-11-17');
    await t.request('POST', `/api/v1/cases/${caseId}/information-requests/${short.body.id}/answer`, { token: applicant, body: { answer: 'Anbei.' } });
    // the default of this guideline: 15 working days
    const long = await t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte Zeitplan präzisieren.' } });
    expect(long.body.dueOn).toBe('2027-12-03');
    // reminder seven days before: start of 26 November 2027 in Germany
    expect(new Date((await reminderRow(long.body.id)).available_at).toISOString()).toBe('2027-11-25T23:00:00.000Z');

    const withdrawn = await t.request('POST', `/api/v1/cases/${caseId}/withdraw`, { token: applicant, body: { reason: 'Der Stadtrat hat das Vorhaben zurückgestellt.' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.state).toBe('withdrawn');
  });

  it('lets the applicant withdraw at any time before a decision, and only once', async () => {
    // a draft concept
    clock.travelTo('2026-12-01T10:00:00+01:00');
    const draft = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    const fromDraft = await t.request('POST', `/api/v1/cases/${draft.caseId}/withdraw`, { token: applicant, body: {} });
    expect(fromDraft.status).toBe(200);
    expect(fromDraft.body.state).toBe('withdrawn');
    const again = await t.request('POST', `/api/v1/cases/${draft.caseId}/withdraw`, { token: applicant, body: {} });
    expect(again.status).toBe(409);
    expect((await s.saveConcept(applicant, draft.caseId, { version: 1, fields: { title: 'Wieder da' } })).status).toBe(409);

    // an invited case, by the applicant with a reason; the programme mailbox is told
    const invited = await s.invitedCase(applicant, caseworker, 'frl-lifd');
    const fileNumber = (await s.state(invited)).file_number!;
    const res = await t.request('POST', `/api/v1/cases/${invited}/withdraw`, { token: applicant, body: { reason: 'Der Stadtrat hat das Vorhaben zurückgestellt.' } });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('withdrawn');
    await waitUntil('the programme mailbox hears of the withdrawal', async () =>
      mailsAbout('lifd@sab.example', fileNumber).some((m) => !!m.text?.includes('Der Stadtrat hat das Vorhaben zurückgestellt.')),
    );
    const history = (await t.request('GET', `/api/v1/cases/${invited}/transitions`, { token: applicant })).body;
    expect(history.at(-1)).toMatchObject({ transition: 'withdraw', fromState: 'invited', toState: 'withdrawn', reason: 'Der Stadtrat hat das Vorhaben zurückgestellt.' });

    // a submitted application, recorded by the caseworker
    const { caseId } = await submittedLifd();
    const byCaseworker = await t.request('POST', `/api/v1/cases/${caseId}/withdraw`, { token: caseworker, body: { reason: 'Schriftliche Rücknahme vom 1. März 2027.' } });
    expect(byCaseworker.status).toBe(200);
    expect(byCaseworker.body.state).toBe('withdrawn');
    expect((await t.request('POST', `/api/v1/cases/${caseId}/application/submit`, { token: applicant })).status).toBe(409);

    // after the notice, no withdrawal (the notice itself is a later issue: the state is set in the database)
    const decided = (await submittedLifd()).caseId;
    await t.db.query(`UPDATE cases SET state = 'notice_issued' WHERE id = $1`, [decided]);
    const late = await t.request('POST', `/api/v1/cases/${decided}/withdraw`, { token: applicant, body: {} });
    expect(late.status).toBe(409);
    expect((await s.state(decided)).state).toBe('notice_issued');
    // reviewers and finance cannot withdraw anyone's case
    expect((await t.request('POST', `/api/v1/cases/${decided}/withdraw`, { token: reviewer, body: {} })).status).toBe(403);
  });

  it("answers another organisation's case with 404 and a reviewer's or finance user's applicant actions with 403", async () => {
    const invited = await s.invitedCase(applicant, caseworker, 'frl-lifd');
    clock.travelTo(SPRING);
    const caseId = await applicationDraft();
    await save(caseId, LIFD_APPLICATION);
    const upload = multipartFile('x.pdf', pdf('fremd'), 'application/pdf');
    const otherOrg: [string, 'GET' | 'PUT' | 'POST', string, { body?: unknown; headers?: Record<string, string> }][] = [
      ['start application', 'POST', `/api/v1/cases/${invited}/application`, {}],
      ['get application', 'GET', `/api/v1/cases/${caseId}/application`, {}],
      ['save application', 'PUT', `/api/v1/cases/${caseId}/application`, { body: { version: 2, iban: VALID_IBAN } }],
      ['submit application', 'POST', `/api/v1/cases/${caseId}/application/submit`, {}],
      ['upload', 'POST', `/api/v1/cases/${caseId}/attachments?type=quotes`, upload],
      ['early start', 'POST', `/api/v1/cases/${caseId}/early-start`, { body: { requestedStart: '2027-02-15', reason: 'Weil es eilt, wirklich.' } }],
      ['information requests', 'GET', `/api/v1/cases/${caseId}/information-requests`, {}],
      ['case', 'GET', `/api/v1/cases/${caseId}`, {}],
    ];
    for (const [what, method, url, opts] of otherOrg) {
      const res = await t.request(method, url, { token: leipzig, ...opts });
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 404, code: 'CASE_NOT_FOUND' });
    }
    for (const [who, token] of [['reviewer', reviewer], ['finance', finance]] as const) {
      const actions: [string, 'PUT' | 'POST', string, { body?: unknown; headers?: Record<string, string> }][] = [
        ['start application', 'POST', `/api/v1/cases/${invited}/application`, {}],
        ['save application', 'PUT', `/api/v1/cases/${caseId}/application`, { body: { version: 2, iban: VALID_IBAN } }],
        ['submit application', 'POST', `/api/v1/cases/${caseId}/application/submit`, {}],
        ['upload', 'POST', `/api/v1/cases/${caseId}/attachments?type=quotes`, upload],
        ['early start', 'POST', `/api/v1/cases/${caseId}/early-start`, { body: { requestedStart: '2027-02-15', reason: 'Weil es eilt, wirklich.' } }],
        ['request information', 'POST', `/api/v1/cases/${caseId}/information-requests`, { body: { message: 'Bitte alles nachreichen.' } }],
      ];
      for (const [what, method, url, opts] of actions) {
        const res = await t.request(method, url, { token, ...opts });
        expect({ who, what, status: res.status, code: res.body.code }).toEqual({ who, what, status: 403, code: 'ROLE_NOT_ALLOWED' });
      }
    }
    // a caseworker does not write the applicant's application either
    expect((await s.saveApplication(caseworker, caseId, { version: 2, iban: VALID_IBAN })).status).toBe(403);
    expect((await s.state(invited)).state).toBe('invited');
    expect(await s.getApplication(applicant, caseId)).toMatchObject({ version: 2, iban: expect.stringMatching(/^DE89\s?3704/) });
  });
});
