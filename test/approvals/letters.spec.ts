import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NoticesService } from '../../src/approvals/notices.service';
import { renderNoticePdf } from '../../src/approvals/notice-letter';
import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp, waitUntil } from '../support/test-app';

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fw-letter-')), 'notice.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

const COMMENT = 'Bitte die Personalausgaben mit der Kämmerei klären – intern.';
const NOTE = 'Telefonat mit der Kämmerei am 14.02.: Eigenanteil gesichert (intern).';
const REJECTION_REASON = 'Die Finanzierung des Eigenanteils ist nicht gesichert (Entwurf).';

/** Keys an applicant must never receive, at any depth. */
const STAFF_KEYS = ['preparedBy', 'preparedByName', 'approvedBy', 'returnComment', 'sendBackComment', 'internalNote', 'actorId'];
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('letters: the addressee on every notice, verification by the printed code, dates from stored instants, what applicants see', () => {
  let t: TestApp;
  let steps: Steps;
  let clock: Clock;
  let organisation: string;
  let applicant: string;
  let caseworker: string;
  let approver: string;

  beforeAll(async () => {
    t = await TestApp.start();
    steps = new Steps(t);
    clock = t.app.get(Clock);
    organisation = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], organisation);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    applicant = await t.login('antrag@mittweida.de');
    caseworker = await t.login('sb@sab.example');
    approver = await t.login('freigabe@sab.example');
  });
  afterAll(() => t.close());

  async function completeCase(note?: string): Promise<string> {
    const caseId = await steps.submittedApplication(applicant, caseworker, {
      application: { costs: [{ category: 'equipment', amountCents: 10000000, fiscalYear: 2027, description: 'Lasercutter' }], ownContributionCents: 2000000 },
    });
    const confirmed = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: caseworker, body: { transition: 'confirm_completeness', ...(note ? { internalNote: note } : {}) } });
    expect(confirmed.status).toBe(200);
    return caseId;
  }

  async function approvedNotice(caseId: string, signOffAt?: string): Promise<{ decision: any; pdf: Buffer; mail: any }> {
    const prepared = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'approval' } });
    expect(prepared.status).toBe(201);
    if (signOffAt) clock.travelTo(signOffAt);
    const signed = await t.request('POST', `/api/v1/decisions/${prepared.body.id}/sign-off`, { token: approver });
    expect(signed.status).toBe(200);
    const [{ file_number: fileNumber }] = await t.db.query('SELECT file_number FROM cases WHERE id = $1', [caseId]);
    const find = () => t.smtp.to('antrag@mittweida.de').find((m) => m.subject === `${fileNumber}: Zuwendungsbescheid`);
    await waitUntil('the notice is mailed', async () => !!find(), 20_000);
    const mail = find()!;
    return { decision: signed.body, pdf: mail.attachments[0].content as Buffer, mail };
  }

  it('addresses the notice to the organisation with its contact and structured postal address; the mail wording comes from the guideline', async () => {
    await t.db.query(
      `UPDATE organisations SET street = 'Markt', building_number = '32', postal_code = '09648', city = 'Mittweida', contact_name = 'Frau Erika Muster' WHERE id = $1`,
      [organisation],
    );
    try {
      const caseId = await completeCase();
      const { decision, pdf, mail } = await approvedNotice(caseId);
      const text = pdfText(pdf);
      expect(text).toMatch(/Stadt Mittweida[^\n]*\n\s*Frau Erika Muster[^\n]*\n\s*Markt 32[^\n]*\n\s*09648 Mittweida/);
      // the mail: subject and body are the guideline's blocks mailNoticeSubject / mailNoticeBody, filled
      const [{ file_number: fileNumber }] = await t.db.query('SELECT file_number FROM cases WHERE id = $1', [caseId]);
      expect(mail.subject).toBe(`${fileNumber}: Zuwendungsbescheid`);
      expect(mail.text).toContain(`anbei erhalten Sie den Zuwendungsbescheid vom 15.02.2027 zum Vorhaben`);
      expect(mail.text).toContain(`Prüfcode: ${decision.verificationCode}`);
      expect(mail.text).toContain(`${t.config.publicUrl}/verify?code=${decision.verificationCode}`);
      expect(mail.text).toContain('Sächsische Aufbaubank – Förderbank –');
      expect(mail.text).not.toMatch(/\{[A-Za-z]+\}/);
    } finally {
      await t.db.query(`UPDATE organisations SET street = NULL, building_number = NULL, postal_code = NULL, city = NULL, contact_name = NULL WHERE id = $1`, [organisation]);
    }
  });

  it('prints the name alone when the organisation has no address on record', async () => {
    const caseId = await completeCase();
    const text = pdfText((await approvedNotice(caseId)).pdf);
    expect(text).toMatch(/Stadt Mittweida\s*\n/);
    expect(text).not.toMatch(/null|undefined/);
  });

  it('renders notices of cases on an earlier guideline version (intro with title, file number and date; no mail blocks) without printing anything twice', async () => {
    const caseId = await completeCase();
    // an earlier version as running cases keep it: the intro repeats the header lines, the mail wording was in code
    const [{ guideline_version_id: current }] = await t.db.query('SELECT guideline_version_id FROM cases WHERE id = $1', [caseId]);
    const [{ definition }] = await t.db.query('SELECT definition FROM guideline_versions WHERE id = $1', [current]);
    delete definition.texts.mailNoticeSubject;
    delete definition.texts.mailNoticeBody;
    definition.texts.noticeIntro = `Zuwendungsbescheid\nAktenzeichen: {fileNumber}\nDatum: {date}\n\n${definition.texts.noticeIntro}`;
    const [{ id: earlier }] = await t.db.query(
      `INSERT INTO guideline_versions (guideline_code, edition, content_hash, definition, source_file) VALUES ('frl-lifd', '2023-11-30', $1, $2, 'frl-lifd.yaml') RETURNING id`,
      ['e'.repeat(64), definition],
    );
    await t.db.query('UPDATE cases SET guideline_version_id = $2 WHERE id = $1', [caseId, earlier]);

    const { mail, pdf } = await approvedNotice(caseId);
    expect(mail.text).toContain('anbei erhalten Sie den Zuwendungsbescheid'); // the current wording
    const text = pdfText(pdf);
    const [{ file_number: fileNumber }] = await t.db.query('SELECT file_number FROM cases WHERE id = $1', [caseId]);
    expect(text.match(/^\s*Zuwendungsbescheid\s*$/gm)).toHaveLength(1);
    expect(text).not.toContain(`Aktenzeichen: ${fileNumber}`);
    expect(text).not.toContain('Datum: 15.02.2027');
    expect(text).toContain('Sehr geehrte Damen und Herren,');
  });

  it('verifies by the code printed on the notice: the printed URL opens a page saying the notice is genuine; unknown and malformed codes are refused clearly', async () => {
    const caseId = await completeCase();
    const { decision, pdf } = await approvedNotice(caseId);
    const [{ file_number: fileNumber }] = await t.db.query('SELECT file_number FROM cases WHERE id = $1', [caseId]);
    const text = pdfText(pdf);
    const urls = [...text.matchAll(/Echtheit prüfen: (\S+)/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(1); // on every page
    expect(new Set(urls).size).toBe(1);
    const printed = new URL(urls[0]);
    expect(printed.origin).toBe(new URL(t.config.publicUrl).origin);
    expect(printed.searchParams.get('code')).toBe(decision.verificationCode);
    expect(text).toContain(`Prüfcode: ${decision.verificationCode}`);

    // like a browser
    const page = await t.request('GET', `${printed.pathname}${printed.search}`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBeDefined();
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('Echt: Dieses Dokument wurde von Sächsische Aufbaubank – Förderbank – ausgestellt.');
    expect(page.body).toContain(fileNumber);
    expect(page.body).toContain('Zuwendungsbescheid');
    expect(page.body).toContain('15.02.2027');
    expect(page.body).toContain(createHash('sha256').update(pdf).digest('hex'));
    expect(page.body).toMatch(/<label for="code">/);
    expect(page.body).not.toMatch(/<script|\son[a-z]+=/i); // no script, no event handler attributes

    // the code as typed by a person (lower case, spaces around) is the same code
    expect((await t.request('GET', `/verify?code=${encodeURIComponent(` ${decision.verificationCode.toLowerCase()} `)}`)).status).toBe(200);

    // the API, for clients
    const api = await t.request('GET', `/api/v1/notices/verify?code=${decision.verificationCode}`);
    expect(api.status).toBe(200);
    expect(api.body).toEqual({
      genuine: true,
      verificationCode: decision.verificationCode,
      kind: 'approval',
      title: 'Zuwendungsbescheid',
      issuer: 'Sächsische Aufbaubank – Förderbank –',
      fileNumber,
      issuedOn: '2027-02-15',
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const pageAsJson = await t.request('GET', `/verify?code=${decision.verificationCode}`, { headers: { accept: 'application/json' } });
    expect(pageAsJson.body).toEqual(api.body);

    // a well-formed code that is not ours
    const unknown = 'FW-0000-0000-0000-0000';
    const unknownPage = await t.request('GET', `/verify?code=${unknown}`, { headers: { accept: 'text/html' } });
    expect(unknownPage.status).toBe(404);
    expect(unknownPage.body).toContain('Nicht gefunden');
    expect(unknownPage.body).not.toContain('Echt:');
    const unknownApi = await t.request('GET', `/api/v1/notices/verify?code=${unknown}`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body).toMatchObject({ code: 'NOTICE_NOT_FOUND' });

    // not a code at all
    for (const bad of ['FW-XYZ', "FW-1234-5678-9ABC-DEF0' OR 1=1", '', '<script>alert(1)</script>']) {
      const api400 = await t.request('GET', `/api/v1/notices/verify?code=${encodeURIComponent(bad)}`);
      expect(api400.status).toBe(400);
      expect(api400.body).toMatchObject({ code: 'VERIFICATION_CODE_INVALID', details: { field: 'code' } });
    }
    const badPage = await t.request('GET', `/verify?code=${encodeURIComponent('<script>alert(1)</script>')}`, { headers: { accept: 'text/html' } });
    expect(badPage.status).toBe(400);
    expect(badPage.body).toContain('Ungültiger Prüfcode');
    expect(badPage.body).toContain('VERIFICATION_CODE_INVALID');
    expect(badPage.body).not.toContain('<script>');
    // a repeated parameter is a client's mistake, never a 5xx
    expect((await t.request('GET', `/verify?code=${unknown}&code=FW-1`, { headers: { accept: 'text/html' } })).status).toBe(400);
    expect((await t.request('GET', `/api/v1/notices/verify?code=${unknown}&code=FW-1`)).status).toBe(400);
    expect((await t.request('GET', `/api/v1/notices/verify?sha256=a&sha256=b`)).status).toBe(400);
    // the page without a code is the form
    const form = await t.request('GET', '/verify', { headers: { accept: 'text/html' } });
    expect(form.status).toBe(200);
    expect(form.body).toContain('<form method="get" action="/verify">');

    // the hash remains a way in, too
    expect((await t.request('GET', `/api/v1/notices/verify?sha256=${createHash('sha256').update(pdf).digest('hex')}`)).body).toMatchObject({ genuine: true, fileNumber });
  });

  it('documents verification and the agency-only fields in OpenAPI', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body;
    const page = doc.paths['/verify'].get;
    expect(page.parameters).toEqual([expect.objectContaining({ name: 'code', in: 'query', required: false })]);
    expect(Object.keys(page.responses['200'].content)).toEqual(expect.arrayContaining(['text/html', 'application/json']));
    expect(page.responses['400'].description).toContain('VERIFICATION_CODE_INVALID');
    expect(page.responses['404'].description).toContain('NOTICE_NOT_FOUND');
    const api = doc.paths['/api/v1/notices/verify'].get;
    expect(api.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['code', 'sha256']);
    expect(api.responses['400'].description).toContain('VERIFICATION_CODE_INVALID');
    expect(doc.components.schemas.VerifiedNoticeDto.required).toEqual(expect.arrayContaining(['genuine', 'fileNumber', 'kind', 'issuedOn', 'sha256']));
    expect(doc.paths['/api/v1/notices/verify'].post.requestBody.content['application/pdf']).toBeDefined();
    expect(doc.components.schemas.CaseTransitionDto.required).not.toContain('actorId');
    expect(Object.keys(doc.components.schemas.CaseTransitionDto.properties)).toEqual(expect.arrayContaining(['actorId', 'internalNote', 'reason']));
    expect(Object.keys(doc.components.schemas.TransitionDto.properties)).toContain('internalNote');
    expect(doc.paths['/api/v1/cases/{id}/decisions'].get.responses['200'].content['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/DecisionViewDto' } });
  });

  it('dates the notice by the stored sign-off instant in Germany, and a later re-render gives the same bytes', async () => {
    const caseId = await completeCase();
    // 23:30 UTC on 31 December is already 1 January in Germany
    const { decision, pdf } = await approvedNotice(caseId, '2027-12-31T23:30:00Z');
    expect(decision.noticeDate).toBe('2028-01-01');
    const text = pdfText(pdf);
    expect(text).toMatch(/Datum\s*\n\s*01\.01\.2028/);
    expect(text).not.toContain('31.12.2027');
    const [{ notice_issued_at: issuedAt }] = await t.db.query('SELECT notice_issued_at FROM decisions WHERE id = $1', [decision.id]);
    expect(Math.abs(new Date(issuedAt).getTime() - Date.parse('2027-12-31T23:30:00Z'))).toBeLessThan(10_000); // the test clock keeps running

    // a retry of the render job hours later renders the identical document
    clock.travelTo('2028-01-03T08:00:00+01:00');
    const notices = t.app.get(NoticesService) as unknown as { input(id: string): Promise<{ notice: Parameters<typeof renderNoticePdf>[0] }> };
    const again = await renderNoticePdf((await notices.input(decision.id)).notice);
    expect(createHash('sha256').update(again).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));
    const [{ sha256 }] = await t.db.query('SELECT sha256 FROM notices WHERE decision_id = $1', [decision.id]);
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('keeps working papers inside the agency: applicants see issued decisions and public reasons only, without staff ids or internal notes', async () => {
    const caseId = await completeCase(NOTE);

    // a prepared rejection, sent back by the approver with a comment: nothing of it reaches the applicant
    const rejection = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, { token: caseworker, body: { kind: 'rejection', reasons: [REJECTION_REASON] } });
    expect(rejection.status).toBe(201);
    const mine = await t.request('GET', `/api/v1/cases/${caseId}/decisions`, { token: applicant });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([]);
    const back = await t.request('POST', `/api/v1/decisions/${rejection.body.id}/return`, { token: approver, body: { comment: COMMENT } });
    expect(back.status).toBe(200);
    expect(back.body.returnComment).toBe(COMMENT);

    // the agency sees everything: both decisions' working papers, actors and internal notes
    const staffDecisions = await t.request('GET', `/api/v1/cases/${caseId}/decisions`, { token: caseworker });
    expect(staffDecisions.body).toEqual([expect.objectContaining({ status: 'returned', returnComment: COMMENT, preparedBy: expect.any(String), preparedByName: 'sb' })]);
    const staffHistory = await t.request('GET', `/api/v1/cases/${caseId}/transitions`, { token: caseworker });
    expect(staffHistory.status).toBe(200);
    const byName = (rows: any[], name: string) => rows.find((r) => r.transition === name);
    expect(byName(staffHistory.body, 'confirm_completeness')).toMatchObject({ internalNote: NOTE, reason: null, actorId: expect.any(String) });
    expect(byName(staffHistory.body, 'prepare_rejection')).toMatchObject({ internalNote: REJECTION_REASON, reason: null });
    expect(byName(staffHistory.body, 'return_rejection')).toMatchObject({ internalNote: COMMENT, reason: null });
    for (const row of staffHistory.body) expect(Object.keys(row)).toEqual(expect.arrayContaining(['actorId', 'internalNote']));
    const [stored] = await t.db.query(`SELECT reason, internal_note FROM case_transitions WHERE case_id = $1 AND internal_note = $2`, [caseId, COMMENT]);
    expect(stored).toEqual({ reason: null, internal_note: COMMENT });

    // the applicant: transitions without actor ids and internal notes, no key at all; none of the texts anywhere
    const history = await t.request('GET', `/api/v1/cases/${caseId}/transitions`, { token: applicant });
    expect(history.status).toBe(200);
    expect(history.body.length).toBe(staffHistory.body.length);
    for (const row of history.body) expect(Object.keys(row).sort()).toEqual(['fromState', 'occurredAt', 'reason', 'toState', 'transition']);
    const decisions = await t.request('GET', `/api/v1/cases/${caseId}/decisions`, { token: applicant });
    expect(decisions.body).toEqual([]);
    for (const reply of [history, decisions]) {
      const json = JSON.stringify(reply.body);
      for (const secret of [COMMENT, NOTE, REJECTION_REASON]) expect(json).not.toContain(secret);
      for (const key of STAFF_KEYS) expect(keysOf(reply.body).has(key)).toBe(false);
    }

    // an applicant cannot write internal notes; nothing is written
    const before = (await t.db.query('SELECT count(*)::int AS n FROM case_transitions WHERE case_id = $1', [caseId]))[0].n;
    const sneaky = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: applicant, body: { transition: 'withdraw', reason: 'Wir ziehen zurück.', internalNote: 'geheim' } });
    expect(sneaky.status).toBe(403);
    expect(sneaky.body.code).toBe('INTERNAL_NOTE_NOT_ALLOWED');
    expect((await t.db.query('SELECT count(*)::int AS n FROM case_transitions WHERE case_id = $1', [caseId]))[0].n).toBe(before);
    const tooLong = await t.request('POST', `/api/v1/cases/${caseId}/transitions`, { token: caseworker, body: { transition: 'confirm_completeness', internalNote: 'x'.repeat(4001) } });
    expect(tooLong.status).toBe(400);

    // an approval, signed off: now the applicant sees it, as issued, without who prepared or signed it
    const { decision } = await approvedNotice(caseId);
    const issued = await t.request('GET', `/api/v1/cases/${caseId}/decisions`, { token: applicant });
    expect(issued.body).toEqual([expect.objectContaining({ id: decision.id, status: 'approved', kind: 'approval', grantCents: 8000000, verificationCode: decision.verificationCode })]);
    for (const key of STAFF_KEYS) expect(keysOf(issued.body).has(key)).toBe(false);
    const staff = await t.request('GET', `/api/v1/cases/${caseId}/decisions`, { token: approver });
    expect(staff.body).toHaveLength(2);
    expect(staff.body[1]).toMatchObject({ id: decision.id, preparedBy: expect.any(String), approvedBy: expect.any(String) });
  });
});
