import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Clock } from '../../src/platform/clock';
import { orderedPayment, payeeAccount, setAddress } from '../payouts/ordered-payments';
import { validatePain001 } from '../payouts/xmllint';
import * as path from 'node:path';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';

/** Finance's payment runs in the browser: build from the ordered payments, export, download the XML, confirm, book a return. */
describe('browser: payment runs', () => {
  let b: BrowserApp;
  const files: string[] = [];
  let caseA: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    t.app.get(Clock).travelTo('2027-03-01T10:00:00+01:00');
    const caseworker = await t.createUser('sb@sab.example', ['caseworker']);
    const approver = await t.createUser('freigabe@sab.example', ['approver']);
    const finance = await t.createUser('anordnung@sab.example', ['finance']);
    await t.createUser('zahllauf@sab.example', ['finance']);
    const orgs: [string, string, { street: string; buildingNumber: string; postalCode: string; city: string }, string, number][] = [
      ['Gemeinde Großröhrsdorf', '14625200', { street: 'Rathausstraße', buildingNumber: '1a', postalCode: '01900', city: 'Großröhrsdorf' }, 'DE89370400440532013000', 1_234_567],
      ['Stadt Leipzig', '14713000', { street: 'Martin-Luther-Ring', buildingNumber: '4-6', postalCode: '04109', city: 'Leipzig' }, 'DE02120300000000202051', 5_000_000],
      ['Landkreis Görlitz', '14626000', { street: 'Robert-Koch-Straße', buildingNumber: '1', postalCode: '02906', city: 'Niesky' }, 'DE12500105170648489890', 789_005],
    ];
    for (const [i, [name, ags, address, iban, cents]] of orgs.entries()) {
      const org = await t.createOrganisation(name, ags);
      await setAddress(t, org, address);
      const applicant = await t.createUser(`antrag${i}@example.org`, ['applicant'], org);
      await payeeAccount(t, { organisationId: org, holder: name, iban, status: 'active', createdBy: applicant, confirmedBy: caseworker });
      const p = await orderedPayment(t, { organisationId: org, applicantId: applicant, caseworkerId: caseworker, approverId: approver, financeId: finance, amountCents: cents });
      files.push(p.fileNumber);
      if (i === 0) caseA = p.caseId;
    }
  }, 120_000);
  afterAll(() => b?.close());

  browserTest(
    'finance builds a run of three payments, exports and downloads the SEPA file, confirms it and books a return',
    () => b,
    async (page) => {
      await logIn(page, 'zahllauf@sab.example');
      await page.getByRole('link', { name: 'Zahlungsläufe' }).click();
      await checkPage(page, 'Zahlungsläufe');
      await page.getByText('3 Zahlungen ausgewählt, Summe 70.235,72 €').waitFor();
      await page.getByRole('cell', { name: 'Stadt Leipzig DE02 1203 0000 0000 2020 51' }).waitFor();
      if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'zahlungslauf-bilden.png'), fullPage: true });

      // Good Friday is no TARGET2 business day
      await page.getByLabel('Gewünschter Ausführungstag').fill('2027-03-26');
      await page.getByRole('button', { name: 'Zahlungslauf bilden' }).click();
      await page.getByRole('alert').filter({ hasText: 'kein TARGET2-Geschäftstag' }).first().waitFor();
      await checkPage(page, 'Zahlungsläufe');

      await page.getByLabel('Gewünschter Ausführungstag').fill('2027-03-02');
      await page.getByRole('button', { name: 'Zahlungslauf bilden' }).click();
      await page.waitForURL(/\/zahlungslaeufe\/[0-9a-f-]{36}$/);
      await checkPage(page, 'Zahlungslauf ZL-2027-00001');
      await page.getByRole('cell', { name: '70.235,72 €' }).waitFor();

      await page.getByRole('button', { name: 'Als SEPA-Datei exportieren' }).click();
      await page.getByText('Der Zahlungslauf ist exportiert.').waitFor();
      if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'zahlungslauf-exportiert.png'), fullPage: true });
      await checkPage(page, 'Zahlungslauf ZL-2027-00001');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SEPA-Datei herunterladen (ZL-2027-00001.xml)' }).click()]);
      expect(download.suggestedFilename()).toBe('ZL-2027-00001.xml');
      const xml = readFileSync((await download.path())!);
      const [run] = await b.t.db.query(`SELECT sha256 FROM payment_runs`);
      expect(createHash('sha256').update(xml).digest('hex')).toBe(run.sha256);
      expect((await validatePain001(xml)).valid).toBe(true);
      expect(xml.toString()).toContain('<CtrlSum>70235.72</CtrlSum>');

      b.t.app.get(Clock).travelTo('2027-03-02T16:00:00+01:00');
      await page.getByRole('button', { name: 'Ausführung bestätigen' }).click();
      await page.getByText('Die Ausführung ist bestätigt').waitFor();
      await page.getByRole('cell', { name: 'ausgezahlt am 02.03.2027' }).first().waitFor();
      await checkPage(page, 'Zahlungslauf ZL-2027-00001');

      await page.getByLabel('Zahlung', { exact: true }).selectOption({ label: `${files[1]} / 1 – 50.000,00 €` });
      await page.getByLabel('Rückgabegrund (ISO 20022)').selectOption('AC04');
      await page.getByLabel('Vermerk (optional)').fill('Kontoauszug vom 05.03.2027');
      await page.getByRole('button', { name: 'Rückläufer buchen' }).click();
      await page.getByText(`Der Rückläufer zu ${files[1]} / 1 ist gebucht`).waitFor();
      await page.getByRole('cell', { name: 'zurückgekommen (AC04)' }).waitFor();
      await checkPage(page, 'Zahlungslauf ZL-2027-00001');
      const [ledger] = await b.t.db.query(`SELECT paid_cents::int AS paid FROM call_budgets WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2027`);
      expect(ledger.paid).toBe(2_023_572);

      await page.getByRole('link', { name: 'Alle Zahlungsläufe' }).click();
      await page.getByRole('link', { name: 'ZL-2027-00001' }).waitFor();
      await page.getByText('Zurzeit wartet keine angeordnete Zahlung').waitFor();
      await checkPage(page, 'Zahlungsläufe');
    },
    120_000,
  );

  browserTest('the applicant downloads the payment advice from the case page: the same PDF as mailed', () => b, async (page) => {
    const [mail] = await b.t.smtp.waitFor('antrag0@example.org', 1, 30_000);
    const mailed = mail.attachments[0].content as Buffer;
    await logIn(page, 'antrag0@example.org');
    await page.goto(`/faelle/${caseA}`);
    await checkPage(page, `Vorgang ${files[0]}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Auszahlungsmitteilung Nr. 1 über 12.345,67 € vom 02.03.2027 herunterladen (PDF)' }).click(),
    ]);
    const saved = readFileSync((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(mailed).digest('hex'));
  });
});
