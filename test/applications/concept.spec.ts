import { Clock } from '../../src/platform/clock';
import { multipartFile, PDF_BYTES, PNG_BYTES } from '../support/multipart';
import { TestApp, waitUntil } from '../support/test-app';

const LIFD_FIELDS = {
  title: 'Makerspace Mittweida',
  summary: 'Ein offener Makerspace mit Lasercutter und 3D-Druck.',
  spaceType: 'makerspace',
  targetGroups: 'Schülerinnen und Schüler, Gründende, Handwerk',
  location: 'Markt 1, 09648 Mittweida',
  ruralArea: true,
  plannedOpening: '2027-09-01',
  innovation: 'Verbindung von Hochschule und Handwerk.',
  contactPerson: 'Karin Schmidt',
  contactEmail: 'k.schmidt@mittweida.de',
};
// 100.000 € equipment (80 % → 80.000 €) + 50.000 € staff (60 % → 30.000 €) = 110.000 € grant; own 40.000 €
const LIFD_PLAN = {
  variant: 'stationary',
  locationAgs: '14522360',
  costs: [
    { category: 'equipment', amountCents: 10000000, description: 'Lasercutter, 3D-Drucker' },
    { category: 'staff', amountCents: 5000000, description: 'Koordination' },
  ],
  ownContributionCents: 4000000,
  thirdPartyFunds: [],
};

describe('concepts (stage 1) through HTTP', () => {
  let t: TestApp;
  let clock: Clock;
  let applicant: string;
  let caseworker: string;
  let mittweida: string;

  beforeAll(async () => {
    t = await TestApp.start();
    clock = t.app.get(Clock);
    clock.travelTo('2026-11-22T10:00:00+01:00');
    mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sachbearbeitung@sab.example');
  });
  afterAll(() => t.close());

  async function draft(guidelineCode = 'frl-lifd', callCode = '2026-1') {
    const res = await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode, callCode } });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function attach(caseId: string, type: string, data = PDF_BYTES, filename = 'datei.pdf') {
    const { body, headers } = multipartFile(filename, data, 'application/pdf');
    return t.request('POST', `/api/v1/cases/${caseId}/attachments?type=${type}`, { token: applicant, body, headers });
  }

  it('lists the open calls of both guidelines without login', async () => {
    const res = await t.request('GET', '/api/v1/calls');
    expect(res.status).toBe(200);
    const lifd = res.body.find((c: { guidelineCode: string }) => c.guidelineCode === 'frl-lifd');
    expect(lifd).toMatchObject({ callCode: '2026-1', deadline: '2027-01-31', minimumGrantCents: 250000 });
    expect(lifd.variants).toEqual([expect.objectContaining({ code: 'stationary', maxGrantCents: 40000000 }), expect.objectContaining({ code: 'mobile', maxGrantCents: 300000000 })]);
    expect(lifd.costCategories).toContainEqual(expect.objectContaining({ code: 'equipment', maxRateBp: 8000 }));
    expect(lifd.attachmentTypes).toContainEqual(expect.objectContaining({ code: 'concept_document', required: true }));
    expect(res.body.map((c: { callCode: string; guidelineCode: string }) => `${c.guidelineCode}/${c.callCode}`)).not.toContain('frl-lifd/2024-1');
    expect(res.body.some((c: { guidelineCode: string }) => c.guidelineCode === 'st-digital')).toBe(true);
  });

  it('drafts, saves with versions, attaches, submits: file number, frozen, confirmation mail', async () => {
    const d = await draft();
    expect(d).toMatchObject({ stage: 'concept', version: 1, editable: true, case: { state: 'concept_draft', fileNumber: null } });
    const caseId = d.caseId;

    const first = await t.request('PUT', `/api/v1/cases/${caseId}/concept`, { token: applicant, body: { version: 1, fields: { title: 'Entwurf' } } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const saved = await t.request('PUT', `/api/v1/cases/${caseId}/concept`, { token: applicant, body: { version: 2, fields: LIFD_FIELDS, ...LIFD_PLAN } });
    expect(saved.status).toBe(200);
    expect(saved.body.grantCents).toBe(11000000);
    expect(saved.body.calculation.perCategory).toEqual([
      { category: 'equipment', eligibleCents: 10000000, rateBp: 8000, grantCents: 8000000 },
      { category: 'staff', eligibleCents: 5000000, rateBp: 6000, grantCents: 3000000 },
    ]);
    expect(saved.body.problems.map((p: { code: string }) => p.code).sort()).toEqual(['ATTACHMENT_MISSING', 'ATTACHMENT_MISSING']);

    expect((await attach(caseId, 'concept_document')).status).toBe(201);
    const estimate = await attach(caseId, 'cost_estimate');
    expect(estimate.body).toMatchObject({ type: 'cost_estimate', mediaType: 'application/pdf', sizeBytes: PDF_BYTES.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const submitted = await t.request('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'concept_submitted', fileNumber: 'LIfD-2026-1-000001', title: 'Makerspace Mittweida' });

    const [mail] = await t.smtp.waitFor('antrag@mittweida.de');
    expect(mail.subject).toBe('LIfD-2026-1-000001: Projektskizze eingereicht (formale Prüfung)');
    expect(mail.text).toContain('Makerspace Mittweida');

    const frozen = await t.request('PUT', `/api/v1/cases/${caseId}/concept`, { token: applicant, body: { version: 3, fields: { title: 'Später' } } });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('PROPOSAL_NOT_EDITABLE');
    expect((await attach(caseId, 'letters_of_intent')).status).toBe(409);

    // formal check: passed on to the jury, with a mail to the applicant
    const accepted = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: caseworker, body: { transition: 'accept_concept' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('concept_in_review');
    await t.smtp.waitFor('antrag@mittweida.de', 2);
  });

  it('lets a caseworker reject a concept in the formal check, with a reason', async () => {
    const d = await draft();
    await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 1, fields: { ...LIFD_FIELDS, title: 'Zweiter Raum' }, ...LIFD_PLAN } });
    await attach(d.caseId, 'concept_document');
    await attach(d.caseId, 'cost_estimate');
    expect((await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant })).body.fileNumber).toBe('LIfD-2026-1-000002');
    const noReason = await t.request('POST', `/api/v1/cases/${d.caseId}/transitions`, { token: caseworker, body: { transition: 'reject_concept_formally' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const rejected = await t.request('POST', `/api/v1/cases/${d.caseId}/transitions`, { token: caseworker, body: { transition: 'reject_concept_formally', reason: 'Der Antragsteller ist nicht antragsberechtigt.' } });
    expect(rejected.body.state).toBe('concept_rejected');
    await waitUntil('the rejection mail arrives', async () =>
      t.smtp.to('antrag@mittweida.de').some((m) => m.subject?.startsWith('LIfD-2026-1-000002') && m.text?.includes('Begründung: Der Antragsteller ist nicht antragsberechtigt.')),
    );
  });

  it('answers a submission with five problems with one 422 listing all of them, and changes nothing', async () => {
    clock.travelTo('2027-01-20T10:00:00+01:00');
    const d = await draft();
    const res = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, {
      token: applicant,
      body: {
        version: 1,
        fields: { title: 'Unvollständig' }, // required fields missing
        variant: 'stationary',
        locationAgs: '14522360',
        costs: [
          { category: 'equipment', amountCents: 10000000 },
          { category: 'preparatory', amountCents: 500000 }, // ineligible
        ],
        requestedRatesBp: { staff: 9000 }, // above 60 %
        ownContributionCents: 100, // not balanced
      },
    });
    expect(res.status).toBe(200);
    await attach(d.caseId, 'concept_document');
    await attach(d.caseId, 'cost_estimate');
    clock.travelTo('2027-02-01T00:00:30+01:00'); // the deadline day 31.01.2027 has ended in Germany
    const submit = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(submit.status).toBe(422);
    expect(submit.body.code).toBe('CHECKS_FAILED');
    const failures: { code: string; field: string; check: string }[] = submit.body.details.failures;
    const seen = new Set(failures.map((f) => f.code));
    for (const code of ['CALL_DEADLINE_PASSED', 'CATEGORY_INELIGIBLE', 'RATE_ABOVE_MAXIMUM', 'PLAN_NOT_BALANCED', 'FIELD_REQUIRED']) expect(seen).toContain(code);
    expect(failures).toContainEqual(expect.objectContaining({ code: 'CATEGORY_INELIGIBLE', field: 'costs.1.category', check: 'concept_complete' }));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'RATE_ABOVE_MAXIMUM', field: 'requestedRatesBp.staff' }));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'fields.summary' }));
    expect(failures).toContainEqual(expect.objectContaining({ code: 'CALL_DEADLINE_PASSED', field: 'callCode', check: 'call_open' }));
    const [row] = await t.db.query('SELECT state, file_number, version FROM cases WHERE id = $1', [d.caseId]);
    expect(row).toEqual({ state: 'concept_draft', file_number: null, version: 1 });
  });

  it('accepts a submission until the end of the deadline day in Germany', async () => {
    clock.travelTo('2027-01-20T10:00:00+01:00');
    const d = await draft();
    await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 1, fields: { ...LIFD_FIELDS, title: 'Knapp' }, ...LIFD_PLAN } });
    await attach(d.caseId, 'concept_document');
    await attach(d.caseId, 'cost_estimate');
    clock.travelTo('2027-01-31T23:59:00+01:00');
    const res = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('concept_submitted');
    clock.travelTo('2026-11-22T10:00:00+01:00');
  });

  it('reports a grant below the minimum and a plan above the cap', async () => {
    const d = await draft();
    const small = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, {
      token: applicant,
      body: { version: 1, variant: 'stationary', costs: [{ category: 'equipment', amountCents: 312499 }], ownContributionCents: 62500 },
    });
    expect(small.body.grantCents).toBe(249999);
    expect(small.body.problems.map((p: { code: string }) => p.code)).toContain('GRANT_BELOW_MINIMUM');
    const big = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, {
      token: applicant,
      body: { version: 2, costs: [{ category: 'equipment', amountCents: 60000000 }], ownContributionCents: 12000000 },
    });
    expect(big.body.grantCents).toBe(40000000);
    expect(big.body.calculation).toMatchObject({ capped: true, uncappedGrantCents: 48000000 });
    expect(big.body.problems).toContainEqual(expect.objectContaining({ code: 'GRANT_ABOVE_CAP', field: 'ownContributionCents' }));
  });

  it('refuses an applicant type the guideline does not admit', async () => {
    const agency = await t.createOrganisation('Landesamt', null, 'agency');
    await t.createUser('antrag@landesamt.example', ['applicant'], agency);
    const token = await t.login('antrag@landesamt.example');
    const d = (await t.request('POST', '/api/v1/concepts', { token, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } })).body;
    const res = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token });
    expect(res.status).toBe(422);
    expect(res.body.details.failures).toContainEqual(expect.objectContaining({ code: 'APPLICANT_TYPE_NOT_ELIGIBLE', field: 'organisation' }));
  });

  it('refuses a stale version, a client-set grant, a wrongly typed field and a closed or unknown call', async () => {
    const d = await draft();
    expect((await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 1, fields: { title: 'A' } } })).status).toBe(200);
    const stale = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 1, fields: { title: 'B' } } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { expectedVersion: 1, currentVersion: 2 } });
    const grant = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 2, grantCents: 40000000 } });
    expect(grant.status).toBe(400);
    expect(grant.body.details).toEqual([{ field: 'grantCents', problems: ['property grantCents should not exist'] }]);
    const typed = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token: applicant, body: { version: 2, fields: { ruralArea: 'ja', colour: 'blau' } } });
    expect(typed.status).toBe(400);
    expect(typed.body.details.map((p: { field: string }) => p.field)).toEqual(['fields.colour', 'fields.ruralArea']);
    const [{ fields }] = await t.db.query(`SELECT fields FROM proposals WHERE case_id = $1`, [d.caseId]);
    expect(fields).toEqual({ title: 'A' });
    expect((await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '2024-1' } })).body.code).toBe('CALL_NOT_OPEN');
    expect((await t.request('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: '1999' } })).status).toBe(404);
  });

  it('checks an attachment by its bytes and its size', async () => {
    const d = await draft();
    const { body, headers } = multipartFile('skizze.pdf', PNG_BYTES, 'application/pdf');
    const forged = await t.request('POST', `/api/v1/cases/${d.caseId}/attachments?type=concept_document`, { token: applicant, body, headers });
    expect(forged.status).toBe(415);
    expect(forged.body).toMatchObject({ code: 'ATTACHMENT_CONTENT_NOT_ALLOWED', details: { detected: 'image/png', allowed: ['application/pdf'] } });
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = multipartFile('gross.pdf', big, 'application/pdf');
    const oversized = await t.request('POST', `/api/v1/cases/${d.caseId}/attachments?type=concept_document`, { token: applicant, ...tooBig });
    expect(oversized.status).toBe(413);
    expect(oversized.body.code).toBe('ATTACHMENT_TOO_LARGE');
    const unknown = await attach(d.caseId, 'selfie');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('ATTACHMENT_TYPE_UNKNOWN');
    // the same bytes twice are stored once
    const a = await attach(d.caseId, 'concept_document');
    const b = await attach(d.caseId, 'cost_estimate');
    expect(a.body.sha256).toBe(b.body.sha256);
    const download = await t.request('GET', `/api/v1/cases/${d.caseId}/attachments/${a.body.id}/content`, { token: applicant });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await t.request('DELETE', `/api/v1/cases/${d.caseId}/attachments/${b.body.id}`, { token: applicant })).status).toBe(204);
    expect((await t.request('GET', `/api/v1/cases/${d.caseId}/attachments`, { token: applicant })).body.map((x: { id: string }) => x.id)).toEqual([a.body.id]);
  });

  it("answers another organisation's case with 404 and other roles' applicant actions with 403", async () => {
    const d = await draft();
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('jury@sab.example', ['reviewer']);
    await t.createUser('kasse@sab.example', ['finance']);
    const other = await t.login('antrag@leipzig.de');
    for (const [method, url, body] of [
      ['GET', `/api/v1/cases/${d.caseId}/concept`, undefined],
      ['PUT', `/api/v1/cases/${d.caseId}/concept`, { version: 1 }],
      ['POST', `/api/v1/cases/${d.caseId}/concept/submit`, undefined],
      ['GET', `/api/v1/cases/${d.caseId}/attachments`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: other, body });
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 404, code: 'CASE_NOT_FOUND' });
    }
    for (const email of ['jury@sab.example', 'kasse@sab.example']) {
      const token = await t.login(email);
      expect((await t.request('POST', '/api/v1/concepts', { token, body: { guidelineCode: 'frl-lifd', callCode: '2026-1' } })).status).toBe(403);
      expect((await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, { token, body: { version: 1 } })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token })).status).toBe(403);
    }
  });

  it('runs the second guideline: its concept goes straight to the jury', async () => {
    const calls = (await t.request('GET', '/api/v1/calls')).body;
    const st = calls.find((c: { guidelineCode: string }) => c.guidelineCode === 'st-digital');
    const d = await draft('st-digital', st.callCode);
    const fields = Object.fromEntries(
      st.conceptForm.fields.filter((f: { required: boolean }) => f.required).map((f: { key: string; type: string; options?: string[] }) => [
        f.key,
        f.type === 'email' ? 'digital@mittweida.de' : f.type === 'boolean' ? true : f.type === 'date' ? '2027-06-01' : f.type === 'integer' || f.type === 'number' ? 10 : f.type === 'select' ? f.options![0] : 'Digitaler Ort',
      ]),
    );
    const category = st.costCategories.find((c: { eligible: boolean }) => c.eligible);
    // 20.000 € at 90 % = 18.000 € grant, 2.000 € own
    const saved = await t.request('PUT', `/api/v1/cases/${d.caseId}/concept`, {
      token: applicant,
      body: { version: 1, fields, variant: st.variants[0].code, locationAgs: '14522360', costs: [{ category: category.code, amountCents: 2000000 }], ownContributionCents: 200000 },
    });
    expect(saved.body.grantCents).toBe(1800000);
    for (const type of st.attachmentTypes.filter((a: { stage: string; required: boolean }) => a.stage === 'concept' && a.required)) await attach(d.caseId, type.code);
    const res = await t.request('POST', `/api/v1/cases/${d.caseId}/concept/submit`, { token: applicant });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('concept_in_review');
    expect(res.body.fileNumber).toMatch(new RegExp(`-${st.callCode}-000001$`));
  });
});
