import { readFileSync } from 'node:fs';
import { Clock } from '../../src/platform/clock';
import { preparedApprovals } from '../approvals/prepared-approvals';
import { VALID_IBAN } from '../applications/fixtures';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { validatePain001 } from '../payouts/xmllint';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';
import { PDF_BYTES } from '../support/multipart';

/**
 * Issue 12 in the browser: the applicant drafts a payment request with two lines and a receipt and submits it; a
 * caseworker certifies it with a reduction; another person with the finance role orders it. Every page passes axe.
 * The plan: 312.500 € equipment × 80 % = 250.000 €; funding period 1 April – 31 December 2027.
 */
describe('browser: payment requests under four eyes', () => {
  let b: BrowserApp;
  let caseId: string;
  let fileNumber: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const clock = t.app.get(Clock);
    clock.travelTo('2027-02-15T10:00:00+01:00');
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicant = await t.createUser('antrag@mittweida.de', ['applicant'], org);
    const caseworker = await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    await t.createUser('kasse@sab.example', ['finance']);
    const [decision] = await preparedApprovals(t, 1, { preparedBy: caseworker, organisationId: org, createdBy: applicant, locationAgs: '14522360' });
    // the binding plan per category, as a prepared decision records it
    await t.db.query(`UPDATE decisions SET calculation = $2 WHERE id = $1`, [decision, { perCategory: [{ category: 'equipment', eligibleCents: 31_250_000, rateBp: 8000, grantCents: 25_000_000 }] }]);
    expect((await t.request('POST', `/api/v1/decisions/${decision}/sign-off`, { token: await t.login('freigabe@sab.example') })).status).toBe(200);
    [{ case_id: caseId, file_number: fileNumber }] = await t.db.query('SELECT d.case_id, c.file_number FROM decisions d JOIN cases c ON c.id = d.case_id WHERE d.id = $1', [decision]);
    expect((await t.request('POST', `/api/v1/cases/${caseId}/waive-objection`, { token: await t.login('antrag@mittweida.de') })).status).toBe(200);
    await t.db.query(`INSERT INTO payee_accounts (organisation_id, holder, iban, status, created_by, confirmed_by, confirmed_at) VALUES ($1, 'Stadt Mittweida', $2, 'active', $3, $4, now())`, [
      org,
      VALID_IBAN.replace(/ /g, ''),
      applicant,
      caseworker,
    ]);
    // the structured address the SEPA file needs (EPC rules since November 2026)
    await t.db.query(`UPDATE organisations SET street = 'Markt', building_number = '1', postal_code = '09648', city = 'Mittweida' WHERE id = $1`, [org]);
    clock.travelTo('2027-05-03T10:00:00+02:00'); // request window: due by 3 July 2027
  }, 120_000);
  afterAll(() => b?.close());

  async function fillLine(page: Page, i: number, v: { invoice: string; supplier: string; invoiceDate: string; dueDate: string; amount: string }): Promise<void> {
    await page.locator(`#feld-lines-${i}-category`).selectOption('equipment');
    await page.locator(`#feld-lines-${i}-invoiceNumber`).fill(v.invoice);
    await page.locator(`#feld-lines-${i}-supplier`).fill(v.supplier);
    await page.locator(`#feld-lines-${i}-invoiceDate`).fill(v.invoiceDate);
    await page.locator(`#feld-lines-${i}-dueDate`).fill(v.dueDate);
    await page.locator(`#feld-lines-${i}-amountCents`).fill(v.amount);
  }

  browserTest(
    'the applicant requests funds with two lines and a receipt; a caseworker certifies with a reduction; finance orders, pays it in a SEPA run and confirms it',
    () => b,
    async (page) => {
      await logIn(page, 'antrag@mittweida.de');
      await page.goto(`/faelle/${caseId}`);
      await checkPage(page, `Vorgang ${fileNumber}`);
      await page.getByTestId('geldstand').filter({ hasText: '225.000,00 €' }).waitFor(); // 250.000 € − 25.000 € retention
      await page.getByRole('button', { name: 'Neuen Mittelabruf anlegen' }).click();
      const title = `Mittelabruf Nr. 1 zu ${fileNumber}`;
      await checkPage(page, title);

      await fillLine(page, 0, { invoice: 'RE-2027-0815', supplier: 'Laser GmbH, Chemnitz', invoiceDate: '2027-04-10', dueDate: '2027-05-10', amount: '12.000,00' });
      await page.locator('#feld-lines-0-receipt').setInputFiles({ name: 'rechnung-0815.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
      await page.getByText('Beleg: rechnung-0815.pdf').waitFor();
      await page.getByRole('button', { name: 'Weitere Rechnung hinzufügen' }).click();
      // due a week after the request window closes
      await fillLine(page, 1, { invoice: 'RE-2027-0907', supplier: 'Werkstatt AG, Mittweida', invoiceDate: '2027-04-20', dueDate: '2027-07-10', amount: '2.500,00' });
      await page.getByRole('button', { name: 'Speichern und berechnen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Diese Zahlung ist zu spät fällig' }).first().waitFor();
      await checkPage(page, title);

      // corrected, and saved on its own a second later: the preview follows without a click
      await page.locator('#feld-lines-1-dueDate').fill('2027-06-30');
      await page.getByRole('status').filter({ hasText: 'Automatisch gespeichert' }).waitFor();
      // (12.000 + 2.500) € × 80 % = 11.600 €
      await page.getByTestId('auszahlung').filter({ hasText: '11.600,00 €' }).waitFor();
      expect(await page.locator('.fw-error-summary').count()).toBe(0);
      await checkPage(page, title);
      await page.getByRole('button', { name: 'Mittelabruf einreichen' }).click();
      await page.getByRole('status').filter({ hasText: 'Mittelabruf Nr. 1 über 11.600,00 € eingereicht.' }).waitFor();
      await checkPage(page, `Vorgang ${fileNumber}`);
      expect((await b.t.db.query('SELECT state FROM cases WHERE id = $1', [caseId]))[0].state).toBe('in_payment');

      // the caseworker: 2.500 € line accepted at 2.000 €
      const caseworker = await b.page();
      try {
        await logIn(caseworker, 'sb@sab.example');
        await caseworker.getByRole('link', { name: 'Mittelabrufe prüfen' }).click();
        await checkPage(caseworker, 'Mittelabrufe prüfen');
        await caseworker.getByRole('link', { name: /Mittelabruf Nr\. 1 prüfen/ }).click();
        await checkPage(caseworker, `Mittelabruf Nr. 1 zu ${fileNumber} prüfen`);
        await caseworker.getByRole('button', { name: /rechnung-0815\.pdf/ }).waitFor();
        await caseworker.getByLabel('Anerkannt in Euro, Zeile 2').fill('2.000,00');
        await caseworker.getByRole('button', { name: 'Sachlich und rechnerisch richtig zeichnen' }).click();
        await caseworker.getByRole('alert').filter({ hasText: 'Bitte begründen Sie die Kürzung' }).first().waitFor();
        await checkPage(caseworker, `Mittelabruf Nr. 1 zu ${fileNumber} prüfen`);
        await caseworker.getByLabel('Grund der Kürzung, Zeile 2').fill('Skonto von 500 € nicht abgezogen.');
        await caseworker.getByRole('button', { name: 'Sachlich und rechnerisch richtig zeichnen' }).click();
        // (12.000 + 2.000) € × 80 % = 11.200 €
        await caseworker.getByRole('status').filter({ hasText: 'sachlich und rechnerisch richtig: 11.200,00 €' }).waitFor();
        await checkPage(caseworker, 'Mittelabrufe prüfen');
      } finally {
        await caseworker.context().close();
      }

      // finance, another person, orders
      const finance = await b.page();
      try {
        await logIn(finance, 'kasse@sab.example');
        await finance.getByRole('link', { name: 'Zahlungen anordnen' }).click();
        await checkPage(finance, 'Zahlungen anordnen');
        await finance.getByRole('heading', { name: `${fileNumber}: Mittelabruf Nr. 1 über 11.200,00 €` }).waitFor();
        if (process.env.BROWSER_SCREENSHOTS) await finance.screenshot({ path: path.join(SCREENSHOTS, 'zahlungen-anordnen-offen.png'), fullPage: true });
        await finance.getByRole('button', { name: /Auszahlung anordnen/ }).click();
        await finance.getByRole('status').filter({ hasText: `Auszahlung von 11.200,00 € zu ${fileNumber} angeordnet.` }).waitFor();
        await checkPage(finance, 'Zahlungen anordnen');
      } finally {
        await finance.context().close();
      }
      expect(await b.t.db.query('SELECT status, requested_cents, payable_cents FROM payment_requests WHERE case_id = $1', [caseId])).toEqual([
        { status: 'ordered', requested_cents: '1160000', payable_cents: '1120000' },
      ]);

      // the applicant sees the payment on the case: what was ordered and what is still open (225.000 − 11.200 €)
      await page.goto(`/faelle/${caseId}`);
      await page.getByTestId('geldstand').filter({ hasText: '213.800,00 €' }).waitFor();
      await page.getByText('Mittelabruf Nr. 1 angeordnet: 11.200,00 €').waitFor();
      await checkPage(page, `Vorgang ${fileNumber}`);

      // finance puts it into a payment run for Wednesday 5 May 2027, exports and downloads the SEPA file, and confirms it once the bank has executed it
      const runs = await b.page();
      try {
        await logIn(runs, 'kasse@sab.example');
        await runs.getByRole('link', { name: 'Zahlungsläufe' }).click();
        await checkPage(runs, 'Zahlungsläufe');
        await runs.getByText('1 Zahlung ausgewählt, Summe 11.200,00 €').waitFor();
        await runs.getByLabel('Gewünschter Ausführungstag').fill('2027-05-05');
        await runs.getByRole('button', { name: 'Zahlungslauf bilden' }).click();
        await runs.waitForURL(/\/zahlungslaeufe\/[0-9a-f-]{36}$/);
        await checkPage(runs, 'Zahlungslauf ZL-2027-00001');
        await runs.getByRole('button', { name: 'Als SEPA-Datei exportieren' }).click();
        await runs.getByText('Der Zahlungslauf ist exportiert.').waitFor();
        const [download] = await Promise.all([runs.waitForEvent('download'), runs.getByRole('button', { name: 'SEPA-Datei herunterladen (ZL-2027-00001.xml)' }).click()]);
        const xml = readFileSync((await download.path())!);
        expect((await validatePain001(xml)).valid).toBe(true);
        expect(xml.toString()).toContain('<InstdAmt Ccy="EUR">11200.00</InstdAmt>');
        expect(xml.toString()).toContain(`<Ustrd>Zuwendung FRL LIfD Az. ${fileNumber} Mittelabruf Nr. 1</Ustrd>`);
        b.t.app.get(Clock).travelTo('2027-05-05T16:00:00+02:00');
        await runs.getByRole('button', { name: 'Ausführung bestätigen' }).click();
        await runs.getByText('Die Ausführung ist bestätigt').waitFor();
        await runs.getByRole('cell', { name: 'ausgezahlt am 05.05.2027' }).first().waitFor();
        await checkPage(runs, 'Zahlungslauf ZL-2027-00001');
      } finally {
        await runs.context().close();
      }
      expect(await b.t.db.query('SELECT status, paid_on::text FROM payment_requests WHERE case_id = $1', [caseId])).toEqual([{ status: 'paid', paid_on: '2027-05-05' }]);
      const [ledger] = await b.t.db.query(`SELECT paid_cents::int AS paid FROM call_budgets WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2027`);
      expect(ledger.paid).toBe(1_120_000);
      await page.reload();
      await page.getByTestId('geldstand').filter({ hasText: '11.200,00 €' }).waitFor();
      await checkPage(page, `Vorgang ${fileNumber}`);
    },
    180_000,
  );
});
