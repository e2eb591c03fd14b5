import type { Page } from 'playwright-core';
import { BrowserApp, browserTest, checkPage, logIn, submitLogIn } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-app';

/** Logging in and out, the mail links of invitations and password resets, what a stranger's case shows, the public pages. */
describe('browser: accounts, Meine Aufgaben, cases', () => {
  let b: BrowserApp;
  let admin: string;
  let ownCase: string;
  let otherCase: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    for (const role of ['caseworker', 'reviewer', 'approver', 'admin'] as const) await t.createUser(`${role}@sab.example`, [role]);
    admin = await t.login('admin@sab.example');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const year = new Date().getUTCFullYear();
    const call = await t.request('POST', '/api/v1/guidelines/frl-lifd/calls', {
      token: admin,
      body: { code: 'web-1', title: 'Aufruf für die Weboberfläche', opensOn: day(-1), deadline: day(60), budgets: [1, 2].map((n) => ({ fiscalYear: year + n, amountCents: 100_000_000 })) },
    });
    expect(call.status).toBe(201);
    const concept = async (email: string) => {
      const res = await t.request('POST', '/api/v1/concepts', { token: await t.login(email), body: { guidelineCode: 'frl-lifd', callCode: 'web-1' } });
      expect(res.status).toBe(201);
      return res.body.caseId as string;
    };
    ownCase = await concept('antrag@mittweida.de');
    otherCase = await concept('antrag@leipzig.de');
  }, 120_000);
  afterAll(() => b?.close());

  browserTest('a wrong password is shown at the top of the form; the right one opens Meine Aufgaben and the case', () => b, async (page) => {
    await page.goto('/anmelden');
    await checkPage(page, 'Anmelden');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
    await expectText(summary, 'Bitte geben Sie Ihre E-Mail-Adresse ein.');
    await checkPage(page, 'Anmelden');
    await summary.getByRole('link', { name: 'Bitte geben Sie Ihre E-Mail-Adresse ein.' }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('email');

    await page.goto('/'); // the start address leads a stranger to the log-in
    await page.waitForURL('**/anmelden');
    await submitLogIn(page, 'antrag@mittweida.de', 'falsches-passwort-123');
    await expectText(summary, 'E-Mail-Adresse oder Passwort sind falsch.');
    expect(await page.evaluate("document.activeElement?.classList.contains('fw-error-summary')")).toBe(true);

    await page.getByLabel('Passwort', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL('**/aufgaben');
    await checkPage(page, 'Meine Aufgaben');
    await page.getByRole('row').filter({ hasText: 'Entwurf fortsetzen' }).getByRole('link', { name: 'Entwurf' }).click();
    await page.waitForURL(`**/faelle/${ownCase}`);
    await checkPage(page, 'Vorgang (Entwurf)');
    await expectText(page.locator('main'), 'Zu diesem Vorgang gibt es noch keinen Bescheid.');
  });

  for (const role of ['caseworker', 'reviewer', 'approver', 'admin']) {
    browserTest(`the ${role} logs in and sees Meine Aufgaben`, () => b, async (page) => {
      await logIn(page, `${role}@sab.example`);
      await checkPage(page, 'Meine Aufgaben');
      await expectText(page.getByRole('navigation', { name: 'Hauptnavigation' }), 'Meine Aufgaben');
    });
  }

  browserTest('a reload keeps the session (refresh cookie); "Überall abmelden" ends it on every device', () => b, async (page) => {
    await logIn(page, 'antrag@mittweida.de');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'fw_refresh')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(await page.evaluate('document.cookie')).toBe(''); // no token for scripts to read
    await page.reload();
    await checkPage(page, 'Meine Aufgaben');

    const other = await page.context().browser()!.newContext({ baseURL: page.url() });
    const second = await other.newPage();
    await logIn(second, 'antrag@mittweida.de');

    await page.getByRole('button', { name: 'Überall abmelden' }).click();
    await page.waitForURL('**/anmelden');
    await expectText(page.locator('main'), 'Sie sind auf allen Geräten abgemeldet.');
    await page.goto('/aufgaben');
    await page.waitForURL('**/anmelden');
    await second.reload();
    await second.waitForURL('**/anmelden');
    await other.close();
  });

  browserTest('an applicant opening another organisation’s case, or an unknown page, sees "Nicht gefunden"', () => b, async (page) => {
    await logIn(page, 'antrag@mittweida.de');
    await page.goto(`/faelle/${otherCase}`);
    await checkPage(page, 'Nicht gefunden');
    await page.goto('/faelle/00000000-0000-4000-8000-000000000000');
    await checkPage(page, 'Nicht gefunden');
    await page.goto('/gibt-es-nicht');
    await checkPage(page, 'Nicht gefunden');
  });

  browserTest('the open calls show their conditions; the accessibility statement is one link away', () => b, async (page) => {
    await page.goto('/aufrufe');
    await checkPage(page, 'Offene Förderaufrufe');
    await page.getByRole('heading', { name: 'Aufruf für die Weboberfläche' }).waitFor();
    await page.getByRole('region', { name: 'Aufruf für die Weboberfläche' }).getByText('Stationärer Innovationsraum: höchstens 400.000,00 €').waitFor();
    await page.getByRole('link', { name: 'Erklärung zur Barrierefreiheit' }).click();
    await checkPage(page, 'Erklärung zur Barrierefreiheit');
    await page.getByRole('link', { name: 'Zum Inhalt springen' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('inhalt');
  });

  browserTest('an invitation is accepted from the link in its mail; then the new user logs in', () => b, async (page) => {
    const org = (await b.t.db.query(`SELECT id FROM organisations WHERE ags = '14522360'`))[0].id;
    const invited = await b.t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'neu@mittweida.de', displayName: 'Nora Neu', roles: ['applicant'], organisationId: org } });
    expect(invited.status).toBe(201);
    const [mail] = await b.t.smtp.waitFor('neu@mittweida.de');
    const link = linkIn(b, mail.text);
    await page.goto(link);
    await checkPage(page, 'Einladung annehmen');
    await page.getByRole('button', { name: 'Passwort festlegen' }).click(); // nothing entered: the summary names the field
    await expectText(page.getByRole('alert'), 'Bitte geben Sie ein neues Passwort ein.');
    await setPassword(page, 'Passwort festlegen', 'blaue-wolke-ueber-mittweida');
    await checkPage(page, 'Einladung annehmen');
    await page.goto(link); // the link once more: it is used now
    await expectText(page.getByRole('alert'), 'Diese Einladung wurde bereits angenommen.');
    await checkPage(page, 'Einladung annehmen');
    await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
    await page.waitForURL('**/anmelden');
    await logIn(page, 'neu@mittweida.de', { password: 'blaue-wolke-ueber-mittweida' });
    await expectText(page.locator('header'), 'Nora Neu');
  });

  browserTest('a forgotten password is asked for on the page and set through the link in the mail', () => b, async (page) => {
    await page.goto('/anmelden');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await checkPage(page, 'Passwort vergessen');
    await page.getByLabel('E-Mail-Adresse').fill('caseworker@sab.example');
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    await expectText(page.locator('main'), 'E-Mail ist unterwegs');
    await checkPage(page, 'Passwort vergessen');
    const [mail] = await b.t.smtp.waitFor('caseworker@sab.example');
    await page.goto(`${b.base}/password-reset?token=${'x'.repeat(43)}`);
    await expectText(page.getByRole('alert'), 'Diesen Link kennen wir nicht.');
    await checkPage(page, 'Neues Passwort festlegen');
    await page.goto(linkIn(b, mail.text));
    await checkPage(page, 'Neues Passwort festlegen');
    await setPassword(page, 'Neues Passwort speichern', 'gruener-apfel-im-herbst');
    await logIn(page, 'caseworker@sab.example', { password: 'gruener-apfel-im-herbst' });
  });
});

function linkIn(b: BrowserApp, text: string | undefined): string {
  const [link] = (text ?? '').match(/https?:\/\/\S+/g) ?? [];
  expect(link?.startsWith(`${b.base}/`)).toBe(true);
  return link!;
}

async function setPassword(page: Page, submit: string, password: string): Promise<void> {
  await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
  await page.getByLabel('Neues Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: submit }).click();
  await expectText(page.getByRole('status'), 'Sie können sich jetzt');
}

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
