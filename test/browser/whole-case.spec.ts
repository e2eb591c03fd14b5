import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { LIFD_APPLICATION_FIELDS } from '../applications/fixtures';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';
import { pdf } from '../support/multipart';

const WHOLE = 300_000; // two shared cores: five people, some twenty pages, each checked with axe
const CRITERIA = ['Innovationsgehalt', 'Regionale Wirkung und Reichweite', 'Nachhaltigkeit und Betrieb nach Förderende', 'Umsetzbarkeit und Wirtschaftlichkeit', 'Kooperation und Einbindung lokaler Akteure'];
const TITLE = 'Makerspace Mittweida';

/**
 * Issue 10, "How it is shown": one whole FRL LIfD case (call 2026-1) in the browser, every step of the case by
 * clicks and typing as the person whose step it is, each in a browser context of their own. Only what an admin
 * would have done before is set up through the test helpers: the organisation, the users (the call 2026-1 comes
 * with the guideline; the clock is moved into its window). The database is read only to check what the screens say.
 *
 * applicant: concept page by page (plan, files), submit → caseworker: formal acceptance, reviewers assigned →
 * two reviewers: no conflict, every criterion scored, submitted → caseworker (after the deadline): ranking, jury
 * outcome "invite" → applicant: formal application (prefilled), submit → caseworker: completeness, full approval
 * prepared → approver: sign-off in the Schlusszeichnung queue → applicant: the notice PDF from the case page.
 */
describe('browser: one whole FRL LIfD case', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    t.app.get(Clock).travelTo('2026-11-23T10:00:00+01:00'); // call 2026-1 is open (1 Sep 2026 – 31 Jan 2027)
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], org);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('jury-a@sab.example', ['reviewer']);
    await t.createUser('jury-b@sab.example', ['reviewer']);
    await t.createUser('freigabe@sab.example', ['approver']);
  }, 180_000);
  afterAll(() => b?.close());

  const people: Page[] = [];
  async function person(email: string): Promise<Page> {
    const page = await b.page();
    people.push(page);
    await page.goto('/anmelden');
    await checkPage(page, 'Anmelden');
    await logIn(page, email);
    await checkPage(page, 'Meine Aufgaben');
    return page;
  }
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click();
  const saved = (page: Page) => page.getByTestId('speicherstand').filter({ hasText: 'Gespeichert um' }).waitFor();
  const status = (page: Page | Locator, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
  const state = async (caseId: string) => (await b.t.db.query('SELECT state FROM cases WHERE id = $1', [caseId]))[0].state as string;

  browserTest(
    'applicant, caseworker, two reviewers and the approver take one case from the first concept page to the downloaded notice',
    () => b,
    async (applicant) => {
      const clock = b.t.app.get(Clock);
      try {
        // ---- the applicant writes the concept, page by page, and submits it
        await applicant.goto('/anmelden');
        await checkPage(applicant, 'Anmelden');
        await logIn(applicant, 'antrag@mittweida.de');
        await checkPage(applicant, 'Meine Aufgaben');
        await nav(applicant, 'Förderaufrufe');
        await checkPage(applicant, 'Offene Förderaufrufe');
        await applicant.getByRole('button', { name: 'Projektskizze beginnen: 2. Förderaufruf FRL LIfD' }).click();
        await applicant.waitForURL('**/skizze/projekt');
        const caseId = /faelle\/([0-9a-f-]{36})/.exec(applicant.url())![1];
        await checkPage(applicant, 'Projektskizze: Vorhaben');
        await applicant.getByLabel('Art des Vorhabens').selectOption('stationary');
        await applicant.getByLabel('Amtlicher Gemeindeschlüssel (AGS) des Standorts').fill('14522360');
        await applicant.getByLabel('Titel des Vorhabens', { exact: true }).fill(TITLE);
        await applicant.getByLabel('Kurzbeschreibung').fill('Ein offener Makerspace mit Lasercutter und 3D-Druck.');
        await applicant.getByLabel('Art des Innovationsraums').selectOption('makerspace');
        await applicant.getByLabel('Zielgruppen').fill('Schülerinnen und Schüler, Gründende, Handwerk');
        await applicant.getByLabel('Standort (Anschrift)').fill('Markt 1, 09648 Mittweida');
        await applicant.getByRole('radio', { name: 'Ja' }).check();
        await applicant.getByLabel('Geplante Eröffnung').fill('2027-09-01');
        await applicant.getByLabel('Innovationsgehalt').fill('Verbindung von Hochschule und Handwerk.');
        await applicant.getByLabel('Ansprechperson', { exact: true }).fill('Karin Schmidt');
        await applicant.getByLabel('E-Mail der Ansprechperson').fill('k.schmidt@mittweida.de');
        await saved(applicant);
        await applicant.getByRole('button', { name: 'Speichern und weiter' }).click();
        await applicant.waitForURL('**/skizze/finanzplan');
        await checkPage(applicant, 'Projektskizze: Kosten- und Finanzierungsplan');
        await applicant.getByRole('button', { name: 'Ausgabe hinzufügen' }).click();
        await applicant.getByLabel('Ausgabenart, Zeile 1').selectOption('equipment');
        await applicant.getByLabel('Beschreibung, Zeile 1').fill('Lasercutter, 3D-Drucker');
        await applicant.getByLabel('Haushaltsjahr, Zeile 1').fill('2027');
        await applicant.getByLabel('Betrag in Euro, Zeile 1').fill('100.000,00');
        await applicant.getByRole('button', { name: 'Ausgabe hinzufügen' }).click();
        await applicant.getByLabel('Ausgabenart, Zeile 2').selectOption('staff');
        await applicant.getByLabel('Beschreibung, Zeile 2').fill('Koordination');
        await applicant.getByLabel('Haushaltsjahr, Zeile 2').fill('2027');
        await applicant.getByLabel('Betrag in Euro, Zeile 2').fill('50.000');
        await applicant.getByLabel('Eigenanteil in Euro').fill('40.000,00');
        // 100.000 € × 80 % + 50.000 € × 60 % = 110.000 €, computed by the server after the save
        await applicant.getByTestId('berechnung').filter({ hasText: /Zuwendung\s*110\.000,00\s€/ }).waitFor();
        await saved(applicant);
        await checkPage(applicant, 'Projektskizze: Kosten- und Finanzierungsplan');
        await applicant.getByRole('button', { name: 'Speichern und weiter' }).click();
        await applicant.waitForURL('**/skizze/unterlagen');
        await checkPage(applicant, 'Projektskizze: Unterlagen');
        for (const [label, name] of [
          ['Projektskizze (ausführlich)', 'projektskizze.pdf'],
          ['Grobe Kostenschätzung', 'kostenschaetzung.pdf'],
        ]) {
          await applicant.getByLabel(`Datei für „${label}“ auswählen oder hierher ziehen`).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
          await applicant.getByRole('button', { name, exact: true }).waitFor();
        }
        await checkPage(applicant, 'Projektskizze: Unterlagen');
        await applicant.getByRole('button', { name: 'Speichern und weiter' }).click();
        await applicant.waitForURL('**/skizze/pruefen');
        await status(applicant, 'Ihre Projektskizze ist vollständig.');
        await checkPage(applicant, 'Projektskizze: Prüfen und einreichen');
        await applicant.getByRole('button', { name: 'Projektskizze einreichen' }).click();
        await applicant.waitForURL(`**/faelle/${caseId}`);
        await status(applicant, 'Ihre Projektskizze ist eingereicht.');
        const [{ file_number: fileNumber }] = await b.t.db.query('SELECT file_number FROM cases WHERE id = $1', [caseId]);
        expect(fileNumber).toMatch(/^LIfD-2026-1-\d+$/);
        const caseTitle = `Vorgang ${fileNumber}`;
        await checkPage(applicant, caseTitle);
        expect(await state(caseId)).toBe('concept_submitted');

        // ---- the caseworker finds it in the case list and accepts it formally for the jury
        const caseworker = await person('sb@sab.example');
        await nav(caseworker, 'Fallliste');
        await checkPage(caseworker, 'Fallliste');
        await caseworker.getByLabel('Suche').fill(fileNumber);
        await caseworker.getByRole('button', { name: 'Filtern' }).click();
        await status(caseworker, '1 Vorgang gefunden');
        await checkPage(caseworker, 'Fallliste');
        await caseworker.getByRole('link', { name: fileNumber }).click();
        await caseworker.waitForURL(`**/faelle/${caseId}/bearbeitung`);
        const workTitle = `Vorgang ${fileNumber} bearbeiten`;
        await checkPage(caseworker, workTitle);
        await caseworker.getByLabel('Projektskizze formal annehmen (zur Jurybewertung)').check();
        await caseworker.getByRole('button', { name: 'Schritt ausführen' }).click();
        await status(caseworker, 'Erledigt: Projektskizze formal annehmen (zur Jurybewertung).');
        await checkPage(caseworker, workTitle);
        expect(await state(caseId)).toBe('concept_in_review');

        // ---- … and assigns the two reviewers the guideline asks for
        await nav(caseworker, 'Jury');
        await checkPage(caseworker, 'Jury');
        await caseworker.getByRole('link', { name: /^Gutachten zuweisen: 2\. Förderaufruf FRL LIfD/ }).click();
        await checkPage(caseworker, 'Gutachten zuweisen: Aufruf 2026-1');
        const assignments = caseworker.getByRole('region', { name: TITLE });
        await assignments.getByLabel('Von Hand zuweisen').selectOption({ label: 'jury-a' });
        await assignments.getByRole('button', { name: 'Zuweisen' }).click();
        await status(assignments, 'jury-a ist zugewiesen.');
        await caseworker.getByRole('button', { name: 'Automatisch zuweisen' }).click();
        await status(caseworker, '1 Gutachten automatisch zugewiesen.');
        await assignments.getByRole('listitem').filter({ hasText: 'jury-b: Erklärung zur Befangenheit ausstehend' }).waitFor();
        await checkPage(caseworker, 'Gutachten zuweisen: Aufruf 2026-1');

        // ---- each reviewer declares no conflict, scores every criterion and submits
        for (const [email, score] of [
          ['jury-a@sab.example', '4'],
          ['jury-b@sab.example', '3'],
        ]) {
          const reviewer = await person(email);
          await nav(reviewer, 'Meine Gutachten');
          await checkPage(reviewer, 'Meine Gutachten');
          await reviewer.getByRole('link', { name: TITLE }).click();
          const reviewTitle = `Gutachten ${fileNumber}`;
          await checkPage(reviewer, reviewTitle);
          await reviewer.getByLabel('Ich bin nicht befangen.').check();
          await reviewer.getByRole('button', { name: 'Erklärung abgeben' }).click();
          await reviewer.getByRole('heading', { name: 'Projektskizze' }).waitFor();
          await reviewer.getByRole('button', { name: /projektskizze\.pdf herunterladen/ }).waitFor();
          await checkPage(reviewer, reviewTitle);
          for (const label of CRITERIA) await reviewer.getByLabel(`Punkte für „${label}“`).selectOption(score);
          await reviewer.getByLabel(`Begründung zu „${CRITERIA[0]}“ (freiwillig)`).fill('Hochschule und Handwerk zusammen: neu für die Region.');
          await reviewer.getByRole('button', { name: 'Entwurf speichern' }).click();
          await status(reviewer, 'Entwurf gespeichert.');
          await checkPage(reviewer, reviewTitle);
          await reviewer.getByRole('button', { name: 'Bewertung abschicken' }).click();
          await reviewer.getByRole('table', { name: 'Abgeschickte Bewertungen' }).waitFor();
          await status(reviewer, 'Sie haben Ihre Bewertung');
          await checkPage(reviewer, reviewTitle);
          await reviewer.getByRole('link', { name: 'Zurück zu meinen Gutachten' }).click();
          await reviewer.getByRole('row').filter({ hasText: 'Bewertung abgeschickt' }).first().waitFor();
          await checkPage(reviewer, 'Meine Gutachten');
        }

        // ---- after the call's deadline the caseworker opens the ranking and records the jury's outcome
        clock.travelTo('2027-02-01T09:00:00+01:00');
        await nav(caseworker, 'Jury');
        await checkPage(caseworker, 'Jury');
        await caseworker.getByRole('link', { name: /^Rangliste und Jury-Entscheidung: 2\. Förderaufruf FRL LIfD/ }).click();
        await checkPage(caseworker, 'Rangliste: Aufruf 2026-1');
        const ranking = caseworker.getByRole('table', { name: 'Rangliste mit Förderlinie' });
        const first = ranking.getByRole('row').nth(1);
        await first.filter({ hasText: TITLE }).filter({ hasText: '3,5' }).waitFor(); // (4 + 3) / 2
        expect(await first.getByRole('cell').first().textContent()).toBe('1');
        await caseworker.getByRole('group', { name: `${fileNumber}: ${TITLE}` }).getByLabel('Zur Antragstellung auffordern').check();
        await caseworker.getByRole('button', { name: 'Entscheidungen erfassen' }).click();
        await status(caseworker, 'Die Entscheidung der Jury ist erfasst: 1 zur Antragstellung aufgefordert');
        await first.filter({ hasText: 'Zur Antragstellung aufgefordert' }).waitFor();
        await checkPage(caseworker, 'Rangliste: Aufruf 2026-1');
        expect(await state(caseId)).toBe('invited');

        // ---- the applicant opens the case from the task list and writes the formal application (prefilled)
        clock.travelTo('2027-02-15T10:00:00+01:00');
        await nav(applicant, 'Meine Aufgaben');
        await checkPage(applicant, 'Meine Aufgaben');
        await applicant.getByRole('link', { name: fileNumber }).first().click();
        await applicant.waitForURL(`**/faelle/${caseId}`);
        await applicant.getByTestId('stand').filter({ hasText: 'Zur Antragstellung aufgefordert' }).waitFor();
        await checkPage(applicant, caseTitle);
        await applicant.getByRole('button', { name: 'Antrag beginnen' }).click();
        await applicant.waitForURL('**/antrag/projekt');
        await checkPage(applicant, 'Antrag: Vorhaben');
        expect(await applicant.getByLabel('Ansprechperson', { exact: true }).inputValue()).toBe('Karin Schmidt');
        expect(await applicant.getByLabel('Art des Vorhabens').inputValue()).toBe('stationary');
        const f = LIFD_APPLICATION_FIELDS;
        await applicant.getByLabel('Titel des Vorhabens', { exact: true }).fill(TITLE);
        await applicant.getByLabel('Vorhabenbeschreibung').fill(f.projectDescription);
        await applicant.getByLabel('Ziele und messbare Indikatoren').fill(f.objectives);
        await applicant.getByLabel('Arbeits- und Zeitplan').fill(f.workPlan);
        await applicant.getByLabel('Betreiber- und Nutzungskonzept').fill(f.operatingModel);
        await applicant.getByLabel('Nachhaltigkeitskonzept (Betrieb nach Förderende)').fill(f.sustainabilityConcept);
        await applicant.getByRole('group', { name: 'Das Vorhaben wurde noch nicht begonnen' }).getByRole('radio', { name: 'Ja' }).check();
        await applicant.getByRole('group', { name: 'Zum Vorsteuerabzug berechtigt' }).getByRole('radio', { name: 'Nein' }).check();
        await applicant.getByRole('group', { name: 'Weitere Fördermittel für das Vorhaben beantragt' }).getByRole('radio', { name: 'Nein' }).check();
        await applicant.getByLabel('Telefon der Ansprechperson').fill(f.contactPhone);
        await saved(applicant);
        await checkPage(applicant, 'Antrag: Vorhaben');
        await applicant.getByRole('button', { name: 'Speichern und weiter' }).click();
        await applicant.waitForURL('**/antrag/finanzplan');
        await checkPage(applicant, 'Antrag: Kosten- und Finanzierungsplan');
        // the plan comes from the concept
        expect(await applicant.getByLabel('Betrag in Euro, Zeile 1').inputValue()).toBe('100.000,00');
        expect(await applicant.getByLabel('Haushaltsjahr, Zeile 2').inputValue()).toBe('2027');
        await applicant.getByTestId('berechnung').filter({ hasText: /Zuwendung\s*110\.000,00\s€/ }).waitFor();
        await applicant.getByLabel('Beginn des Bewilligungszeitraums').fill('2027-04-01');
        await applicant.getByLabel('Ende des Bewilligungszeitraums').fill('2027-12-31');
        await applicant.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
        await applicant.getByLabel('Kontoinhaberin oder Kontoinhaber').fill('Stadt Mittweida');
        await saved(applicant);
        await checkPage(applicant, 'Antrag: Kosten- und Finanzierungsplan');
        await applicant.getByRole('button', { name: 'Speichern und weiter' }).click();
        await applicant.waitForURL('**/antrag/unterlagen');
        await checkPage(applicant, 'Antrag: Unterlagen');
        for (const [label, name] of [
          ['Ausgaben- und Finanzierungsplan', 'finanzplan.pdf'],
          ['Angebote und Kostenberechnungen', 'angebote.pdf'],
          ['Nachweis der Eigenmittel (bei Kommunen Beschluss des Gemeinderats bzw. Kreistags)', 'ratsbeschluss.pdf'],
        ]) {
          await applicant.getByLabel(`Datei für „${label}“ auswählen oder hierher ziehen`).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
          await applicant.getByRole('button', { name, exact: true }).waitFor();
        }
        await checkPage(applicant, 'Antrag: Unterlagen');
        await applicant.getByRole('button', { name: 'Speichern und weiter' }).click();
        await applicant.waitForURL('**/antrag/pruefen');
        await status(applicant, 'Ihr Antrag ist vollständig.');
        await checkPage(applicant, 'Antrag: Prüfen und einreichen');
        await applicant.getByRole('button', { name: 'Antrag einreichen' }).click();
        await applicant.waitForURL(`**/faelle/${caseId}`);
        await applicant.getByTestId('stand').filter({ hasText: 'Antrag eingereicht (Vollständigkeitsprüfung)' }).waitFor();
        await checkPage(applicant, caseTitle);
        expect(await state(caseId)).toBe('application_submitted');

        // ---- the caseworker confirms completeness and prepares a full approval
        clock.travelTo('2027-02-22T10:00:00+01:00');
        await nav(caseworker, 'Meine Aufgaben');
        await checkPage(caseworker, 'Meine Aufgaben');
        await nav(caseworker, 'Fallliste');
        await caseworker.getByLabel('Suche').fill(fileNumber);
        await caseworker.getByRole('button', { name: 'Filtern' }).click();
        await caseworker.getByRole('row').filter({ hasText: 'Antrag eingereicht (Vollständigkeitsprüfung)' }).first().waitFor();
        await checkPage(caseworker, 'Fallliste');
        await caseworker.getByRole('link', { name: fileNumber }).click();
        await caseworker.waitForURL(`**/faelle/${caseId}/bearbeitung`);
        await checkPage(caseworker, workTitle);
        await caseworker.getByLabel('Vollständigkeit des Antrags bestätigen').check();
        await caseworker.getByLabel('Interner Vermerk (optional)').fill('Angebote geprüft, wirtschaftlich.');
        await caseworker.getByRole('button', { name: 'Schritt ausführen' }).click();
        await status(caseworker, 'Erledigt: Vollständigkeit des Antrags bestätigen.');
        await checkPage(caseworker, workTitle);
        await caseworker.getByLabel('Bewilligung in voller Höhe').check();
        await caseworker.getByRole('button', { name: 'Zur Schlusszeichnung vorlegen' }).click();
        await status(caseworker, /Die Bewilligung über 110\.000,00\s€ ist vorbereitet/);
        await checkPage(caseworker, workTitle);
        expect(await state(caseId)).toBe('decision_prepared');

        // ---- the approver signs it off in the Schlusszeichnung queue
        const approver = await person('freigabe@sab.example');
        await nav(approver, 'Schlusszeichnung');
        await approver.waitForURL('**/schlusszeichnung');
        const card = approver.getByRole('region', { name: new RegExp(fileNumber) });
        await card.getByText('Vorbereitet von').waitFor();
        await card.getByText(/110\.000,00\s€/).first().waitFor();
        await checkPage(approver, 'Schlusszeichnung');
        await card.getByRole('button', { name: `Schlusszeichnen: ${fileNumber}` }).click();
        await status(approver, `Die Entscheidung zu ${fileNumber} ist schlussgezeichnet`);
        await checkPage(approver, 'Schlusszeichnung');
        expect(await state(caseId)).toBe('notice_issued');

        // ---- the applicant opens the case and downloads the notice (rendered by a job: reload until it is there)
        const notice = applicant.getByRole('button', { name: /Zuwendungsbescheid vom 22\.02\.2027 herunterladen/ });
        const until = Date.now() + 60_000;
        for (;;) {
          await applicant.goto(`/faelle/${caseId}`);
          await applicant.getByTestId('stand').filter({ hasText: 'Zuwendungsbescheid versandt' }).waitFor();
          if (await notice.count()) break;
          if (Date.now() > until) throw new Error('the notice did not appear on the case page within 60 s');
          await applicant.waitForTimeout(1_000);
        }
        await checkPage(applicant, caseTitle);
        const [download] = await Promise.all([applicant.waitForEvent('download'), notice.click()]);
        expect(download.suggestedFilename()).toMatch(/\.pdf$/);
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'fw-whole-case-')), 'bescheid.pdf');
        writeFileSync(file, readFileSync((await download.path())!));
        expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        expect(text).toContain(fileNumber);
        expect(text).toContain(TITLE);
        expect(text).toMatch(/110\.000,00\s?(€|EUR|Euro)/);
      } catch (e) {
        // browserTest keeps the applicant's page; the others are kept here, each under its person
        mkdirSync(SCREENSHOTS, { recursive: true });
        for (const [i, p] of people.entries()) await p.screenshot({ path: path.join(SCREENSHOTS, `ganzer-vorgang-person-${i + 1}.png`), fullPage: true }).catch(() => undefined);
        throw e;
      } finally {
        for (const p of people) await p.context().close().catch(() => undefined);
      }
    },
    WHOLE,
  );
});
