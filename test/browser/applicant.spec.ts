import type { Page } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { LIFD_APPLICATION_FIELDS, Steps } from '../applications/fixtures';
import * as path from 'node:path';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';
import { pdf } from '../support/multipart';

const T = 180_000;

/** Issue 10, the applicant: concept over its pages, conflicts between tabs, files, problems, submit, information requests, the formal application, withdrawing. */
describe('browser: the applicant', () => {
  let b: BrowserApp;
  let s: Steps;
  let applicant: string;
  let caseworker: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    s = new Steps(b.t);
    const org = await b.t.createOrganisation('Stadt Mittweida', '14522360');
    await b.t.createUser('antrag@mittweida.de', ['applicant'], org);
    await b.t.createUser('sb@sab.example', ['caseworker']);
    applicant = await b.t.login('antrag@mittweida.de');
    caseworker = await b.t.login('sb@sab.example');
  }, 180_000);
  afterAll(() => b?.close());

  const saved = (page: Page) => page.getByTestId('speicherstand').filter({ hasText: 'Gespeichert um' }).waitFor();
  const fileNumber = async (caseId: string) => (await s.state(caseId)).file_number;

  /** Drops a file on an element the way a browser does (a drop event with a DataTransfer holding the file). */
  async function dropFile(page: Page, testId: string, name: string, bytes: Buffer, type: string): Promise<void> {
    const transfer = await page.evaluateHandle(
      ({ data, name, type }) => {
        // Runs in the page (DOM types are not in the Node test's lib).
        const g = globalThis as any;
        const dt = new g.DataTransfer();
        dt.items.add(new g.File([new Uint8Array(data)], name, { type }));
        return dt;
      },
      { data: [...bytes], name, type },
    );
    const zone = page.getByTestId(testId);
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
  }

  browserTest(
    'writes a concept over its pages, sees the grant, a 422 at its field, a conflict from a second tab, uploads files, sees the problems, submits and withdraws',
    () => b,
    async (page) => {
      b.t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
      await logIn(page, 'antrag@mittweida.de');
      await page.goto('/aufrufe');
      await checkPage(page, 'Offene Förderaufrufe');
      await page.getByRole('button', { name: 'Projektskizze beginnen: 2. Förderaufruf FRL LIfD' }).click();
      await page.waitForURL('**/skizze/projekt');
      const caseId = /faelle\/([0-9a-f-]{36})/.exec(page.url())![1];
      await checkPage(page, 'Projektskizze: Vorhaben');

      await page.getByLabel('Art des Vorhabens').selectOption('stationary');
      await page.getByLabel('Amtlicher Gemeindeschlüssel (AGS) des Standorts').fill('14522360');
      await page.getByLabel('Titel des Vorhabens', { exact: true }).fill('Makerspace Mittweida');
      await page.getByLabel('Kurzbeschreibung').fill('Ein offener Makerspace mit Lasercutter und 3D-Druck.');
      await page.getByLabel('Art des Innovationsraums').selectOption('makerspace');
      await page.getByLabel('Zielgruppen').fill('Schülerinnen und Schüler, Gründende, Handwerk');
      await page.getByLabel('Standort (Anschrift)').fill('Markt 1, 09648 Mittweida');
      await page.getByRole('radio', { name: 'Ja' }).check();
      await page.getByLabel('Geplante Eröffnung').fill('2027-09-01');
      await page.getByLabel('Innovationsgehalt').fill('Verbindung von Hochschule und Handwerk.');
      await page.getByLabel('Ansprechperson', { exact: true }).fill('Karin Schmidt');
      await page.getByLabel('E-Mail der Ansprechperson').fill('k.schmidt@mittweida.de');
      await saved(page);
      await page.getByRole('button', { name: 'Speichern und weiter' }).click();
      await page.waitForURL('**/skizze/finanzplan');
      await checkPage(page, 'Projektskizze: Kosten- und Finanzierungsplan');
      expect((await s.getConcept(applicant, caseId)).fields).toMatchObject({ title: 'Makerspace Mittweida', ruralArea: true, plannedOpening: '2027-09-01' });

      // A cost line in a year the call has no budget for: the API's 422 is shown at the year of that line.
      await page.getByRole('button', { name: 'Ausgabe hinzufügen' }).click();
      await page.getByLabel('Ausgabenart, Zeile 1').selectOption('equipment');
      await page.getByLabel('Beschreibung, Zeile 1').fill('Lasercutter, 3D-Drucker');
      await page.getByLabel('Haushaltsjahr, Zeile 1').fill('2030');
      await page.getByLabel('Betrag in Euro, Zeile 1').fill('100.000,00');
      const year = page.getByLabel('Haushaltsjahr, Zeile 1');
      await page.locator('#feld-costs-0-fiscalYear-fehler').filter({ hasText: 'Für dieses Haushaltsjahr stellt der Förderaufruf keine Mittel bereit.' }).waitFor();
      expect(await year.getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' }).waitFor();
      // Autosave leaves the focus where the user types; an explicit page change that is refused stays and focuses the summary.
      await page.locator('#feld-costs-0-amountCents:focus').waitFor();
      await page.getByRole('button', { name: 'Speichern und weiter' }).click();
      await page.locator('.fw-error-summary:focus').waitFor();
      expect(page.url()).toContain('/skizze/finanzplan');
      await checkPage(page, 'Projektskizze: Kosten- und Finanzierungsplan');
      await year.fill('2027');
      await page.getByRole('button', { name: 'Ausgabe hinzufügen' }).click();
      await page.getByLabel('Ausgabenart, Zeile 2').selectOption('staff');
      await page.getByLabel('Haushaltsjahr, Zeile 2').fill('2027');
      await page.getByLabel('Betrag in Euro, Zeile 2').fill('50.000');
      await page.getByLabel('Eigenanteil in Euro').fill('40.000,00');
      const figures = page.getByTestId('berechnung');
      await figures.filter({ hasText: /Zuwendung\s*110\.000,00\s€/ }).waitFor();
      await figures.filter({ hasText: /Höchstbetrag\s*400\.000,00\s€/ }).waitFor();
      await figures.filter({ hasText: /Eigenanteil\s*40\.000,00\s€/ }).waitFor();
      await checkPage(page, 'Projektskizze: Kosten- und Finanzierungsplan');

      // A second tab saves first; this tab's next save is refused and shown, its input kept.
      const other = await page.context().newPage();
      await other.goto(`/faelle/${caseId}/skizze/finanzplan`);
      await checkPage(other, 'Projektskizze: Kosten- und Finanzierungsplan');
      await other.getByLabel('Beschreibung, Zeile 2').fill('Koordination (aus dem zweiten Fenster)');
      await saved(other);
      await other.close();
      await page.getByLabel('Beschreibung, Zeile 2').fill('Koordination');
      await page.getByRole('alert').filter({ hasText: 'wurde inzwischen an anderer Stelle geändert' }).waitFor();
      expect(await page.getByLabel('Beschreibung, Zeile 2').inputValue()).toBe('Koordination');
      await checkPage(page, 'Projektskizze: Kosten- und Finanzierungsplan');
      await page.getByRole('button', { name: 'Gespeicherte Fassung laden' }).click();
      await page.getByLabel('Beschreibung, Zeile 2').and(page.locator('[value="Koordination (aus dem zweiten Fenster)"]')).waitFor();

      // The problems page: every problem links to its field.
      await page.getByRole('link', { name: '4. Prüfen und einreichen' }).click();
      await page.waitForURL('**/skizze/pruefen');
      await checkPage(page, 'Projektskizze: Prüfen und einreichen');
      const problems = page.getByTestId('maengel');
      await problems.getByRole('link', { name: 'Bitte laden Sie „Grobe Kostenschätzung“ hoch.' }).waitFor();
      // checkPage saves one picture per title; the problems list is a state of its own worth keeping.
      if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'projektskizze-maengel.png'), fullPage: true });
      await problems.getByRole('link', { name: 'Bitte laden Sie „Projektskizze (ausführlich)“ hoch.' }).click();
      await page.waitForURL('**/skizze/unterlagen#feld-attachments-concept_document');
      await checkPage(page, 'Projektskizze: Unterlagen');
      const conceptFile = page.getByLabel('Datei für „Projektskizze (ausführlich)“ auswählen oder hierher ziehen');
      await page.locator('#feld-attachments-concept_document:focus').waitFor();

      // A refused type shows the API's answer at the field; a PDF by file chooser and one by drag and drop are taken.
      await conceptFile.setInputFiles({ name: 'notizen.txt', mimeType: 'application/pdf', buffer: Buffer.from('nur Text, kein PDF') });
      await page.locator('#feld-attachments-concept_document-fehler').filter({ hasText: 'notizen.txt: Dieser Dateityp ist für diese Unterlage nicht erlaubt.' }).waitFor();
      await checkPage(page, 'Projektskizze: Unterlagen');
      await conceptFile.setInputFiles({ name: 'projektskizze.pdf', mimeType: 'application/pdf', buffer: pdf('Projektskizze') });
      await page.getByRole('button', { name: 'projektskizze.pdf', exact: true }).waitFor();
      await dropFile(page, 'ablage-cost_estimate', 'kostenschaetzung.pdf', pdf('Kosten'), 'application/pdf');
      await page.getByRole('listitem').filter({ hasText: 'kostenschaetzung.pdf' }).filter({ hasText: /PDF, \d+ KB/ }).waitFor();
      await checkPage(page, 'Projektskizze: Unterlagen');

      await page.getByRole('button', { name: 'Speichern und weiter' }).click();
      await page.waitForURL('**/skizze/pruefen');
      await page.getByRole('status').filter({ hasText: 'Ihre Projektskizze ist vollständig.' }).waitFor();
      await checkPage(page, 'Projektskizze: Prüfen und einreichen');
      await page.getByRole('button', { name: 'Projektskizze einreichen' }).click();
      await page.waitForURL(`**/faelle/${caseId}`);
      const title = `Vorgang ${await fileNumber(caseId)}`;
      await page.getByRole('status').filter({ hasText: 'Ihre Projektskizze ist eingereicht.' }).waitFor();
      await page.getByTestId('stand').filter({ hasText: 'Projektskizze eingereicht (formale Prüfung)' }).waitFor();
      await checkPage(page, title);
      expect((await s.state(caseId)).state).toBe('concept_submitted');

      // Withdrawing asks once more.
      await page.getByRole('button', { name: 'Vorhaben zurückziehen' }).click();
      await page.getByRole('alertdialog').waitFor();
      await checkPage(page, title);
      await page.getByLabel('Grund (freiwillig)').fill('Der Stadtrat hat das Vorhaben zurückgestellt.');
      await page.getByRole('button', { name: 'Ja, zurückziehen' }).click();
      await page.getByTestId('stand').filter({ hasText: 'Zurückgezogen' }).waitFor();
      expect((await s.state(caseId)).state).toBe('withdrawn');
    },
    T,
  );

  browserTest(
    'writes the formal application prefilled from the concept, submits it, and answers an information request with a file',
    () => b,
    async (page) => {
      const caseId = await s.invitedCase(applicant, caseworker, 'frl-lifd');
      s.clock.travelTo('2027-03-01T10:00:00+01:00');
      const title = `Vorgang ${await fileNumber(caseId)}`;
      await logIn(page, 'antrag@mittweida.de');
      await page.goto(`/faelle/${caseId}`);
      await checkPage(page, title);
      await page.getByRole('button', { name: 'Antrag beginnen' }).click();
      await page.waitForURL('**/antrag/projekt');
      await checkPage(page, 'Antrag: Vorhaben');
      // Prefilled from the concept.
      expect(await page.getByLabel('Ansprechperson', { exact: true }).inputValue()).toBe('Karin Schmidt');
      expect(await page.getByLabel('Art des Vorhabens').inputValue()).toBe('stationary');
      const f = LIFD_APPLICATION_FIELDS;
      await page.getByLabel('Titel des Vorhabens', { exact: true }).fill(f.projectTitle);
      await page.getByLabel('Vorhabenbeschreibung').fill(f.projectDescription);
      await page.getByLabel('Ziele und messbare Indikatoren').fill(f.objectives);
      await page.getByLabel('Arbeits- und Zeitplan').fill(f.workPlan);
      await page.getByLabel('Betreiber- und Nutzungskonzept').fill(f.operatingModel);
      await page.getByLabel('Nachhaltigkeitskonzept (Betrieb nach Förderende)').fill(f.sustainabilityConcept);
      await page.getByRole('group', { name: 'Das Vorhaben wurde noch nicht begonnen' }).getByRole('radio', { name: 'Ja' }).check();
      await page.getByRole('group', { name: 'Zum Vorsteuerabzug berechtigt' }).getByRole('radio', { name: 'Nein' }).check();
      await page.getByRole('group', { name: 'Weitere Fördermittel für das Vorhaben beantragt' }).getByRole('radio', { name: 'Nein' }).check();
      await page.getByLabel('Telefon der Ansprechperson').fill(f.contactPhone);
      await saved(page);
      await page.getByRole('button', { name: 'Speichern und weiter' }).click();
      await page.waitForURL('**/antrag/finanzplan');
      await checkPage(page, 'Antrag: Kosten- und Finanzierungsplan');
      expect(await page.getByLabel('Betrag in Euro, Zeile 1').inputValue()).toBe('100.000,00');
      await page.getByTestId('berechnung').filter({ hasText: /Zuwendung\s*110\.000,00\s€/ }).waitFor();
      await page.getByLabel('Haushaltsjahr, Zeile 1').fill('2027');
      await page.getByLabel('Haushaltsjahr, Zeile 2').fill('2027');
      await page.getByLabel('Beginn des Bewilligungszeitraums').fill('2027-04-01');
      await page.getByLabel('Ende des Bewilligungszeitraums').fill('2027-12-31');
      await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
      await page.getByLabel('Kontoinhaberin oder Kontoinhaber').fill('Stadt Mittweida');
      await saved(page);
      await checkPage(page, 'Antrag: Kosten- und Finanzierungsplan');
      await page.getByRole('button', { name: 'Speichern und weiter' }).click();
      await page.waitForURL('**/antrag/unterlagen');
      await checkPage(page, 'Antrag: Unterlagen');
      for (const [label, name] of [
        ['Ausgaben- und Finanzierungsplan', 'finanzplan.pdf'],
        ['Angebote und Kostenberechnungen', 'angebote.pdf'],
        ['Nachweis der Eigenmittel (bei Kommunen Beschluss des Gemeinderats bzw. Kreistags)', 'ratsbeschluss.pdf'],
      ]) {
        await page.getByLabel(`Datei für „${label}“ auswählen oder hierher ziehen`).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
        await page.getByRole('button', { name, exact: true }).waitFor();
      }
      await page.getByRole('button', { name: 'Speichern und weiter' }).click();
      await page.waitForURL('**/antrag/pruefen');
      await page.getByRole('status').filter({ hasText: 'Ihr Antrag ist vollständig.' }).waitFor();
      await checkPage(page, 'Antrag: Prüfen und einreichen');
      await page.getByRole('button', { name: 'Antrag einreichen' }).click();
      await page.waitForURL(`**/faelle/${caseId}`);
      await page.getByTestId('stand').filter({ hasText: 'Antrag eingereicht (Vollständigkeitsprüfung)' }).waitFor();
      expect((await s.state(caseId)).state).toBe('application_submitted');

      // The caseworker asks for more (through the API); the applicant answers in the browser with a file.
      const asked = await b.t.request('POST', `/api/v1/cases/${caseId}/information-requests`, { token: caseworker, body: { message: 'Bitte reichen Sie das Angebot für den Lasercutter nach.' } });
      expect(asked.status).toBe(201);
      await page.reload();
      const requests = page.getByRole('region', { name: 'Nachforderungen' });
      await requests.getByText('Bitte reichen Sie das Angebot für den Lasercutter nach.', { exact: true }).waitFor();
      await checkPage(page, title);
      await page.getByLabel('Ihre Antwort').fill('Das Angebot ist beigefügt.');
      await page.getByLabel('Art der nachgereichten Unterlage').selectOption('quotes');
      await page.getByLabel('Datei nachreichen (freiwillig)').setInputFiles({ name: 'angebot-lasercutter.pdf', mimeType: 'application/pdf', buffer: pdf('Lasercutter') });
      await page.getByRole('list', { name: 'Nachgereichte Dateien' }).filter({ hasText: 'angebot-lasercutter.pdf' }).waitFor();
      await checkPage(page, title);
      await page.getByRole('button', { name: 'Antwort senden' }).click();
      await requests.getByText(/Ihre Antwort vom \d\d\.\d\d\.\d{4}: Das Angebot ist beigefügt\./).waitFor();
      await checkPage(page, title);
      const [answered] = await b.t.db.query('SELECT answer, answered_at FROM information_requests WHERE case_id = $1', [caseId]);
      expect(answered.answer).toBe('Das Angebot ist beigefügt.');
      const [file] = await b.t.db.query('SELECT type FROM attachments WHERE case_id = $1 AND information_request_id IS NOT NULL', [caseId]);
      expect(file.type).toBe('quotes');
    },
    T,
  );
});
