import { Secret, TOTP } from 'otpauth';
import type { Locator, Page } from 'playwright-core';
import { BrowserApp, browserTest, checkPage, logIn, submitLogIn } from '../support/browser';

const SLOW = 120_000; // two shared cores

/** The admin's screens (organisations, users, calls), the auditor's verification and read-only cases, TOTP enrolment and login. */
describe('browser: administration, audit, TOTP', () => {
  let b: BrowserApp;
  let caseId: string;

  beforeAll(async () => {
    // approvers need a second factor here; the admin and the auditor do not
    b = await BrowserApp.start({ env: { TOTP_REQUIRED_ROLES: 'approver' } });
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('alt@mittweida.de', ['applicant'], mittweida);
    await t.db.query(`UPDATE users SET display_name = 'Alfred Alt' WHERE email = 'alt@mittweida.de'`);
    await t.createUser('admin@sab.example', ['admin']);
    await t.createUser('steuerung@sab.example', ['caseworker', 'admin']);
    await t.createUser('pruefung@sab.example', ['auditor']);
    await t.createUser('zeichnet@sab.example', ['approver']);
    const admin = await t.login('admin@sab.example');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const year = new Date().getUTCFullYear();
    const call = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', {
      token: admin,
      body: { code: 'adm-1', title: 'Aufruf für die Verwaltung', opensOn: day(-1), deadline: day(60), budgets: [{ fiscalYear: year + 1, amountCents: 100_000_000 }] },
    });
    expect(call.status).toBe(201);
    const concept = await t.request('POST', '/api/v1/concepts', { token: await t.login('antrag@mittweida.de'), body: { guidelineCode: 'frl-lifd', callCode: 'adm-1' } });
    expect(concept.status).toBe(201);
    caseId = concept.body.caseId;
  }, SLOW);
  afterAll(() => b?.close());

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });
  /** The admin's areas are one entry of the navigation away, on the page Verwaltung. */
  async function administration(page: Page, area: string): Promise<void> {
    await nav(page).getByRole('link', { name: 'Verwaltung' }).click();
    await checkPage(page, 'Verwaltung');
    await page.getByRole('main').getByRole('link', { name: area }).click();
  }

  browserTest(
    'the admin invites a user, who follows the mail link, sets a password and logs in; an open invitation is renewed',
    () => b,
    async (page) => {
      await logIn(page, 'admin@sab.example');
      await administration(page, 'Benutzer');
      await checkPage(page, 'Benutzer');
      await page.getByRole('link', { name: 'Benutzer einladen' }).click();
      await checkPage(page, 'Benutzer einladen');

      await page.getByRole('button', { name: 'Einladung verschicken' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
      await expectText(summary, 'Bitte wählen Sie mindestens eine Rolle.');
      await checkPage(page, 'Benutzer einladen');

      // an applicant without organisation: the API's refusal lands at the organisation field
      await page.getByLabel('E-Mail-Adresse').fill('neu@mittweida.de');
      await page.getByLabel('Name').fill('Nora Neu');
      await page.getByLabel('Antragsteller').check();
      await page.getByRole('button', { name: 'Einladung verschicken' }).click();
      await expectText(summary, 'Antragsteller brauchen die Organisation');
      await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Stadt Mittweida' });
      await page.getByRole('button', { name: 'Einladung verschicken' }).click();
      await page.waitForURL('**/verwaltung/benutzer');
      await expectText(page.getByRole('status'), 'Die Einladung an neu@mittweida.de ist verschickt');
      const row = page.getByRole('row').filter({ hasText: 'neu@mittweida.de' });
      await expectText(row, 'Eingeladen');
      await checkPage(page, 'Benutzer');

      // renewing sends a new link; the first one stops working
      await row.getByRole('button', { name: 'Einladung erneuern für Nora Neu' }).click();
      await expectText(page.getByRole('status'), 'Die Einladung an neu@mittweida.de ist erneuert');
      const mails = await b.t.smtp.waitFor('neu@mittweida.de', 2);
      const link = linkIn(b, mails[mails.length - 1].text);
      await page.context().clearCookies();

      await page.goto(link);
      await checkPage(page, 'Einladung annehmen');
      await page.getByLabel('Neues Passwort', { exact: true }).fill('blaue-wolke-ueber-mittweida');
      await page.getByLabel('Neues Passwort wiederholen').fill('blaue-wolke-ueber-mittweida');
      await page.getByRole('button', { name: 'Passwort festlegen' }).click();
      await expectText(page.getByRole('status'), 'Sie können sich jetzt');
      await logIn(page, 'neu@mittweida.de', { password: 'blaue-wolke-ueber-mittweida' });
      await expectText(page.locator('header'), 'Nora Neu');
      // an applicant sees no administration, and its pages answer "Nicht gefunden"
      expect(await nav(page).getByRole('link', { name: 'Verwaltung' }).count()).toBe(0);
      await page.goto('/verwaltung/benutzer');
      await checkPage(page, 'Nicht gefunden');
    },
    SLOW,
  );

  browserTest(
    'the admin deactivates a user after confirming with a reason; the user is refused at login; reactivated, they log in again',
    () => b,
    async (page) => {
      await logIn(page, 'admin@sab.example');
      await page.goto('/verwaltung/benutzer');
      await page.getByRole('button', { name: 'Alfred Alt deaktivieren' }).click();
      const confirm = page.getByRole('region', { name: 'Alfred Alt deaktivieren?' });
      await confirm.waitFor();
      expect(await page.evaluate('document.activeElement?.id')).toBe('bestaetigen-titel');
      await confirm.getByRole('button', { name: 'Deaktivieren bestätigen' }).click();
      await expectText(confirm, 'Bitte geben Sie eine Begründung an.');
      await checkPage(page, 'Benutzer');
      await confirm.getByLabel('Begründung').fill('Hat die Stadtverwaltung verlassen.');
      await confirm.getByRole('button', { name: 'Deaktivieren bestätigen' }).click();
      await expectText(page.getByRole('status'), 'Alfred Alt ist deaktiviert');
      await expectText(page.getByRole('row').filter({ hasText: 'alt@mittweida.de' }), 'Deaktiviert');
      await checkPage(page, 'Benutzer');

      const other = await b.page();
      await submitLogIn(other, 'alt@mittweida.de');
      await expectText(other.getByRole('alert'), 'E-Mail-Adresse oder Passwort sind falsch.');
      await other.context().close();

      await page.getByRole('button', { name: 'Alfred Alt reaktivieren' }).click();
      const again = page.getByRole('region', { name: 'Alfred Alt reaktivieren?' });
      await again.getByLabel('Begründung').fill('Wieder für die Stadt tätig.');
      await again.getByRole('button', { name: 'Reaktivieren bestätigen' }).click();
      await expectText(page.getByRole('status'), 'Alfred Alt ist wieder aktiv.');
      const back = await b.page();
      await logIn(back, 'alt@mittweida.de');
      await back.context().close();
    },
    SLOW,
  );

  browserTest(
    'the admin gives an approver a team (too long a name is refused at the field) and removes it; applicants have none',
    () => b,
    async (page) => {
      await logIn(page, 'admin@sab.example');
      await page.waitForURL('**/aufgaben');
      await page.goto('/verwaltung/benutzer');
      expect(await page.getByRole('button', { name: 'Team ändern für antrag' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Team ändern für zeichnet' }).click();
      const panel = page.getByRole('region', { name: 'Team von zeichnet' });
      await panel.waitFor();
      expect(await page.evaluate('document.activeElement?.id')).toBe('team-titel');
      await panel.getByLabel('Team').fill('x'.repeat(81));
      await panel.getByRole('button', { name: 'Team speichern' }).click();
      await expectText(panel, 'Der Teamname hat höchstens 80 Zeichen.');
      await panel.getByLabel('Team').fill('  Referat 33 – Digitalisierung ');
      await panel.getByRole('button', { name: 'Team speichern' }).click();
      await expectText(page.getByRole('status'), 'zeichnet gehört jetzt zum Team „Referat 33 – Digitalisierung“.');
      await expectText(page.getByRole('row').filter({ hasText: 'zeichnet@sab.example' }), 'Referat 33 – Digitalisierung');
      await checkPage(page, 'Benutzer');

      await page.getByRole('button', { name: 'Team ändern für zeichnet' }).click();
      await page.getByRole('region', { name: 'Team von zeichnet' }).getByLabel('Team').fill('');
      await page.getByRole('button', { name: 'Team speichern' }).click();
      await expectText(page.getByRole('status'), 'zeichnet ist keinem Team mehr zugeordnet.');
    },
    SLOW,
  );

  browserTest(
    'the admin creates an organisation (a taken AGS is shown at its field) and changes its postal address',
    () => b,
    async (page) => {
      await logIn(page, 'admin@sab.example');
      await administration(page, 'Organisationen');
      await checkPage(page, 'Organisationen');
      await page.getByRole('link', { name: 'Organisation anlegen' }).click();
      await checkPage(page, 'Organisation anlegen');
      await page.getByLabel('Name', { exact: true }).fill('Stadt Freiberg');
      await page.getByLabel('Amtlicher Gemeindeschlüssel (optional)').fill('14522360');
      await page.getByRole('button', { name: 'Organisation anlegen' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
      await expectText(summary, 'Eine Organisation mit diesem Gemeindeschlüssel gibt es schon.');
      await expectText(page.locator('#ags-fehler'), 'Eine Organisation mit diesem Gemeindeschlüssel gibt es schon.');
      await checkPage(page, 'Organisation anlegen');
      await page.getByLabel('Amtlicher Gemeindeschlüssel (optional)').fill('14522180');
      await page.getByLabel('Straße').fill('Obermarkt');
      await page.getByLabel('Hausnummer').fill('24');
      await page.getByLabel('Postleitzahl').fill('09599');
      await page.getByLabel('Ort').fill('Freiberg');
      await page.getByRole('button', { name: 'Organisation anlegen' }).click();
      await page.waitForURL('**/verwaltung/organisationen');
      await expectText(page.getByRole('status'), 'Stadt Freiberg ist gespeichert.');
      await expectText(page.getByRole('row').filter({ hasText: 'Stadt Freiberg' }), 'Obermarkt 24, 09599 Freiberg');

      await page.getByRole('link', { name: 'Stadt Freiberg bearbeiten' }).click();
      await checkPage(page, 'Stadt Freiberg bearbeiten');
      await page.getByLabel('Postleitzahl').fill('123');
      await page.getByRole('button', { name: 'Änderungen speichern' }).click();
      await expectText(summary, 'Die Postleitzahl hat in Deutschland fünf Ziffern.');
      await checkPage(page, 'Stadt Freiberg bearbeiten');
      await page.getByLabel('Postleitzahl').fill('09599');
      await page.getByLabel('Hausnummer').fill('25');
      await page.getByLabel('Name der Ansprechperson').fill('Karin Schmidt');
      await page.getByRole('button', { name: 'Änderungen speichern' }).click();
      await page.waitForURL('**/verwaltung/organisationen');
      await expectText(page.getByRole('row').filter({ hasText: 'Stadt Freiberg' }), 'Obermarkt 25, 09599 Freiberg');
      await expectText(page.getByRole('row').filter({ hasText: 'Stadt Freiberg' }), 'Karin Schmidt');
    },
    SLOW,
  );

  browserTest(
    'a caseworker who is also admin opens a call and steers its deadline and budget, each with a reason',
    () => b,
    async (page) => {
      await logIn(page, 'steuerung@sab.example');
      await administration(page, 'Förderaufrufe steuern');
      await checkPage(page, 'Förderaufrufe steuern');
      await expectText(page.getByRole('row').filter({ hasText: 'Aufruf für die Verwaltung' }), '1.000.000,00 €');
      await page.getByRole('link', { name: 'Förderaufruf eröffnen' }).click();
      await checkPage(page, 'Förderaufruf eröffnen');
      await page.getByLabel('Titel').fill('2. Förderaufruf Innovationsräume');
      await page.getByLabel('Kürzel').fill('adm 2');
      await page.getByLabel('Betrag in Euro (Zeile 1)').fill('viel');
      await page.getByRole('button', { name: 'Förderaufruf eröffnen' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
      await expectText(summary, 'Das Kürzel darf nur Buchstaben, Ziffern und Bindestriche enthalten');
      await expectText(summary, 'Bitte geben Sie einen Betrag in Euro an');
      await checkPage(page, 'Förderaufruf eröffnen');
      await page.getByLabel('Kürzel').fill('adm-2');
      await page.getByLabel('Betrag in Euro (Zeile 1)').fill('2.500.000');
      await page.getByRole('button', { name: 'Haushaltsjahr hinzufügen' }).click();
      await page.getByLabel('Betrag in Euro (Zeile 2)').fill('1.250.000,50');
      await page.getByRole('button', { name: 'Förderaufruf eröffnen' }).click();
      await page.waitForURL('**/verwaltung/aufrufe/frl-lifd/adm-2');
      await checkPage(page, '2. Förderaufruf Innovationsräume');
      await expectText(page.getByRole('status'), 'ist eröffnet');
      await expectText(page.locator('main'), '3.750.000,50 €');

      const later = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Stichtag').fill(later);
      await page.getByLabel('Begründung der Terminänderung').fill('Verlängert wegen der Kommunalwahlen.');
      await page.getByRole('button', { name: 'Termine speichern' }).click();
      await expectText(page.getByRole('status'), 'Die Termine sind geändert.');
      await expectText(page.locator('.fw-timeline'), 'Verlängert wegen der Kommunalwahlen.');

      await page.getByLabel('Budget in Euro').fill('3.000.000,00');
      await page.getByLabel('Begründung der Budgetänderung').fill('Nachtragshaushalt des Freistaats');
      await page.getByRole('button', { name: 'Budget speichern' }).click();
      await expectText(page.getByRole('status'), 'auf 3.000.000,00 € gesetzt');
      await expectText(page.locator('main'), '4.250.000,50 €');
      await expectText(page.locator('.fw-timeline'), 'Nachtragshaushalt des Freistaats');
      await checkPage(page, '2. Förderaufruf Innovationsräume');

      // closing early asks first and wants a reason
      await page.getByRole('button', { name: 'Förderaufruf schließen …' }).click();
      await page.getByRole('button', { name: 'Jetzt endgültig schließen' }).click();
      await expectText(page.locator('#closeReason-fehler'), 'Bitte begründen Sie das Schließen.');
      await checkPage(page, '2. Förderaufruf Innovationsräume');
      await page.getByLabel('Begründung für das Schließen').fill('Das Budget ist mit den Skizzen ausgeschöpft.');
      await page.getByRole('button', { name: 'Jetzt endgültig schließen' }).click();
      await expectText(page.getByRole('status'), 'Der Förderaufruf ist geschlossen.');
      await expectText(page.locator('main'), 'Geschlossen (Das Budget ist mit den Skizzen ausgeschöpft.)');
      await expectText(page.locator('.fw-timeline'), 'Förderaufruf vorzeitig geschlossen');
      expect(await page.getByRole('button', { name: 'Budget speichern' }).count()).toBe(0);
    },
    SLOW,
  );

  browserTest(
    'the auditor verifies the audit trail, signs a checkpoint and reads a case; a rewritten entry is named',
    () => b,
    async (page) => {
      await logIn(page, 'pruefung@sab.example');
      await nav(page).getByRole('link', { name: 'Prüfprotokoll' }).click();
      await checkPage(page, 'Prüfprotokoll verifizieren');
      await expectText(page.getByRole('status'), 'Das Prüfprotokoll ist intakt.');
      await page.getByRole('button', { name: 'Prüfpunkt jetzt signieren' }).click();
      await expectText(page.getByRole('status'), 'signiert (Schlüssel');
      await expectText(page.locator('main'), 'signiert am');
      await checkPage(page, 'Prüfprotokoll verifizieren');
      expect(await nav(page).getByRole('link', { name: 'Verwaltung' }).count()).toBe(0);
      await page.goto('/verwaltung/benutzer');
      await checkPage(page, 'Nicht gefunden');

      await nav(page).getByRole('link', { name: 'Vorgänge' }).click();
      await checkPage(page, 'Vorgänge');
      await page.getByRole('row').filter({ hasText: 'Stadt Mittweida' }).getByRole('link').first().click();
      await page.waitForURL(`**/faelle/${caseId}`);
      await checkPage(page, 'Vorgang (Entwurf)');

      // someone with the database owner's rights rewrites an entry the checkpoint covers
      await b.t.db.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
      try {
        await b.t.db.query(`UPDATE audit_entries SET action = 'user.invited' WHERE seq = 2`);
      } finally {
        await b.t.db.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
      }
      await page.goto('/pruefung/protokoll');
      await expectText(page.getByRole('alert'), 'Das Prüfprotokoll ist nicht intakt.');
      await expectText(page.getByRole('alert'), 'Eintrag Nr. 2 bricht die Kette');
      await checkPage(page, 'Prüfprotokoll verifizieren');
    },
    SLOW,
  );

  browserTest(
    'an approver (TOTP required) is led to set up the authenticator app, confirms a code, and then logs in with a code',
    () => b,
    async (page) => {
      await submitLogIn(page, 'zeichnet@sab.example');
      await page.waitForURL('**/zwei-faktor');
      await checkPage(page, 'Zwei-Faktor-Anmeldung einrichten');
      await expectText(page.locator('main'), 'Ihre Rolle verlangt eine Zwei-Faktor-Anmeldung.');
      // Meine Aufgaben leads back here until it is set up
      await page.goto('/aufgaben');
      await page.waitForURL('**/zwei-faktor');
      await page.getByRole('button', { name: 'Einrichtung starten' }).click();
      const secret = (await page.locator('.fw-secret').first().innerText()).replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await checkPage(page, 'Zwei-Faktor-Anmeldung einrichten');
      const code = (steps = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

      await page.getByLabel('Code aus der Authenticator-App').fill(code(5));
      await page.getByRole('button', { name: 'Code bestätigen' }).click();
      await expectText(page.locator('#code-fehler'), 'Der Code stimmt nicht.');
      await checkPage(page, 'Zwei-Faktor-Anmeldung einrichten');
      await page.getByLabel('Code aus der Authenticator-App').fill(code());
      await page.getByRole('button', { name: 'Code bestätigen' }).click();
      await expectText(page.getByRole('status'), 'Die Zwei-Faktor-Anmeldung ist eingerichtet.');
      await page.getByRole('link', { name: 'Weiter zu Meine Aufgaben' }).click();
      await checkPage(page, 'Meine Aufgaben');

      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await page.waitForURL('**/anmelden');
      await submitLogIn(page, 'zeichnet@sab.example');
      await expectText(page.getByRole('alert'), 'Bitte geben Sie den Code aus Ihrer Authenticator-App ein.');
      await checkPage(page, 'Anmelden');
      await page.getByLabel('Code aus der Authenticator-App').fill(code(1)); // the confirming code's step is spent
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL('**/aufgaben');
      await checkPage(page, 'Meine Aufgaben');
    },
    SLOW,
  );

  browserTest(
    'the admin enters the next base rate with its source; a wrong rate is refused on the form',
    () => b,
    async (page) => {
      await logIn(page, 'admin@sab.example');
      await administration(page, 'Basiszinssatz');
      await checkPage(page, 'Basiszinssatz');
      const table = page.getByRole('table', { name: 'Bekannte Basiszinssätze' });
      await expectText(table, 'aus der Konfiguration');
      expect(await table.getByRole('row').nth(1).textContent()).toContain('01.01.2026');

      await page.getByLabel('Basiszinssatz ab 01.07.2026 in Prozent').fill('1,2,7');
      await page.getByLabel('Quelle').fill('Deutsche Bundesbank, Bekanntgabe zum 1. Juli 2026');
      await page.getByRole('button', { name: 'Basiszinssatz erfassen' }).click();
      await expectText(page.getByRole('alert'), 'höchstens zwei Nachkommastellen');
      await checkPage(page, 'Basiszinssatz');

      await page.getByLabel('Basiszinssatz ab 01.07.2026 in Prozent').fill('1,15');
      await page.getByRole('button', { name: 'Basiszinssatz erfassen' }).click();
      await expectText(page.getByRole('status'), 'Der Basiszinssatz ab 01.07.2026 ist erfasst: 1,15 %.');
      await expectText(page.getByRole('heading', { level: 2 }), 'Satz ab 01.01.2027 erfassen');
      const [row] = await b.t.db.query(`SELECT rate_bp, source, entered_by FROM base_rates WHERE valid_from = '2026-07-01'`);
      expect(row).toMatchObject({ rate_bp: 115, source: 'Deutsche Bundesbank, Bekanntgabe zum 1. Juli 2026', entered_by: expect.any(String) });
      await checkPage(page, 'Basiszinssatz');
    },
    SLOW,
  );
});

function linkIn(b: BrowserApp, text: string | undefined): string {
  const [link] = (text ?? '').match(/https?:\/\/\S+/g) ?? [];
  expect(link?.startsWith(`${b.base}/`)).toBe(true);
  return link!;
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}
