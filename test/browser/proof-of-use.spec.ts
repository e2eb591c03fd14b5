import type { Page } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { DocumentStore } from '../../src/platform/documents/document-store';
import { drawSample } from '../../src/reporting/domain/settlement';
import { ProofOfUseService } from '../../src/reporting/proof-of-use.service';
import { Steps } from '../applications/fixtures';
import * as path from 'node:path';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';
import { pdfOfSize } from '../support/multipart';

const LONG = 180_000;

/** With BROWSER_SCREENSHOTS=1: the page at a moment checkPage's one picture per title would not keep. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `verwendungsnachweis-${name}.png`), fullPage: true });
}

/**
 * Issue 13 items 2 and 3 in the browser: the recipient files the proof of use (the expense copied from a paid payment
 * request kept, one added with its receipt), is told every problem first, then submits; the caseworker opens the
 * check from the work list, sees the sample drawn and marked, reduces a line with a reason and decides the sample.
 */
describe('browser: proof of use and its check', () => {
  let b: BrowserApp;
  let caseId: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const steps = new Steps(t);
    const clock = t.app.get(Clock);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    const caseworkerId = await t.createUser('sb@sab.example', ['caseworker']);
    const approverId = await t.createUser('freigabe@sab.example', ['approver']);
    const applicant = await t.login('antrag@mittweida.de');
    const caseworker = await t.login('sb@sab.example');
    const approver = await t.login('freigabe@sab.example');

    // an approved FRL LIfD case (equipment 123.456,79 €, staff 10.000,01 €; funding period 1.4.2027–31.12.2028)
    caseId = await steps.approvedCase(applicant, caseworker, approver);

    // the project runs (set in the database: the start step's effects are the reporting duties); one payment request
    // was paid, with the Lasercutter's invoice and receipt
    await t.db.query(`UPDATE cases SET state = 'in_payment' WHERE id = $1`, [caseId]);
    const [run] = await t.db.query(`INSERT INTO payment_runs (number, guideline_code, execution_date, status, created_by) VALUES ('R-1', 'frl-lifd', '2027-07-01', 'built', $1) RETURNING id`, [caseworkerId]);
    const [request] = await t.db.query(
      `INSERT INTO payment_requests (case_id, number, status, requested_cents, created_by, certified_by, ordered_by, run_id) VALUES ($1, 1, 'paid', 4500000, $2, $3, $4, $5) RETURNING id`,
      [caseId, applicantId, caseworkerId, approverId, run.id],
    );
    const receipt = await t.app.get(DocumentStore).put(pdfOfSize(500, 'RE-0815'), 'application/pdf');
    await t.db.query(
      `INSERT INTO payment_request_lines (request_id, position, category, invoice_number, supplier, invoice_date, due_date, amount_cents, description, receipt_sha256, receipt_filename)
       VALUES ($1, 0, 'equipment', 'RE-2027-0815', 'Laser GmbH', '2027-05-03', '2027-06-02', 4500000, 'Lasercutter', $2, 'RE-2027-0815.pdf')`,
      [request.id, receipt],
    );
    clock.travelTo('2029-02-01T10:00:00+01:00');
  }, LONG);
  afterAll(() => b?.close());

  browserTest(
    'the applicant files the proof of use: the copied expense kept, one added with its receipt; problems first, then submitted',
    () => b,
    async (page) => {
      await logIn(page, 'antrag@mittweida.de');
      // the work list leads to it
      await page.getByRole('link', { name: /LIfD-2026-1-/ }).first().waitFor();
      await page.getByRole('cell', { name: 'Verwendungsnachweis einreichen' }).waitFor();
      await page.goto(`/faelle/${caseId}`);
      await page.getByRole('link', { name: 'Verwendungsnachweis anlegen' }).click();
      await page.waitForURL(`**/faelle/${caseId}/verwendungsnachweis`);
      await checkPage(page, 'Verwendungsnachweis');
      await page.getByRole('button', { name: 'Verwendungsnachweis anlegen' }).click();
      await page.getByRole('group', { name: 'Ausgabe 1 (aus Mittelabruf übernommen)' }).waitFor();
      expect(await page.getByLabel('Rechnungsnummer').first().inputValue()).toBe('RE-2027-0815');
      expect(await page.getByLabel('Betrag in Euro').first().inputValue()).toBe('45.000,00');
      await page.getByText('Beleg: RE-2027-0815.pdf').waitFor();

      // submitting at once: every problem in one summary, each at its field
      await page.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
      await summary.waitFor();
      for (const text of ['Bitte füllen Sie „Erreichte Ziele und Ergebnisse“ aus.', 'Bitte füllen Sie „Weiterbetrieb nach Ende der Förderung“ aus.', 'Ausgabe 1, Zahlungsdatum: Bitte ausfüllen.']) {
        await summary.getByRole('link', { name: text }).waitFor();
      }
      await checkPage(page, 'Verwendungsnachweis');
      await shot(page, '1-probleme');
      await summary.getByRole('link', { name: 'Ausgabe 1, Zahlungsdatum: Bitte ausfüllen.' }).click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('feld-lines-0-paidDate');

      // the report, the copied expense's payment date, a second expense with its receipt, income
      await page.getByLabel('Erreichte Ziele und Ergebnisse').fill('620 Nutzende im ersten Jahr, 24 Kurse.');
      await page.getByLabel('Durchgeführte Maßnahmen und Angebote').fill('Werkstattkurse, offene Abende, Schulprojekte.');
      await page.getByLabel('Erreichte Nutzerinnen und Nutzer').fill('620');
      await page.getByLabel('Abweichungen vom Finanzierungs- und Zeitplan').fill('Keine wesentlichen Abweichungen.');
      await page.getByLabel('Weiterbetrieb nach Ende der Förderung').fill('Weiterbetrieb durch Stadt und Hochschule.');
      await page.getByLabel('Zahlungsdatum').first().fill('2027-05-20');
      await page.getByRole('button', { name: 'Ausgabe hinzufügen' }).click();
      const second = page.getByRole('group', { name: 'Ausgabe 2' });
      await second.getByLabel('Ausgabenart').selectOption({ label: 'Personalausgaben' });
      await second.getByLabel('Gegenstand').fill('Koordination 2028');
      await second.getByLabel('Rechnungsnummer').fill('LA-2028');
      await second.getByLabel('Lieferant oder Empfänger').fill('Lohnabrechnung Stadt Mittweida');
      await second.getByLabel('Rechnungsdatum').fill('2028-01-31');
      await second.getByLabel('Zahlungsdatum').fill('2028-01-31');
      await second.getByLabel('Betrag in Euro').fill('8.000,00');
      await second.getByLabel('Beleg für Ausgabe 2 hochladen').setInputFiles({ name: 'lohnabrechnung.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(600, 'LA-2028') });
      await second.getByText('Beleg: lohnabrechnung.pdf').waitFor();
      await page.getByRole('button', { name: 'Einnahmen hinzufügen' }).click();
      await page.getByLabel('Art der Einnahme 1').fill('Kursentgelte');
      await page.getByLabel('Betrag in Euro (Einnahmen 1)').fill('1.200,00');
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await page.getByRole('status').filter({ hasText: 'Der Entwurf ist gespeichert.' }).waitFor();
      // totals as the server computed them: equipment 45.000 € of 123.456,79 € planned, staff 8.000 € of 10.000,01 €
      const totals = page.getByTestId('summen');
      await totals.getByRole('row', { name: /Ausstattung.*123\.456,79 €.*45\.000,00 €.*45\.000,00 €/ }).waitFor();
      await totals.getByRole('row', { name: /Personalausgaben.*10\.000,01 €.*8\.000,00 €.*8\.000,00 €/ }).waitFor();
      await totals.getByRole('row', { name: /Insgesamt.*133\.456,80 €.*53\.000,00 €/ }).waitFor();
      await checkPage(page, 'Verwendungsnachweis');
      await shot(page, '2-entwurf');

      await page.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).click();
      await page.getByRole('status').filter({ hasText: 'Der Verwendungsnachweis ist eingereicht.' }).waitFor();
      await page.getByRole('table', { name: 'Ausgaben' }).getByRole('button', { name: 'lohnabrechnung.pdf' }).waitFor();
      await checkPage(page, 'Verwendungsnachweis');
      expect((await b.t.db.query('SELECT state FROM cases WHERE id = $1', [caseId]))[0].state).toBe('proof_of_use_submitted');
    },
    LONG,
  );

  browserTest(
    'the caseworker opens the check from the work list, sees the sample drawn and marked, reduces a line with a reason and decides the sample',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await page.goto('/aufgaben');
      await page.getByRole('row', { name: /Verwendungsnachweis prüfen/ }).getByRole('link').click();
      await page.waitForURL(`**/faelle/${caseId}/verwendungsnachweis/pruefung`);
      // half of two receipts: one, the same as the reproducible draw
      await page.getByTestId('stichprobe').filter({ hasText: '1 von 2 Belegen (50 %)' }).waitFor();
      const lines: { id: string; invoice_number: string }[] = await b.t.db.query('SELECT id, invoice_number FROM proof_of_use_lines WHERE case_id = $1 ORDER BY position', [caseId]);
      const [sampled] = drawSample(caseId, lines.map((l) => l.id), 5000);
      const sampledNo = lines.findIndex((l) => l.id === sampled) + 1;
      const otherNo = 3 - sampledNo;
      await page.getByTestId(`ausgabe-${sampledNo}`).getByText('Stichprobe', { exact: true }).waitFor();
      expect(await page.getByTestId(`ausgabe-${otherNo}`).getByText('Stichprobe', { exact: true }).count()).toBe(0);
      await page.getByText('Noch offen: 1 Ausgabe(n) der Stichprobe').waitFor();
      await checkPage(page, 'Verwendungsnachweis prüfen');
      await shot(page, '3-pruefung');

      // the sampled line without its receipt examined is refused at the checkbox
      const sampledCard = page.getByTestId(`ausgabe-${sampledNo}`);
      await sampledCard.getByRole('button', { name: `Entscheidung zu Ausgabe ${sampledNo} speichern` }).click();
      await sampledCard.getByRole('alert').getByRole('link', { name: /Bitte prüfen Sie den Beleg/ }).waitFor();
      await checkPage(page, 'Verwendungsnachweis prüfen');
      await shot(page, '4-pruefung-fehler');

      // the staff line (Ausgabe 2) reduced to 6.500 € with a reason, its receipt examined
      const staff = page.getByTestId('ausgabe-2');
      await staff.getByLabel('Kürzen').check();
      await staff.getByLabel('Anerkannter Betrag in Euro (Ausgabe 2)').fill('6.500,00');
      await staff.getByLabel('Begründung der Kürzung (Ausgabe 2)').fill('Nur 65 % der Arbeitszeit entfallen auf das Vorhaben.');
      await staff.getByLabel(/Beleg 2 geprüft/).check();
      await staff.getByRole('button', { name: 'Entscheidung zu Ausgabe 2 speichern' }).click();
      await page.getByTestId('entscheidung-2').filter({ hasText: 'gekürzt mit 6.500,00 € (Nur 65 % der Arbeitszeit entfallen auf das Vorhaben.), Beleg geprüft' }).waitFor();
      if (sampledNo === 1) {
        await sampledCard.getByLabel(/Beleg 1 geprüft/).check();
        await sampledCard.getByRole('button', { name: 'Entscheidung zu Ausgabe 1 speichern' }).click();
        await page.getByTestId('entscheidung-1').filter({ hasText: 'anerkannt mit 45.000,00 €, Beleg geprüft' }).waitFor();
      }
      await page.getByText('Alle Ausgaben der Stichprobe sind entschieden.').waitFor();
      await page.getByTestId('summen').getByRole('row', { name: /Personalausgaben.*8\.000,00 €.*8\.000,00 €.*6\.500,00 €/ }).waitFor();
      await checkPage(page, 'Verwendungsnachweis prüfen');
      expect(await b.t.app.get(ProofOfUseService).acceptedTotals(b.t.db.manager, caseId)).toEqual([
        { category: 'equipment', acceptedCents: 4500000 },
        { category: 'staff', acceptedCents: 650000 },
      ]);
    },
    LONG,
  );

  browserTest(
    'the caseworker returns the proof with a message; the applicant sees it with its deadline and may edit again',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await page.goto(`/faelle/${caseId}/verwendungsnachweis/pruefung`);
      await page.getByRole('heading', { name: 'Zur Nachbesserung zurückgeben' }).waitFor();
      // too short a message is refused at the field, nothing sent
      await page.getByLabel('Was ist nachzureichen oder zu erläutern?').fill('Bitte.');
      await page.getByRole('button', { name: 'Zurückgeben' }).click();
      await page.getByRole('alert').getByRole('link', { name: /mindestens 10 Zeichen/ }).waitFor();
      await checkPage(page, 'Verwendungsnachweis prüfen');
      await page.getByLabel('Was ist nachzureichen oder zu erläutern?').fill('Bitte den Arbeitszeitnachweis zur Lohnabrechnung nachreichen.');
      await page.getByRole('button', { name: 'Zurückgeben' }).click();
      await page.getByRole('status').filter({ hasText: 'Der Verwendungsnachweis ist zur Nachbesserung zurückgegeben.' }).waitFor();
      await page.getByText('Der Verwendungsnachweis ist in Bearbeitung beim Zuwendungsempfänger.').waitFor();
      expect((await b.t.db.query('SELECT state FROM cases WHERE id = $1', [caseId]))[0].state).toBe('in_payment');

      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await logIn(page, 'antrag@mittweida.de');
      await page.getByRole('cell', { name: 'Verwendungsnachweis nachbessern' }).waitFor();
      await page.getByRole('row', { name: /Verwendungsnachweis nachbessern/ }).getByRole('link').click();
      await page.waitForURL(`**/faelle/${caseId}/verwendungsnachweis`);
      // 10 working days from Thursday 1 February 2029 (the test's clock)
      await page.getByText('Zur Nachbesserung zurückgegeben – bitte bis 15.02.2029 erneut einreichen').waitFor();
      await page.getByText('Bitte den Arbeitszeitnachweis zur Lohnabrechnung nachreichen.').waitFor();
      await page.getByRole('button', { name: 'Verwendungsnachweis einreichen' }).waitFor();
      await checkPage(page, 'Verwendungsnachweis');
      await shot(page, '5-zurueckgegeben');
    },
    LONG,
  );
});
