import type { Page } from 'playwright-core';
import * as path from 'node:path';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';

const LONG = 120_000;

/**
 * Issue 12, item 1 in the browser: an applicant of an organisation with a final notice changes its bank account (a
 * wrong IBAN is refused at the field first); the change waits; the caseworker confirms it on "Kontoänderungen"; the
 * applicant then sees it in force. And an organisation without any account gets its application's IBAN proposed.
 */
describe('browser: payee accounts (Bankverbindung, Kontoänderungen)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const leipzig = await t.createOrganisation('Stadt Leipzig', '14713000');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    const leipzigUser = await t.createUser('antrag@leipzig.de', ['applicant'], leipzig);
    await t.createUser('sb@sab.example', ['caseworker']);
    // Mittweida's account, set while nothing was final; then its case's notice became final (the workflow is driven
    // through HTTP in test/payouts/payee-accounts.spec.ts; here the state is written directly)
    const applicant = await t.login('antrag@mittweida.de');
    const set = await t.request('PUT', '/api/v1/organisation/payee-account', { token: applicant, body: { holder: 'Stadt Mittweida', iban: 'DE89370400440532013000' } });
    expect(set.status).toBe(200);
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Innovationsraum Mittweida', 'notice_final', 'LIfD-2026-1-000701', $3)`,
      [versionId, mittweida, applicantId],
    );
    // Leipzig has no account yet, but an application naming one
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Digitalwerkstatt Leipzig', 'application_draft', 'LIfD-2026-1-000702', $3) RETURNING id`,
      [versionId, leipzig, leipzigUser],
    );
    await t.db.query(
      `INSERT INTO proposals (case_id, stage, variant, location_ags, costs, own_contribution_cents, iban, account_holder)
       VALUES ($1, 'application', 'stationary', '14713000', '[]', 0, 'DE02 1203 0000 0000 2020 51', 'Stadt Leipzig')`,
      [c.id],
    );
  }, LONG);
  afterAll(() => b?.close());

  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name }).click();
  // checkPage keeps one screenshot per title; the states between are kept under their own names to look at
  const snap = async (page: Page, name: string) => {
    if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `konto-${name}.png`), fullPage: true });
  };
  const success = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).first().waitFor();

  browserTest(
    'an account change with a final notice waits; the caseworker confirms it; the applicant sees it in force',
    () => b,
    async (page) => {
      await logIn(page, 'antrag@mittweida.de');
      await nav(page, 'Bankverbindung');
      await page.waitForURL('**/bankverbindung');
      await page.getByText('DE89 3704 0044 0532 0130 00').waitFor();
      await page.getByText('Änderungen werden geprüft').waitFor();
      await checkPage(page, 'Bankverbindung');

      // a wrong check digit: said at the field and in the summary, nothing saved
      await page.getByLabel('IBAN', { exact: true }).fill('DE88 3704 0044 0532 0130 00');
      await page.getByRole('button', { name: 'Änderung zur Bestätigung einreichen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' }).waitFor();
      expect(await page.getByLabel('IBAN', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await page.locator('#iban-fehler').filter({ hasText: 'Die IBAN ist nicht gültig' }).waitFor();
      await checkPage(page, 'Bankverbindung');
      await snap(page, '1-fehler');

      await page.getByLabel('Kontoinhaber').fill('Stadt Mittweida Stadtkasse');
      await page.getByLabel('IBAN', { exact: true }).fill('de02 1203 0000 0000 2020 51');
      await page.getByLabel('BIC (optional)').fill('BYLADEM1001');
      await page.getByRole('button', { name: 'Änderung zur Bestätigung einreichen' }).click();
      await success(page, 'Ihre neue Bankverbindung ist eingegangen');
      const pending = page.getByRole('status').filter({ hasText: 'Änderung wartet auf Bestätigung' });
      await pending.getByText('DE02 1203 0000 0000 2020 51').waitFor();
      // the account in force is still the old one
      await page.getByRole('main').locator('dl').first().getByText('DE89 3704 0044 0532 0130 00').waitFor();
      await checkPage(page, 'Bankverbindung');
      await snap(page, '2-wartet');
      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await page.waitForURL('**/anmelden');

      await logIn(page, 'sb@sab.example');
      await nav(page, 'Kontoänderungen');
      await page.waitForURL('**/kontoaenderungen');
      const card = page.getByRole('region', { name: 'Stadt Mittweida' });
      await card.getByRole('cell', { name: 'DE89 3704 0044 0532 0130 00' }).waitFor();
      await card.getByRole('cell', { name: 'DE02 1203 0000 0000 2020 51' }).waitFor();
      await card.getByRole('cell', { name: 'Stadt Mittweida Stadtkasse' }).waitFor();
      await checkPage(page, 'Kontoänderungen');
      // rejecting needs a reason
      await card.getByRole('button', { name: 'Ablehnen: Stadt Mittweida' }).click();
      await card.getByText('Bitte begründen Sie die Ablehnung').first().waitFor();
      await checkPage(page, 'Kontoänderungen');
      await snap(page, '3-sachbearbeitung');
      await card.getByRole('button', { name: 'Bestätigen: Stadt Mittweida' }).click();
      await success(page, 'Die neue Bankverbindung von Stadt Mittweida ist bestätigt und gilt ab sofort.');
      await page.getByText('Zurzeit wartet keine Kontoänderung auf Bestätigung.').waitFor();
      await checkPage(page, 'Kontoänderungen');
      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await page.waitForURL('**/anmelden');

      await logIn(page, 'antrag@mittweida.de');
      await nav(page, 'Bankverbindung');
      const inForce = page.getByRole('main').locator('dl').first();
      await inForce.getByText('DE02 1203 0000 0000 2020 51').waitFor();
      await inForce.getByText('Stadt Mittweida Stadtkasse').waitFor();
      await inForce.getByText('BYLADEM1001').waitFor();
      expect(await page.getByText('Änderung wartet auf Bestätigung').count()).toBe(0);
      await checkPage(page, 'Bankverbindung');
    },
    LONG,
  );

  browserTest(
    'without an account the IBAN of the latest application is proposed; without a final notice it applies at once',
    () => b,
    async (page) => {
      await logIn(page, 'antrag@leipzig.de');
      await nav(page, 'Bankverbindung');
      await page.getByText('Für Ihre Organisation ist noch keine Bankverbindung hinterlegt.').waitFor();
      await page.getByText('Wir haben die Bankverbindung aus Ihrem letzten Antrag eingetragen.').waitFor();
      expect(await page.getByLabel('IBAN', { exact: true }).inputValue()).toBe('DE02 1203 0000 0000 2020 51');
      expect(await page.getByLabel('Kontoinhaber').inputValue()).toBe('Stadt Leipzig');
      await checkPage(page, 'Bankverbindung');
      await snap(page, '5-vorschlag');
      // a valid Brazilian IBAN: no SEPA account
      await page.getByLabel('IBAN', { exact: true }).fill('BR15 0000 0000 0000 1093 2840 814 P2');
      await page.getByRole('button', { name: 'Bankverbindung speichern' }).click();
      await page.locator('#iban-fehler').filter({ hasText: 'außerhalb des SEPA-Raums' }).waitFor();
      await page.getByLabel('IBAN', { exact: true }).fill('DE02 1203 0000 0000 2020 51');
      await page.getByRole('button', { name: 'Bankverbindung speichern' }).click();
      await success(page, 'Die neue Bankverbindung ist gespeichert und gilt ab sofort.');
      await page.getByRole('main').locator('dl').first().getByText('DE02 1203 0000 0000 2020 51').waitFor();
      await checkPage(page, 'Bankverbindung');
    },
    LONG,
  );
});
