import type { Locator, Page } from 'playwright-core';
import { Steps } from '../applications/fixtures';
import { preparedApprovals } from '../approvals/prepared-approvals';
import { BrowserApp, browserTest, checkPage, logIn } from '../support/browser';
import { waitUntil } from '../support/test-app';

const LONG = 180_000; // two shared cores: a whole case worked through in the browser takes a while

/**
 * The caseworker's case list and case work, and the approver's sign-off queue, in the browser: a real FRL LIfD
 * application driven to "submitted" through the API, worked on by clicks (information request, completeness,
 * a partial approval), sent back by the approver, corrected and signed off; four eyes refused in the UI and the API.
 */
describe('browser: case list, case work and sign-off', () => {
  let b: BrowserApp;
  let caseId: string;
  let fileNumber: string;
  let ownDecision: string; // prepared by the person holding both roles
  let ownFileNumber: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const steps = new Steps(t);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    const leipzigUser = await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    const both = await t.createUser('beides@sab.example', ['caseworker', 'approver']);
    const applicant = await t.login('antrag@mittweida.de');
    const caseworker = await t.login('sb@sab.example');

    // the case worked on: an FRL LIfD application, submitted (equipment 123.456,79 €, staff 10.000,01 €)
    caseId = await steps.submittedApplication(applicant, caseworker);
    fileNumber = (await steps.state(caseId)).file_number!;

    // a decision the person with both roles prepared: they see it in the queue but may not sign it
    [ownDecision] = await preparedApprovals(t, 1, { preparedBy: both, organisationId: leipzig, createdBy: leipzigUser, locationAgs: '14713000' });
    [{ file_number: ownFileNumber }] = await t.db.query('SELECT c.file_number FROM decisions d JOIN cases c ON c.id = d.case_id WHERE d.id = $1', [ownDecision]);

    // enough further cases for paging, in two districts and several states
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    const states = ['concept_submitted', 'application_submitted', 'notice_final', 'rejected'];
    for (let i = 1; i <= 24; i++) {
      const leipzigCase = i % 3 === 0;
      const [c] = await t.db.query(
        `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
         VALUES ($1, $2, '2026-1', $3, $4, $5, $6) RETURNING id`,
        [versionId, leipzigCase ? leipzig : mittweida, `${leipzigCase ? 'Digitalwerkstatt Leipzig' : 'Innovationsraum Mittweida'} ${String(i).padStart(2, '0')}`, states[i % 4], `LIfD-2026-1-${String(500 + i).padStart(6, '0')}`, leipzigCase ? leipzigUser : applicantId],
      );
      await t.db.query(`INSERT INTO proposals (case_id, stage, variant, location_ags, costs, own_contribution_cents) VALUES ($1, 'concept', 'stationary', $2, '[]', 0)`, [c.id, leipzigCase ? '14713000' : '14522360']);
    }
  }, LONG);
  afterAll(() => b?.close());

  const status = (page: Page) => page.getByRole('main').getByRole('status').first();
  const firstRowCells = (page: Page): Locator => page.getByRole('row').nth(1).getByRole('cell');
  const success = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).first().waitFor();

  browserTest(
    'the caseworker searches, filters, sorts and pages the case list; the URL keeps it; a case opens',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fallliste' }).click();
      await page.waitForURL('**/faelle');
      await status(page).filter({ hasText: '26 Vorgänge gefunden, Seite 1 von 2.' }).waitFor();
      await checkPage(page, 'Fallliste');

      // paging: 20 on the first page, the rest on the second; a smaller page size makes three pages
      expect(await page.getByRole('row').count()).toBe(21);
      await page.getByRole('button', { name: 'Nächste Seite' }).click();
      await status(page).filter({ hasText: 'Seite 2 von 2' }).waitFor();
      expect(await page.getByRole('row').count()).toBe(7);
      await page.getByLabel('Vorgänge je Seite').selectOption('10');
      await status(page).filter({ hasText: 'Seite 1 von 3' }).waitFor();

      // sorting by title, ascending then descending (aria-sort says which)
      await page.getByRole('button', { name: /^Vorhaben/ }).click();
      await page.waitForURL(/sort=title&order=asc/);
      await firstRowCells(page).nth(1).filter({ hasText: 'Digitalwerkstatt Leipzig 03' }).waitFor();
      expect(await page.getByRole('columnheader', { name: /Vorhaben/ }).getAttribute('aria-sort')).toBe('ascending');
      await page.getByRole('button', { name: /^Vorhaben/ }).click();
      await page.waitForURL(/order=desc/);
      await firstRowCells(page).nth(1).filter({ hasText: 'Vorhaben 1' }).waitFor();

      // filters: district and state together; then the URL alone brings the same list back (a bookmark)
      await page.getByLabel('Landkreis').fill('14713');
      await page.getByLabel('Stand').selectOption({ label: 'Antrag abgelehnt' });
      await page.getByRole('button', { name: 'Filtern' }).click();
      await status(page).filter({ hasText: '2 Vorgänge gefunden' }).waitFor();
      await checkPage(page, 'Fallliste');
      const bookmark = page.url();
      expect(bookmark).toContain('district=14713');
      expect(bookmark).toContain('state=rejected');
      await page.goto(bookmark);
      await status(page).filter({ hasText: '2 Vorgänge gefunden' }).waitFor();
      expect(await page.getByLabel('Landkreis').inputValue()).toBe('14713');
      for (const row of await page.getByRole('row').all()) if ((await row.getByRole('cell').count()) > 0) await row.getByText('Antrag abgelehnt').waitFor();

      // a district key that is not one is said so at the field, and not applied
      await page.getByLabel('Landkreis').fill('147');
      await page.getByRole('button', { name: 'Filtern' }).click();
      await page.getByText('Der Kreisschlüssel hat fünf Ziffern').waitFor();
      await checkPage(page, 'Fallliste');

      // search by the file number, then open the case
      await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
      // The reset empties the form once the URL has lost its query: type only after that, or it clears the typing.
      await page.waitForURL((url) => url.search === '');
      await page.getByLabel('Suche').fill(fileNumber);
      while ((await page.getByLabel('Suche').inputValue()) !== fileNumber) await page.getByLabel('Suche').fill(fileNumber);
      await page.getByRole('button', { name: 'Filtern' }).click();
      await status(page).filter({ hasText: '1 Vorgang gefunden' }).waitFor();
      await page.getByRole('link', { name: fileNumber }).click();
      await page.waitForURL(`**/faelle/${caseId}/bearbeitung`);
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);
    },
    LONG,
  );

  browserTest(
    'the caseworker requests information, confirms completeness with an internal note, and prepares a partial approval',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await page.goto(`/faelle/${caseId}/bearbeitung`);
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);

      // the information request: refused without a message, then sent with 10 working days
      await page.getByRole('button', { name: 'Nachforderung senden' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bitte beschreiben Sie, was fehlt' }).waitFor();
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);
      await page.getByLabel('Was fehlt?').fill('Bitte reichen Sie das zweite Angebot für den Lasercutter nach.');
      await page.getByLabel('Frist in Arbeitstagen (optional)').fill('10');
      await page.getByRole('button', { name: 'Nachforderung senden' }).click();
      await success(page, 'Die Nachforderung ist versandt. Frist: 01.03.2027.');
      await page.getByText('Bitte reichen Sie das zweite Angebot für den Lasercutter nach.').waitFor();
      await page.getByText(`Unterlagen nachgefordert`).first().waitFor();
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);

      // the applicant answers (through the API); the caseworker confirms completeness with a note for the agency
      const [request] = await b.t.db.query('SELECT id FROM information_requests WHERE case_id = $1', [caseId]);
      const answered = await b.t.request('POST', `/api/v1/cases/${caseId}/information-requests/${request.id}/answer`, {
        token: await b.t.login('antrag@mittweida.de'),
        body: { answer: 'Das zweite Angebot ist beigefügt.' },
      });
      expect(answered.status).toBe(200);
      await page.reload();
      await page.getByText('Antwort: Das zweite Angebot ist beigefügt.').waitFor();
      await page.getByLabel('Vollständigkeit des Antrags bestätigen').check();
      await page.getByLabel('Interner Vermerk (optional)').fill('Zweites Angebot geprüft, wirtschaftlich (intern).');
      await page.getByRole('button', { name: 'Schritt ausführen' }).click();
      await success(page, 'Erledigt: Vollständigkeit des Antrags bestätigen.');
      await page.getByText('Zweites Angebot geprüft, wirtschaftlich (intern).').waitFor();

      // a partial approval: without a reduction it is refused at the field; with one the API computes the grant
      await page.getByLabel('Teilbewilligung mit Kürzungen').check();
      await page.getByRole('button', { name: 'Zur Schlusszeichnung vorlegen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bitte kürzen Sie mindestens eine Ausgabenkategorie.' }).waitFor();
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);
      await page.getByLabel('Personalausgaben: anerkannte Ausgaben in Euro').fill('5.000,00');
      await page.getByRole('button', { name: 'Zur Schlusszeichnung vorlegen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Personalausgaben: Bitte begründen Sie die Kürzung' }).waitFor();
      await page.getByLabel('Personalausgaben: Grund der Kürzung').fill('Nur die Hälfte der Koordination ist vorhabenbezogen.');
      await page.getByRole('button', { name: 'Zur Schlusszeichnung vorlegen' }).click();
      // equipment 123.456,79 € × 80 % = 98.765,43 €; staff 5.000,00 € × 60 % = 3.000,00 €
      await success(page, 'Die Bewilligung über 101.765,43 € ist vorbereitet');
      const plan = page.getByRole('table', { name: /Antrag und Teilbewilligung/ });
      await plan.getByRole('row', { name: /Personalausgaben/ }).filter({ hasText: '10.000,01 €' }).filter({ hasText: '5.000,00 €' }).waitFor();
      await plan.getByRole('row', { name: /Zuwendung/ }).filter({ hasText: '104.765,43 €' }).filter({ hasText: '101.765,43 €' }).waitFor();
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);
    },
    LONG,
  );

  browserTest(
    'the approver sees plan, grant, budget and preparer, and sends the decision back with a comment',
    () => b,
    async (page) => {
      await logIn(page, 'freigabe@sab.example');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Schlusszeichnung' }).click();
      await page.waitForURL('**/schlusszeichnung');
      const card = page.getByRole('region', { name: new RegExp(fileNumber) });
      await card.getByText('Teilbewilligung').waitFor();
      await checkPage(page, 'Schlusszeichnung');
      await card.getByText('Vorbereitet von').waitFor();
      expect((await card.locator('dd').allInnerTexts()).map((text) => text.replace(/\u00a0/g, ' '))).toEqual(['Stadt Mittweida', 'Teilbewilligung', 'sb', '101.765,43 €', '01.04.2027 bis 31.12.2028']);
      await card.getByText('Nur die Hälfte der Koordination ist vorhabenbezogen.').waitFor();
      await card.getByRole('table', { name: /Haushaltsmittel des Förderaufrufs 2026-1/ }).getByRole('row', { name: /2027/ }).waitFor();
      await card.getByRole('table', { name: /Finanzierungsplan/ }).getByRole('row', { name: /Zuwendung/ }).filter({ hasText: '101.765,43 €' }).waitFor();
      // the other preparation (by someone else) can be signed by this approver
      await page.getByRole('button', { name: `Schlusszeichnen: ${ownFileNumber}` }).waitFor();

      await card.getByRole('button', { name: `Zurückgeben: ${fileNumber}` }).click();
      await card.getByRole('alert').filter({ hasText: 'Bitte schreiben Sie, was zu ändern ist' }).waitFor();
      await card.getByLabel('Anmerkung für die Sachbearbeitung').fill('Bitte die Kürzung auf 6.000 € anpassen, wie mit der Kämmerei besprochen.');
      await card.getByRole('button', { name: `Zurückgeben: ${fileNumber}` }).click();
      await success(page, `Die Entscheidung zu ${fileNumber} ist an die Sachbearbeitung zurückgegeben.`);
      await page.getByRole('region', { name: new RegExp(fileNumber) }).waitFor({ state: 'detached' });
      await checkPage(page, 'Schlusszeichnung');
    },
    LONG,
  );

  browserTest(
    'the caseworker reads the comment and corrects the decision; the approver signs it off',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await page.goto(`/faelle/${caseId}/bearbeitung`);
      await page.getByText('Anmerkung der Schlusszeichnung: Bitte die Kürzung auf 6.000 € anpassen').waitFor();
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);
      await page.getByLabel('Teilbewilligung mit Kürzungen').check();
      await page.getByLabel('Personalausgaben: anerkannte Ausgaben in Euro').fill('6.000');
      await page.getByLabel('Personalausgaben: Grund der Kürzung').fill('Drei Fünftel der Koordination sind vorhabenbezogen.');
      await page.getByRole('button', { name: 'Zur Schlusszeichnung vorlegen' }).click();
      // staff 6.000,00 € × 60 % = 3.600,00 €
      await success(page, 'Die Bewilligung über 102.365,43 € ist vorbereitet');
      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await page.waitForURL('**/anmelden');

      await logIn(page, 'freigabe@sab.example');
      await page.goto('/schlusszeichnung');
      const card = page.getByRole('region', { name: new RegExp(fileNumber) });
      await card.getByText('102.365,43 €').first().waitFor();
      await card.getByRole('button', { name: `Schlusszeichnen: ${fileNumber}` }).click();
      await success(page, `Die Entscheidung zu ${fileNumber} ist schlussgezeichnet`);
      await checkPage(page, 'Schlusszeichnung');
      const [d] = await b.t.db.query(`SELECT status, grant_cents FROM decisions WHERE case_id = $1 ORDER BY prepared_at DESC LIMIT 1`, [caseId]);
      expect(d).toEqual({ status: 'approved', grant_cents: '10236543' });
    },
    LONG,
  );

  browserTest(
    'once the notice is final, the caseworker prepares an amendment (longer funding period) and the approver signs it off',
    () => b,
    async (page) => {
      // the objection period has passed (the scheduler's step, taken here in the database)
      await b.t.db.query(`UPDATE cases SET state = 'notice_final' WHERE id = $1`, [caseId]);
      await logIn(page, 'sb@sab.example');
      await page.goto(`/faelle/${caseId}/bearbeitung`);
      await page.getByRole('heading', { name: 'Änderungsbescheid vorbereiten' }).waitFor();
      await page.getByRole('button', { name: 'Änderung vorbereiten' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bitte nennen Sie den Grund' }).waitFor();
      await checkPage(page, `Vorgang ${fileNumber} bearbeiten`);
      await page.getByLabel('Grund der Änderung').fill('Verlängerung wegen Lieferverzug des Lasercutters.');
      await page.getByLabel('Neues Ende des Bewilligungszeitraums (optional)').fill('31.06.2029');
      await page.getByRole('button', { name: 'Änderung vorbereiten' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bitte geben Sie ein Datum in der Form TT.MM.JJJJ ein' }).waitFor();
      await page.getByLabel('Neues Ende des Bewilligungszeitraums (optional)').fill('30.06.2029');
      await page.getByRole('button', { name: 'Änderung vorbereiten' }).click();
      await success(page, 'Der Änderungsbescheid ist vorbereitet');
      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await page.waitForURL('**/anmelden');

      await logIn(page, 'freigabe@sab.example');
      await page.goto('/schlusszeichnung');
      const card = page.getByRole('region', { name: new RegExp(fileNumber) });
      await card.getByText('01.04.2027 bis 30.06.2029').waitFor();
      await card.getByText('Änderungsbescheid').waitFor();
      await checkPage(page, 'Schlusszeichnung');
      await card.getByRole('button', { name: `Schlusszeichnen: ${fileNumber}` }).click();
      await success(page, `Die Entscheidung zu ${fileNumber} ist schlussgezeichnet`);
      const [d] = await b.t.db.query(`SELECT kind, status, funding_end::text AS funding_end FROM decisions WHERE case_id = $1 ORDER BY prepared_at DESC LIMIT 1`, [caseId]);
      expect(d).toEqual({ kind: 'amendment', status: 'approved', funding_end: '2029-06-30' });
    },
    LONG,
  );

  browserTest(
    'a person with both roles sees their own preparation without a sign-off button, and the API refuses it anyway',
    () => b,
    async (page) => {
      await logIn(page, 'beides@sab.example');
      await page.goto('/schlusszeichnung');
      const card = page.getByRole('region', { name: new RegExp(ownFileNumber) });
      await card.getByText('Diese Entscheidung haben Sie selbst vorbereitet.').waitFor();
      await checkPage(page, 'Schlusszeichnung');
      expect(await card.getByRole('button', { name: /Schlusszeichnen/ }).count()).toBe(0);
      const forced = await b.t.request('POST', `/api/v1/decisions/${ownDecision}/sign-off`, { token: await b.t.login('beides@sab.example') });
      expect(forced.status).toBe(403);
      expect(forced.body.code).toBe('FOUR_EYES_VIOLATION');
      const [d] = await b.t.db.query('SELECT status FROM decisions WHERE id = $1', [ownDecision]);
      expect(d.status).toBe('prepared');
    },
    LONG,
  );

  browserTest(
    'the caseworker records an objection (Widerspruch) against an issued notice and then its withdrawal',
    () => b,
    async (page) => {
      // the other approver signs off the decision the person with both roles prepared; the notice goes out
      const signed = await b.t.request('POST', `/api/v1/decisions/${ownDecision}/sign-off`, { token: await b.t.login('freigabe@sab.example') });
      expect(signed.status).toBe(200);
      await waitUntil('objection period set', async () => (await b.t.db.query('SELECT objection_deadline FROM decisions WHERE id = $1', [ownDecision]))[0].objection_deadline !== null, 60_000);
      const [{ case_id: objected }] = await b.t.db.query('SELECT case_id FROM decisions WHERE id = $1', [ownDecision]);

      await logIn(page, 'sb@sab.example');
      await page.goto(`/faelle/${objected}/bearbeitung`);
      await page.getByRole('heading', { name: 'Widerspruch erfassen' }).waitFor();
      await checkPage(page, `Vorgang ${ownFileNumber} bearbeiten`);
      await page.getByLabel('Eingang und Inhalt des Widerspruchs').fill('Widerspruch vom 20.02.2027 gegen die Höhe der Zuwendung.');
      await page.getByRole('button', { name: 'Widerspruch erfassen' }).click();
      await success(page, 'Der Widerspruch ist erfasst.');
      await page.getByText('Widerspruch gegen Zuwendungsbescheid').first().waitFor();
      await page.getByRole('button', { name: 'Entscheidung erfassen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie ein Ergebnis.' }).waitFor();
      await checkPage(page, `Vorgang ${ownFileNumber} bearbeiten`);
      // the caseworker may record a withdrawal or a remedy; dismissing is the approver's
      expect(await page.getByLabel('Widerspruch zurückweisen').count()).toBe(0);
      await page.getByLabel('Widerspruch wurde zurückgenommen').check();
      await page.getByLabel('Begründung', { exact: true }).fill('Rücknahme per Schreiben vom 01.03.2027.');
      await page.getByRole('button', { name: 'Entscheidung erfassen' }).click();
      await success(page, 'Über den Widerspruch ist entschieden.');
      expect((await b.t.db.query('SELECT state FROM cases WHERE id = $1', [objected]))[0].state).toBe('notice_final');
    },
    LONG,
  );

  browserTest(
    "the applicant gets none of the agency's views, not even of their own case",
    () => b,
    async (page) => {
      await logIn(page, 'antrag@mittweida.de');
      expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fallliste' }).count()).toBe(0);
      for (const path of [`/faelle/${caseId}/bearbeitung`, '/faelle', '/schlusszeichnung']) {
        await page.goto(path);
        await checkPage(page, 'Nicht gefunden');
      }
      expect(await page.getByText('Interne Vermerke').count()).toBe(0);
    },
    LONG,
  );
});
