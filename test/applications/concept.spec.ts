import { Clock } from '../../src/platform/clock';
import { DOCX_BYTES, multipart, multipartFile, pdf, pdfOfSize, PNG_BYTES, sha256, XLSX_BYTES } from '../support/multipart';
import { TestApp, waitUntil } from '../support/test-app';
import { codes, LIFD_CONCEPT_FIELDS, LIFD_PLAN, ST_CONCEPT_FIELDS, ST_PLAN, Steps } from './fixtures';

/** Issue #3, stage 1: open calls, concept drafts, submission with all checks at once, formal check. */
describe('concepts (stage 1) through HTTP', () => {
  let t: TestApp;
  let s: Steps;
  let clock: Clock;
  let applicant: string;
  let colleague: string;
  let caseworker: string;
  let leipzig: string;
  let hettstedt: string; // Digitale Orte ST admits applicants from Saxony-Anhalt only

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzigOrg = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('kollegin@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzigOrg);
    await t.createUser('antrag@hettstedt.example', ['applicant'], await t.createOrganisation('Stadt Hettstedt', '15087205'));
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    await t.createUser('jury@sab.example', ['reviewer']);
    await t.createUser('kasse@sab.example', ['finance']);
    applicant = await t.login('antrag@mittweida.de');
    colleague = await t.login('kollegin@mittweida.de');
    leipzig = await t.login('antrag@leipzig.de');
    hettstedt = await t.login('antrag@hettstedt.example');
    caseworker = await t.login('sachbearbeitung@sab.example');
  });
  afterAll(() => t.close());

  // Both calls are open on this day: FRL LIfD 2026-1 (1 Sep 2026 – 31 Jan 2027) and Digitale Orte ST 2026 (15 Jan – 31 Dec 2026).
  beforeEach(() => clock.travelTo('2026-11-22T10:00:00+01:00'));

  describe('open calls', () => {
    type CallView = { guidelineCode: string; callCode: string; [k: string]: any };
    const openCalls = async () => {
      const res = await t.request<CallView[]>('GET', '/api/v1/calls');
      expect(res.status).toBe(200);
      return res.body;
    };
    const keys = (calls: CallView[]) => calls.map((c) => `${c.guidelineCode}/${c.callCode}`).sort();

    it('lists the open calls of every guideline without login: deadline, variants and caps, categories and rates, attachments', async () => {
      const calls = await openCalls();
      expect(keys(calls)).toEqual(['frl-lifd/2026-1', 'st-digital/2026']);

      const lifd = calls.find((c) => c.guidelineCode === 'frl-lifd')!;
      expect(lifd).toMatchObject({
        guidelineTitle: expect.stringContaining('FRL LIfD'),
        callCode: '2026-1',
        title: '2. Förderaufruf FRL LIfD',
        opensOn: '2026-09-01',
        deadline: '2027-01-31',
        minimumGrantCents: 250000,
      });
      expect(lifd.variants).toEqual([
        expect.objectContaining({ code: 'stationary', label: expect.any(String), maxGrantCents: 40000000 }),
        expect.objectContaining({ code: 'mobile', label: expect.any(String), maxGrantCents: 300000000 }),
      ]);
      expect(lifd.costCategories).toContainEqual(expect.objectContaining({ code: 'equipment', eligible: true, maxRateBp: 8000 }));
      expect(lifd.costCategories).toContainEqual(expect.objectContaining({ code: 'staff', eligible: true, maxRateBp: 6000 }));
      expect(lifd.costCategories).toContainEqual(
        expect.objectContaining({ code: 'preparatory', eligible: false, ineligibleReason: expect.stringContaining('nicht zuwendungsfähig') }),
      );
      expect(lifd.attachmentTypes).toContainEqual({
        code: 'concept_document',
        label: expect.any(String),
        stage: 'concept',
        required: true,
        mediaTypes: ['application/pdf'],
        maxBytes: 10485760,
      });
      expect(lifd.attachmentTypes).toContainEqual(expect.objectContaining({ code: 'quotes', stage: 'application', required: true, maxBytes: 20971520 }));
      expect(lifd.conceptForm.fields).toContainEqual(expect.objectContaining({ key: 'title', type: 'text', required: true }));
      expect(lifd.conceptForm.fields).toContainEqual(expect.objectContaining({ key: 'spaceType', type: 'select', options: expect.arrayContaining(['makerspace']) }));

      const st = calls.find((c) => c.guidelineCode === 'st-digital')!;
      expect(st).toMatchObject({ callCode: '2026', deadline: '2026-12-31', minimumGrantCents: 500000 });
      expect(st.variants).toEqual([expect.objectContaining({ code: 'standard', maxGrantCents: 12000000 })]);
      expect(st.costCategories).toContainEqual(expect.objectContaining({ code: 'equipment', maxRateBp: 9000 }));
      expect(st.costCategories).toContainEqual(expect.objectContaining({ code: 'running_costs', eligible: false }));
    });

    it('opens a call on its first day and closes it after the end of its deadline day, in German time', async () => {
      clock.travelTo('2026-08-31T23:59:00+02:00');
      expect(keys(await openCalls())).toEqual(['st-digital/2026']);
      clock.travelTo('2026-09-01T00:00:30+02:00');
      expect(keys(await openCalls())).toEqual(['frl-lifd/2026-1', 'st-digital/2026']);
      clock.travelTo('2027-01-31T23:59:00+01:00');
      expect(keys(await openCalls())).toEqual(['frl-lifd/2026-1']);
      clock.travelTo('2027-02-01T00:00:30+01:00'); // still 31 January in UTC
      expect(keys(await openCalls())).toEqual([]);
    });
  });

  it('drafts, saves several times with versions, attaches, submits: file number, frozen, confirmation mail', async () => {
    const created = await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      caseId: expect.any(String),
      stage: 'concept',
      version: 1,
      variant: null,
      locationAgs: null,
      fields: {},
      costs: [],
      ownContributionCents: 0,
      thirdPartyFunds: [],
      grantCents: null,
      editable: true,
      problems: expect.arrayContaining([expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'fields.title' })]),
      case: { id: created.body.caseId, state: 'concept_draft', version: expect.any(Number), fileNumber: null, title: '' },
    });
    const caseId = created.body.caseId;
    // the answer is built from what was written, not read back: it must be what reading it gives
    expect((await t.request('GET', `/api/v1/cases/${caseId}/concept`, { token: applicant })).body).toEqual(created.body);
    expect(await t.db.query(`SELECT stage, version, fields, costs, grant_cents FROM proposals WHERE case_id = $1`, [caseId])).toEqual([
      { stage: 'concept', version: 1, fields: {}, costs: [], grant_cents: null },
    ]);

    // save 1: a first sketch
    const first = await s.saveConcept(applicant, caseId, { version: 1, fields: { title: 'Entwurf', partners: 'Hochschule Mittweida' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, fields: { title: 'Entwurf', partners: 'Hochschule Mittweida' }, case: { title: 'Entwurf' } });

    // save 2: fields merge by key, null removes one
    const second = await s.saveConcept(applicant, caseId, { version: 2, fields: { ...LIFD_CONCEPT_FIELDS, partners: null } });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(3);
    expect(second.body.fields).toEqual(LIFD_CONCEPT_FIELDS);

    // save 3: the plan; the server computes the grant
    const third = await s.saveConcept(applicant, caseId, { version: 3, ...LIFD_PLAN });
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ version: 4, variant: 'stationary', locationAgs: '14522360', ownContributionCents: 4000000, grantCents: 11000000 });
    expect(third.body.fields).toEqual(LIFD_CONCEPT_FIELDS); // untouched by a save without fields
    expect(third.body.calculation).toMatchObject({ grantCents: 11000000, capped: false, belowMinimum: false });
    expect(third.body.calculation.perCategory).toEqual([
      { category: 'equipment', eligibleCents: 10000000, rateBp: 8000, grantCents: 8000000 },
      { category: 'staff', eligibleCents: 5000000, rateBp: 6000, grantCents: 3000000 },
    ]);
    // only the attachments are missing now
    expect(third.body.problems).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.concept_document' }),
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.cost_estimate' }),
    ]);

    const doc = await s.upload(applicant, caseId, 'concept_document', pdf('Projektskizze'), 'Projektskizze.pdf');
    expect(doc.status).toBe(201);
    expect(doc.body).toEqual({
      id: expect.any(String),
      type: 'concept_document',
      stage: 'concept',
      filename: 'Projektskizze.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf('Projektskizze').length,
      sha256: sha256(pdf('Projektskizze')),
      informationRequestId: null,
      createdAt: expect.any(String),
    });
    // a spreadsheet is accepted for the cost estimate, recognised by its bytes whatever its name
    const estimate = await s.upload(applicant, caseId, 'cost_estimate', XLSX_BYTES, 'kosten.pdf', 'application/pdf');
    expect(estimate.status).toBe(201);
    expect(estimate.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const ready = await s.getConcept(applicant, caseId);
    expect(ready).toMatchObject({ version: 4, problems: [], editable: true });
    // the caseworker sees the same draft
    expect(await s.getConcept(caseworker, caseId)).toMatchObject({ version: 4, grantCents: 11000000 });

    const submitted = await t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    // the answer is the case as GET /cases/:id shows it
    expect(submitted.body).toMatchObject({ id: caseId, state: 'concept_submitted', fileNumber: expect.stringMatching(/^LIfD-2026-1-\d{6}$/), title: 'Makerspace Mittweida' });
    const fileNumber: string = submitted.body.fileNumber;

    const [mail] = await t.smtp.waitFor('antrag@mittweida.de');
    expect(mail.subject).toContain(fileNumber);
    expect(mail.text).toContain('Makerspace Mittweida');

    // frozen: no save, no upload, no removal
    const frozen = await s.saveConcept(applicant, caseId, { version: 4, fields: { title: 'Später' } });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('PROPOSAL_NOT_EDITABLE');
    expect((await s.upload(applicant, caseId, 'letters_of_intent')).status).toBe(409);
    expect((await t.request('DELETE', `/api/v1/cases/${caseId}/attachments/${doc.body.id}`, { token: applicant })).status).toBe(409);
    const after = await s.getConcept(applicant, caseId);
    expect(after).toMatchObject({ version: 4, editable: false, fields: LIFD_CONCEPT_FIELDS, case: { state: 'concept_submitted', fileNumber } });

    // formal check: passed on to the jury, with a mail to the applicant
    const accepted = await s.transition(caseworker, caseId, 'accept_concept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('concept_in_review');
    const mails = await t.smtp.waitFor('antrag@mittweida.de', 2);
    expect(mails[1].subject).toContain(fileNumber);

    const history = await t.request('GET', `/api/v1/cases/${caseId}/transitions`, { token: applicant });
    expect(history.body.map((h: { transition: string }) => h.transition)).toEqual(['open', 'submit_concept', 'accept_concept']);
  });

  it('numbers files per call: consecutive within a call, separately for each guideline and call', async () => {
    const numbered = async (prefix: string) =>
      (await t.db.query(`SELECT count(*)::int AS count FROM cases WHERE file_number LIKE $1`, [`${prefix}%`]))[0].count as number;
    const lifdBefore = await numbered('LIfD-2026-1-');
    const stBefore = await numbered('DOST-2026-');
    const a = await s.submitConcept(applicant, await s.completeLifdConcept(applicant, { title: 'Erster Raum' }));
    const st = await s.submitConcept(hettstedt, await s.completeStConcept(hettstedt));
    const b = await s.submitConcept(applicant, await s.completeLifdConcept(applicant, { title: 'Zweiter Raum' }));
    const six = (n: number) => String(n).padStart(6, '0');
    expect(a.fileNumber).toBe(`LIfD-2026-1-${six(lifdBefore + 1)}`);
    expect(b.fileNumber).toBe(`LIfD-2026-1-${six(lifdBefore + 2)}`);
    expect(st.fileNumber).toBe(`DOST-2026-${six(stBefore + 1)}`);
  });

  it('lets a caseworker reject a concept in the formal check only with a reason; the creator of the concept is told', async () => {
    const caseId = await s.completeLifdConcept(applicant, { title: 'Abzulehnen' });
    // a colleague of the same municipality submits; the mail goes to the user who created the concept
    const { fileNumber } = await s.submitConcept(colleague, caseId);
    await waitUntil('the confirmation mail arrives', async () => t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.includes(fileNumber)));

    expect((await s.transition(applicant, caseId, 'accept_concept')).body.code).toBe('ROLE_NOT_ALLOWED');
    const noReason = await s.transition(caseworker, caseId, 'reject_concept_formally');
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const blank = await s.transition(caseworker, caseId, 'reject_concept_formally', '   ');
    expect(blank.body.code).toBe('REASON_REQUIRED');
    expect((await s.state(caseId)).state).toBe('concept_submitted');

    const rejected = await s.transition(caseworker, caseId, 'reject_concept_formally', 'Der Antragsteller ist nicht antragsberechtigt.');
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('concept_rejected');
    await waitUntil('the rejection mail with its reason arrives', async () =>
      t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.includes(fileNumber) && !!m.text?.includes('Der Antragsteller ist nicht antragsberechtigt.')),
    );
    const history = await t.request('GET', `/api/v1/cases/${caseId}/transitions`, { token: caseworker });
    expect(history.body.at(-1)).toMatchObject({ transition: 'reject_concept_formally', fromState: 'concept_submitted', toState: 'concept_rejected', reason: 'Der Antragsteller ist nicht antragsberechtigt.' });
  });

  it('answers a submission with five problems with one 422 listing all of them, and changes nothing', async () => {
    clock.travelTo('2027-01-20T10:00:00+01:00');
    const d = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    const saved = await s.saveConcept(applicant, d.caseId, {
      version: 1,
      fields: { title: 'Unvollständig' }, // (1) required fields left empty
      variant: 'stationary',
      locationAgs: '14522360',
      costs: [
        { category: 'equipment', amountCents: 10_000_000 },
        { category: 'staff', amountCents: 1_000_000 },
        { category: 'preparatory', amountCents: 500_000 }, // (2) not eligible
      ],
      requestedRatesBp: { staff: 9000 }, // (3) above the 60 % maximum
      ownContributionCents: 100, // (4) the plan does not balance
    });
    expect(saved.status).toBe(200);
    expect((await s.upload(applicant, d.caseId, 'concept_document')).status).toBe(201);
    expect((await s.upload(applicant, d.caseId, 'cost_estimate')).status).toBe(201);
    const [before] = await t.db.query(`SELECT version, fields, costs FROM proposals WHERE case_id = $1 AND stage = 'concept'`, [d.caseId]);

    clock.travelTo('2027-02-01T00:00:30+01:00'); // (5) the deadline day 31.01.2027 has ended in Germany
    const submit = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(submit.status).toBe(422);
    expect(submit.body).toMatchObject({ code: 'CHECKS_FAILED', message: expect.any(String) });
    const failures: { code: string; field: string; check: string; message: string }[] = submit.body.details.problems;
    for (const f of failures) expect(f).toEqual({ check: expect.any(String), code: expect.any(String), field: expect.any(String), message: expect.any(String) });
    expect(new Set(codes(submit))).toEqual(new Set(['CALL_DEADLINE_PASSED', 'FIELD_REQUIRED', 'CATEGORY_INELIGIBLE', 'RATE_ABOVE_MAXIMUM', 'PLAN_NOT_BALANCED']));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'CALL_DEADLINE_PASSED', field: 'callCode', check: 'call_open' }));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'CATEGORY_INELIGIBLE', field: 'costs.2.category' }));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'RATE_ABOVE_MAXIMUM', field: 'requestedRatesBp.staff' }));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'PLAN_NOT_BALANCED', field: 'ownContributionCents' }));
    const required = failures.filter((f) => f.code === 'FIELD_REQUIRED').map((f) => f.field).sort();
    expect(required).toEqual(
      ['summary', 'spaceType', 'targetGroups', 'location', 'ruralArea', 'plannedOpening', 'innovation', 'contactPerson', 'contactEmail'].map((k) => `fields.${k}`).sort(),
    );
    // each problem once
    expect(new Set(failures.map((f) => `${f.code} ${f.field}`)).size).toBe(failures.length);

    expect(await s.state(d.caseId)).toEqual({ state: 'concept_draft', file_number: null, version: 1 });
    const [after] = await t.db.query(`SELECT version, fields, costs FROM proposals WHERE case_id = $1 AND stage = 'concept'`, [d.caseId]);
    expect(after).toEqual(before);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM case_transitions WHERE case_id = $1`, [d.caseId]);
    expect(count).toBe(1); // only "open"
  });

  it('accepts a submission until the end of the deadline day in Germany, and not a minute after', async () => {
    clock.travelTo('2027-01-20T10:00:00+01:00');
    const onTime = await s.completeLifdConcept(applicant, { title: 'Knapp' });
    const late = await s.completeLifdConcept(applicant, { title: 'Zu spät' });

    clock.travelTo('2027-01-31T23:59:00+01:00');
    const ok = await t.request('POST', `/api/v1/cases/${onTime}/concept/submit`, { token: applicant });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('concept_submitted');

    clock.travelTo('2027-02-01T00:00:30+01:00');
    const refused = await t.request('POST', `/api/v1/cases/${late}/concept/submit`, { token: applicant });
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems).toEqual([expect.objectContaining({ check: 'call_open', code: 'CALL_DEADLINE_PASSED', field: 'callCode' })]);
    expect(await s.state(late)).toMatchObject({ state: 'concept_draft', file_number: null });
    // and a new concept for the closed call is refused
    const create = await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } });
    expect(create.status).toBe(409);
    expect(create.body.code).toBe('CALL_NOT_OPEN');
  });

  it('refuses a grant below the minimum and a plan that needs more than the cap; the minimum itself and the cap itself pass', async () => {
    // 3.124,99 € at 80 % = 2.499,99 € < 2.500 € (round down to the cent)
    const small = await s.completeLifdConcept(applicant, { title: 'Klein' }, { costs: [{ category: 'equipment', amountCents: 312_499 }], ownContributionCents: 62_500 });
    const view = await s.getConcept(applicant, small);
    expect(view.grantCents).toBe(249_999);
    expect(view.calculation).toMatchObject({ belowMinimum: true, capped: false });
    expect(view.problems).toEqual([expect.objectContaining({ code: 'GRANT_BELOW_MINIMUM', field: 'costs' })]);
    const refusedSmall = await t.request('POST', `/api/v1/cases/${small}/concept/submit`, { token: applicant });
    expect(refusedSmall.status).toBe(422);
    expect(refusedSmall.body.details.problems).toEqual([expect.objectContaining({ code: 'GRANT_BELOW_MINIMUM', field: 'costs' })]);
    // 3.125,00 € at 80 % = exactly 2.500 €
    const exact = await s.saveConcept(applicant, small, { version: view.version, costs: [{ category: 'equipment', amountCents: 312_500 }], ownContributionCents: 62_500 });
    expect(exact.body).toMatchObject({ grantCents: 250_000, problems: [] });

    // 600.000 € equipment at 80 % = 480.000 €, capped at 400.000 € for a stationary space
    const big = await s.completeLifdConcept(applicant, { title: 'Groß' }, { costs: [{ category: 'equipment', amountCents: 60_000_000 }], ownContributionCents: 12_000_000 });
    const bigView = await s.getConcept(applicant, big);
    expect(bigView.grantCents).toBe(40_000_000);
    expect(bigView.calculation).toMatchObject({ grantCents: 40_000_000, capped: true, belowMinimum: false });
    expect(bigView.problems).toEqual([expect.objectContaining({ code: 'GRANT_ABOVE_CAP', field: 'ownContributionCents' })]);
    const refusedBig = await t.request('POST', `/api/v1/cases/${big}/concept/submit`, { token: applicant });
    expect(refusedBig.status).toBe(422);
    expect(refusedBig.body.details.problems).toEqual([expect.objectContaining({ code: 'GRANT_ABOVE_CAP', field: 'ownContributionCents' })]);
    // a mobile space has a cap of 3 M €: the same costs give the full 480.000 €
    const mobile = await s.saveConcept(applicant, big, { version: bigView.version, variant: 'mobile', ownContributionCents: 12_000_000 });
    expect(mobile.body).toMatchObject({ grantCents: 48_000_000, problems: [] });
    // stationary again, the own contribution covering everything above the cap
    const capped = await s.saveConcept(applicant, big, { version: mobile.body.version, variant: 'stationary', ownContributionCents: 20_000_000 });
    expect(capped.body).toMatchObject({ grantCents: 40_000_000, problems: [] });
    expect((await t.request('POST', `/api/v1/cases/${big}/concept/submit`, { token: applicant })).status).toBe(200);
  });

  it('names every other plan problem with its field: variant, location, costs, categories', async () => {
    const d = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    await s.saveConcept(applicant, d.caseId, { version: 1, fields: LIFD_CONCEPT_FIELDS });
    const first = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(first.status).toBe(422);
    expect(first.body.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'VARIANT_REQUIRED', field: 'variant' }),
        expect.objectContaining({ code: 'LOCATION_REQUIRED', field: 'locationAgs' }),
        expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.concept_document' }),
        expect.objectContaining({ code: 'ATTACHMENT_MISSING', field: 'attachments.cost_estimate' }),
      ]),
    );
    await s.saveConcept(applicant, d.caseId, { version: 2, variant: 'floating', locationAgs: '14522360', costs: [] });
    const second = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(second.body.details.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'VARIANT_UNKNOWN', field: 'variant' }), expect.objectContaining({ code: 'NO_COSTS', field: 'costs' })]),
    );
    await s.saveConcept(applicant, d.caseId, { version: 3, variant: 'stationary', costs: [{ category: 'equipment', amountCents: 1_000_000 }, { category: 'coffee', amountCents: 100 }] });
    const third = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(third.body.details.problems).toContainEqual(expect.objectContaining({ code: 'CATEGORY_UNKNOWN', field: 'costs.1.category' }));
    expect((await s.state(d.caseId)).state).toBe('concept_draft');
  });

  it('refuses an applicant type the guideline does not admit, by the guideline of the call', async () => {
    // FRL LIfD admits public and private legal persons, but not a state agency
    const agency = await t.createOrganisation('Landesamt für Digitales', null, 'agency');
    await t.createUser('antrag@landesamt.example', ['applicant'], agency);
    const agencyToken = await t.login('antrag@landesamt.example');
    const lifd = await s.completeLifdConcept(agencyToken, { title: 'Behördenraum' });
    const res = await t.request('POST', `/api/v1/cases/${lifd}/concept/submit`, { token: agencyToken });
    expect(res.status).toBe(422);
    expect(res.body.details.problems).toEqual([expect.objectContaining({ check: 'applicant_eligible', code: 'APPLICANT_TYPE_NOT_ELIGIBLE', field: 'organisation' })]);

    // Digitale Orte ST admits no companies; FRL LIfD does
    const company = await t.createOrganisation('Digital GmbH', null, 'company');
    await t.createUser('antrag@digital-gmbh.example', ['applicant'], company);
    const companyToken = await t.login('antrag@digital-gmbh.example');
    const st = await s.completeStConcept(companyToken);
    const refused = await t.request('POST', `/api/v1/cases/${st}/concept/submit`, { token: companyToken });
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems).toEqual([expect.objectContaining({ code: 'APPLICANT_TYPE_NOT_ELIGIBLE', field: 'organisation' })]);
    const admitted = await t.request('POST', `/api/v1/cases/${await s.completeLifdConcept(companyToken)}/concept/submit`, { token: companyToken });
    expect(admitted.status).toBe(200);
  });

  it('refuses a write based on a stale version with 409 and overwrites nothing, also when two saves race', async () => {
    const d = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    expect((await s.saveConcept(applicant, d.caseId, { version: 1, fields: { title: 'A' } })).status).toBe(200);
    const stale = await s.saveConcept(applicant, d.caseId, { version: 1, fields: { title: 'B' }, ...LIFD_PLAN });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { expectedVersion: 1, currentVersion: 2 } });
    const view = await s.getConcept(applicant, d.caseId);
    expect(view).toMatchObject({ version: 2, fields: { title: 'A' }, variant: null, costs: [], case: { title: 'A' } });

    const race = await Promise.all([
      s.saveConcept(applicant, d.caseId, { version: 2, fields: { title: 'C' } }),
      s.saveConcept(colleague, d.caseId, { version: 2, fields: { title: 'D' } }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.status === 200)!;
    const loser = race.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('STALE_VERSION');
    expect(await s.getConcept(applicant, d.caseId)).toMatchObject({ version: 3, fields: { title: winner.body.fields.title } });
  });

  it('refuses a client-set grant or calculation with 400 and keeps the computed one', async () => {
    const caseId = await s.completeLifdConcept(applicant, { title: 'Mit Zuschuss' });
    const view = await s.getConcept(applicant, caseId);
    expect(view.grantCents).toBe(11_000_000);

    const grant = await s.saveConcept(applicant, caseId, { version: view.version, grantCents: 40_000_000 });
    expect(grant.status).toBe(400);
    expect(grant.body.code).toBe('VALIDATION_FAILED');
    expect(grant.body.details).toEqual({ problems: [{ code: 'FIELD_UNKNOWN', field: 'grantCents', message: expect.stringContaining('should not exist'), constraint: 'whitelistValidation' }] });
    const calc = await s.saveConcept(applicant, caseId, { version: view.version, calculation: { grantCents: 40_000_000 } });
    expect(calc.status).toBe(400);
    expect(calc.body.code).toBe('VALIDATION_FAILED');
    const inLine = await s.saveConcept(applicant, caseId, { version: view.version, costs: [{ category: 'equipment', amountCents: 10_000_000, grantCents: 10_000_000 }] });
    expect(inLine.status).toBe(400);
    expect(inLine.body.code).toBe('VALIDATION_FAILED');

    const [row] = await t.db.query(`SELECT version, grant_cents FROM proposals WHERE case_id = $1 AND stage = 'concept'`, [caseId]);
    expect(row).toEqual({ version: view.version, grant_cents: '11000000' });
  });

  it('refuses form values of the wrong type with 400 FIELD_INVALID listing each problem, and saves none of them', async () => {
    const d = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    await s.saveConcept(applicant, d.caseId, { version: 1, fields: { title: 'Gültig' } });
    const typed = await s.saveConcept(applicant, d.caseId, {
      version: 2,
      fields: { ruralArea: 'ja', plannedOpening: '01.09.2027', spaceType: 'bar', contactEmail: 'keine-adresse', openingHoursPerWeek: 12.5 },
    });
    expect(typed.status).toBe(400);
    expect(typed.body.code).toBe('FIELD_INVALID');
    expect(typed.body.details.problems.map((p: { field: string }) => p.field).sort()).toEqual(
      ['fields.contactEmail', 'fields.openingHoursPerWeek', 'fields.plannedOpening', 'fields.ruralArea', 'fields.spaceType'],
    );
    for (const p of typed.body.details.problems) expect(p).toEqual({ code: 'FIELD_INVALID', field: expect.any(String), message: expect.any(String) });
    const tooLong = await s.saveConcept(applicant, d.caseId, { version: 2, fields: { title: 'x'.repeat(201) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.problems).toEqual([expect.objectContaining({ code: 'FIELD_INVALID', field: 'fields.title' })]);
    // a field the form does not have
    const unknown = await s.saveConcept(applicant, d.caseId, { version: 2, fields: { colour: 'blau' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.problems).toEqual([expect.objectContaining({ field: 'fields.colour' })]);

    expect(await s.getConcept(applicant, d.caseId)).toMatchObject({ version: 2, fields: { title: 'Gültig' } });
  });

  it('refuses a concept for a closed, not yet open or unknown call', async () => {
    const closed = await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2024-1' } });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('CALL_NOT_OPEN');
    const unknown = await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '1999' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CALL_NOT_FOUND');
    const noGuideline = await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-nirgendwo', callCode: '2026-1' } });
    expect(noGuideline.status).toBe(404);
    clock.travelTo('2026-08-31T12:00:00+02:00');
    expect((await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } })).body.code).toBe('CALL_NOT_OPEN');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM cases WHERE title = '' AND state = 'concept_draft' AND call_code IN ('2024-1', '1999')`);
    expect(count).toBe(0);
  });

  it('checks an attachment by its bytes, not its name, and by its size; stores it by SHA-256', async () => {
    const d = await s.createConcept(applicant, 'frl-lifd', '2026-1');
    // a PNG calling itself a PDF
    const forged = await s.upload(applicant, d.caseId, 'concept_document', PNG_BYTES, 'angebot.pdf', 'application/pdf');
    expect(forged.status).toBe(415);
    expect(forged.body).toMatchObject({ code: 'ATTACHMENT_CONTENT_NOT_ALLOWED', details: { detected: 'image/png', allowed: ['application/pdf'] } });
    const word = await s.upload(applicant, d.caseId, 'cost_estimate', DOCX_BYTES, 'kosten.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(word.status).toBe(415);
    expect(word.body.code).toBe('ATTACHMENT_CONTENT_NOT_ALLOWED');
    const text = await s.upload(applicant, d.caseId, 'concept_document', Buffer.from('<html>%PDF-1.7</html>'), 'skizze.pdf');
    expect(text.status).toBe(415);

    // 10 MiB is allowed, one byte more is not
    const oversized = await s.upload(applicant, d.caseId, 'concept_document', pdfOfSize(10_485_761), 'gross.pdf');
    expect(oversized.status).toBe(413);
    expect(oversized.body.code).toBe('ATTACHMENT_TOO_LARGE');
    const largest = await s.upload(applicant, d.caseId, 'concept_document', pdfOfSize(10_485_760), 'genau.pdf');
    expect(largest.status).toBe(201);
    expect(largest.body.sizeBytes).toBe(10_485_760);

    const unknown = await s.upload(applicant, d.caseId, 'selfie');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('ATTACHMENT_TYPE_UNKNOWN');
    // a type of the formal application cannot be added to a concept draft
    expect((await s.upload(applicant, d.caseId, 'quotes')).status).toBe(409);
    // no file in the body
    const empty = multipart([{ name: 'comment', value: 'ohne Datei' }]);
    expect((await t.request('POST', `/api/v1/cases/${d.caseId}/attachments?type=concept_document`, { token: applicant, ...empty })).status).toBe(400);
    const unauthenticated = multipartFile('x.pdf', pdf('x'));
    expect((await t.request('POST', `/api/v1/cases/${d.caseId}/attachments?type=concept_document`, unauthenticated)).status).toBe(401);

    // the same bytes twice are stored once
    const bytes = pdf('gleicher Inhalt');
    const a = await s.upload(applicant, d.caseId, 'concept_document', bytes, 'a.pdf');
    const b = await s.upload(applicant, d.caseId, 'cost_estimate', bytes, 'b.pdf');
    expect(a.body.sha256).toBe(sha256(bytes));
    expect(b.body.sha256).toBe(a.body.sha256);
    expect(b.body.id).not.toBe(a.body.id);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM documents WHERE sha256 = $1', [a.body.sha256]);
    expect(count).toBe(1);

    const download = await t.request('GET', `/api/v1/cases/${d.caseId}/attachments/${a.body.id}/content`, { token: applicant });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(download.body as string, 'latin1').equals(bytes)).toBe(true);

    expect((await t.request('DELETE', `/api/v1/cases/${d.caseId}/attachments/${b.body.id}`, { token: applicant })).status).toBe(204);
    const list = await t.request('GET', `/api/v1/cases/${d.caseId}/attachments`, { token: applicant });
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([largest.body.id, a.body.id]);
    expect((await t.request('GET', `/api/v1/cases/${d.caseId}/attachments/${b.body.id}/content`, { token: applicant })).status).toBe(404);
  });

  it("answers another organisation's case with 404 and a reviewer's or finance user's applicant actions with 403", async () => {
    const caseId = await s.completeLifdConcept(applicant, { title: 'Nur für Mittweida' });
    const [att] = (await t.request('GET', `/api/v1/cases/${caseId}/attachments`, { token: applicant })).body;
    const upload = multipartFile('x.pdf', pdf('fremd'), 'application/pdf');
    const requests: [string, 'GET' | 'PUT' | 'POST' | 'DELETE', string, { body?: unknown; headers?: Record<string, string> }][] = [
      ['get concept', 'GET', `/api/v1/cases/${caseId}/concept`, {}],
      ['save concept', 'PUT', `/api/v1/cases/${caseId}/concept`, { body: { version: 1, fields: { title: 'Übernommen' } } }],
      ['submit concept', 'POST', `/api/v1/cases/${caseId}/concept/submit`, {}],
      ['list attachments', 'GET', `/api/v1/cases/${caseId}/attachments`, {}],
      ['upload', 'POST', `/api/v1/cases/${caseId}/attachments?type=letters_of_intent`, upload],
      ['download', 'GET', `/api/v1/cases/${caseId}/attachments/${att.id}/content`, {}],
      ['remove attachment', 'DELETE', `/api/v1/cases/${caseId}/attachments/${att.id}`, {}],
      ['withdraw', 'POST', `/api/v1/cases/${caseId}/withdraw`, { body: {} }],
    ];
    for (const [what, method, url, opts] of requests) {
      const res = await t.request(method, url, { token: leipzig, ...opts });
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 404, code: 'CASE_NOT_FOUND' });
    }

    for (const email of ['jury@sab.example', 'kasse@sab.example']) {
      const token = await t.login(email);
      const actions: [string, 'PUT' | 'POST', string, { body?: unknown; headers?: Record<string, string> }][] = [
        ['create concept', 'POST', '/api/v1/concepts', { body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } }],
        ['save concept', 'PUT', `/api/v1/cases/${caseId}/concept`, { body: { version: 1, fields: { title: 'Übernommen' } } }],
        ['submit concept', 'POST', `/api/v1/cases/${caseId}/concept/submit`, {}],
        ['upload', 'POST', `/api/v1/cases/${caseId}/attachments?type=letters_of_intent`, upload],
      ];
      for (const [what, method, url, opts] of actions) {
        const res = await t.request(method, url, { token, ...opts });
        expect({ email, what, status: res.status, code: res.body.code }).toEqual({ email, what, status: 403, code: 'ROLE_NOT_ALLOWED' });
      }
    }
    // nothing happened to the case
    expect(await s.state(caseId)).toMatchObject({ state: 'concept_draft', file_number: null });
    expect(await s.getConcept(applicant, caseId)).toMatchObject({ version: 2, fields: { title: 'Nur für Mittweida' } });
    expect((await t.request('GET', `/api/v1/cases/${caseId}/attachments`, { token: applicant })).body).toHaveLength(2);
  });

  it('runs the second guideline: its own form, rates and minimum; its concept goes straight to the jury', async () => {
    const d = await s.createConcept(hettstedt, 'st-digital', '2026');
    expect(d.problems).toContainEqual(expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'fields.summary' }));
    // a field of the other guideline's form is not part of this one
    expect((await s.saveConcept(hettstedt, d.caseId, { version: 1, fields: { spaceType: 'makerspace' } })).status).toBe(400);

    // 5.000 € at 90 % = 4.500 € < the 5.000 € minimum of this programme
    const small = await s.saveConcept(hettstedt, d.caseId, { version: 1, fields: ST_CONCEPT_FIELDS, ...ST_PLAN, costs: [{ category: 'equipment', amountCents: 500_000 }], ownContributionCents: 50_000 });
    expect(small.status).toBe(200);
    expect(small.body.grantCents).toBe(450_000);
    expect(small.body.problems).toEqual([expect.objectContaining({ code: 'GRANT_BELOW_MINIMUM' })]);
    // running costs are not eligible here (they are in FRL LIfD)
    const running = await s.saveConcept(hettstedt, d.caseId, { version: 2, costs: [...ST_PLAN.costs, { category: 'running_costs', amountCents: 100_000 }] });
    expect(running.body.problems).toContainEqual(expect.objectContaining({ code: 'CATEGORY_INELIGIBLE', field: 'costs.1.category' }));

    // 20.000 € at 90 % = 18.000 € grant, 2.000 € own; no attachments are required for this concept
    const saved = await s.saveConcept(hettstedt, d.caseId, { version: 3, ...ST_PLAN });
    expect(saved.body).toMatchObject({ grantCents: 1_800_000, problems: [] });
    expect(saved.body.calculation.perCategory).toEqual([{ category: 'equipment', eligibleCents: 2_000_000, rateBp: 9000, grantCents: 1_800_000 }]);

    const res = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: hettstedt });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'concept_in_review', fileNumber: expect.stringMatching(/^DOST-2026-\d{6}$/), title: 'Digitaler Ort Hettstedt' });
    await waitUntil('the confirmation mail arrives', async () => t.smtp.to('antrag@hettstedt.example').some((m) => m.subject?.includes(res.body.fileNumber)));
    // there is no formal check in this programme
    expect((await s.transition(caseworker, d.caseId, 'accept_concept')).status).toBe(400);
  });
});
