import { Clock } from '../../src/platform/clock';
import { LIFD_CONCEPT_FIELDS, LIFD_PLAN, Steps } from '../applications/fixtures';
import { multipartFile, pdf } from '../support/multipart';
import { Reply, TestApp } from '../support/test-app';

/** Issue 9, finding 5: inputs that gave 500 are 400 in the one error shape. */
describe('input hardening', () => {
  let t: TestApp;
  let s: Steps;
  let applicant: string;
  let caseId: string;

  const shaped400 = (res: Reply, code?: string) => {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
  };

  beforeAll(async () => {
    t = await TestApp.start();
    s = new Steps(t);
    t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
    await t.createUser('antrag@mittweida.de', ['applicant'], await t.createOrganisation('Stadt Mittweida', '14522360'));
    applicant = await t.login('antrag@mittweida.de');
    caseId = (await s.createConcept(applicant, 'frl-lifd', '2026-1')).caseId;
  });
  afterAll(() => t.close());

  it('refuses JSON nested 50,000 levels deep, on public and authenticated routes', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const deepObject = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const json = { 'content-type': 'application/json' };
    shaped400(await t.request('POST', '/api/v1/auth/login', { body: `{"email":${deep},"password":"x"}`, headers: json }), 'BODY_TOO_DEEP');
    shaped400(await t.request('POST', '/api/v1/auth/login', { body: deepObject, headers: json }), 'BODY_TOO_DEEP');
    shaped400(await t.request('PUT', `/api/v1/cases/${caseId}/concept`, { token: applicant, body: `{"version":1,"fields":${deepObject}}`, headers: json }), 'BODY_TOO_DEEP');
    // ordinary nesting and brackets inside strings still pass
    const ok = await s.saveConcept(applicant, caseId, { version: 1, fields: { ...LIFD_CONCEPT_FIELDS, summary: '[[[[{{{{'.repeat(100) }, ...LIFD_PLAN });
    expect(ok.status).toBe(200);
  });

  it('refuses NUL characters and unpaired surrogates in bodies, keys, query and path', async () => {
    shaped400(await t.request('POST', '/api/v1/auth/login', { body: { email: 'a\u0000@b.de', password: 'x' } }), 'TEXT_INVALID');
    shaped400(await t.request('POST', '/api/v1/auth/login', { body: '{"email":"\\ud800@b.de","password":"x"}', headers: { 'content-type': 'application/json' } }), 'TEXT_INVALID');
    const version = (await s.getConcept(applicant, caseId)).version;
    shaped400(await s.saveConcept(applicant, caseId, { version, fields: { summary: 'Text\u0000mit NUL' } }), 'TEXT_INVALID');
    shaped400(await s.saveConcept(applicant, caseId, { version, fields: { ['x\udc00']: 'y' } }), 'TEXT_INVALID');
    shaped400(await t.request('GET', '/api/v1/cases?q=a%00b', { token: applicant }), 'TEXT_INVALID');
    shaped400(await t.request('GET', '/api/v1/cases?q=%ED%A0%80', { token: applicant }));
    shaped400(await t.request('GET', '/api/v1/guidelines/frl%00lifd/calls', { token: applicant }), 'TEXT_INVALID');
    shaped400(await t.request('GET', '/api/v1/notices/verify?code=FW-%00'), 'TEXT_INVALID');
    // paired surrogates (emoji) are fine
    const emoji = await s.saveConcept(applicant, caseId, { version, fields: { summary: 'Makerspace 🚀' } });
    expect(emoji.status).toBe(200);
  });

  it('refuses a non-UUID informationRequestId and malformed multipart bodies', async () => {
    const upload = multipartFile('skizze.pdf', pdf('skizze'), 'application/pdf');
    shaped400(await t.request('POST', `/api/v1/cases/${caseId}/attachments?type=concept_document&informationRequestId=nicht-uuid`, { token: applicant, ...upload }));

    const boundary = 'xyzboundary';
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const bodies = [
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 abgeschnitten`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n`,
      `garbage without any boundary`,
      `--${boundary}\r\n\r\n\r\n--${boundary}--\r\n`,
    ];
    for (const body of bodies) {
      const res = await t.request('POST', `/api/v1/cases/${caseId}/attachments?type=concept_document`, { token: applicant, body, headers });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    const noBoundary = await t.request('POST', `/api/v1/cases/${caseId}/attachments?type=concept_document`, { token: applicant, body: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
