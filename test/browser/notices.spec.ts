import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { preparedApprovals } from '../approvals/prepared-approvals';
import { BrowserApp, browserTest, checkPage, logIn } from '../support/browser';

/** Verifying a real notice (by its code, by its PDF) on the public page, and downloading it from the case page. */
describe('browser: notice verification and letters', () => {
  let b: BrowserApp;
  let caseId: string;
  let code: string;
  let fileNumber: string;
  let pdf: Buffer;
  let pdfFile: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    t.app.get(Clock).travelTo('2027-02-15T10:00:00+01:00');
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicant = await t.createUser('antrag@mittweida.de', ['applicant'], org);
    const caseworker = await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    const [decision] = await preparedApprovals(t, 1, { preparedBy: caseworker, organisationId: org, createdBy: applicant, locationAgs: '14522360' });
    const signed = await t.request('POST', `/api/v1/decisions/${decision}/sign-off`, { token: await t.login('freigabe@sab.example') });
    expect(signed.status).toBe(200);
    code = signed.body.verificationCode;
    [{ case_id: caseId, file_number: fileNumber }] = await t.db.query('SELECT d.case_id, c.file_number FROM decisions d JOIN cases c ON c.id = d.case_id WHERE d.id = $1', [decision]);
    const [mail] = await t.smtp.waitFor('antrag@mittweida.de', 1, 30_000);
    pdf = mail.attachments[0].content as Buffer;
    pdfFile = path.join(mkdtempSync(path.join(tmpdir(), 'fw-notice-')), 'bescheid.pdf');
    writeFileSync(pdfFile, pdf);
  }, 120_000);
  afterAll(() => b?.close());

  async function verifyFile(page: Page, file: string): Promise<void> {
    await page.getByLabel('Bescheid als PDF-Datei').setInputFiles(file);
    await page.getByRole('button', { name: 'Datei prüfen' }).click();
  }

  browserTest('a notice is verified by uploading its PDF and by its printed code; a changed PDF and an unknown code are not genuine', () => b, async (page) => {
    await page.goto('/bescheid-pruefen');
    await checkPage(page, 'Bescheid prüfen');
    await page.getByRole('button', { name: 'Datei prüfen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie eine PDF-Datei aus.' }).first().waitFor();
    await checkPage(page, 'Bescheid prüfen');

    await verifyFile(page, pdfFile);
    const genuine = page.getByRole('status').filter({ hasText: 'Dieser Bescheid ist echt' });
    await genuine.filter({ hasText: fileNumber }).waitFor();
    await checkPage(page, 'Bescheid prüfen');

    const changed = Buffer.from(pdf);
    changed[changed.length - 20] ^= 1;
    const changedFile = path.join(path.dirname(pdfFile), 'geaendert.pdf');
    writeFileSync(changedFile, changed);
    await verifyFile(page, changedFile);
    await page.getByRole('alert').filter({ hasText: 'Kein Bescheid von uns' }).waitFor();
    await checkPage(page, 'Bescheid prüfen');

    await page.getByRole('textbox', { name: 'Prüfcode' }).fill(code);
    await page.getByRole('button', { name: 'Code prüfen' }).click();
    await genuine.filter({ hasText: fileNumber }).waitFor();
    await page.getByRole('textbox', { name: 'Prüfcode' }).fill('FW-AAAA');
    await page.getByRole('button', { name: 'Code prüfen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Der Prüfcode hat die Form' }).first().waitFor();
    await checkPage(page, 'Bescheid prüfen');
    await page.getByRole('textbox', { name: 'Prüfcode' }).fill('fw-0000-0000-0000-0000');
    await page.getByRole('button', { name: 'Code prüfen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kein Bescheid von uns' }).waitFor();
  });

  browserTest('the applicant downloads the notice from the case page: the same PDF as mailed', () => b, async (page) => {
    await logIn(page, 'antrag@mittweida.de');
    await page.goto(`/faelle/${caseId}`);
    await checkPage(page, `Vorgang ${fileNumber}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Zuwendungsbescheid vom 15\.02\.2027 herunterladen/ }).click()]);
    const saved = readFileSync((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));
  });
});
