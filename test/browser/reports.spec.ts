import type { Locator } from 'playwright-core';
import { orderedPayment } from '../payouts/ordered-payments';
import { BrowserApp, browserTest, checkPage, logIn } from '../support/browser';

const LONG = 120_000;

/**
 * Issue 14 in the browser: the start page of the reports (figures, chart, table) and each report page with its filters
 * and downloads; each checks one figure against the API. The ledger rows are written straight to the database here
 * (the HTTP path to them is tested in test/reporting/programme-reports.spec.ts).
 */
describe('browser: programme reports (Auswertungen)', () => {
  let b: BrowserApp;
  let token: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    const caseworkerId = await t.createUser('sb@sab.example', ['caseworker']);
    const approverId = await t.createUser('freigabe@sab.example', ['approver']);
    const financeId = await t.createUser('kasse@sab.example', ['finance']);
    await t.createUser('admin@sab.example', ['admin']);
    // one case with 250.000,00 € committed in 2027, of which 9.876,53 € paid on 5 May 2027
    const { caseId } = await orderedPayment(t, { organisationId: mittweida, applicantId, caseworkerId, approverId, financeId, amountCents: 987_653 });
    await t.db.query(`UPDATE cases SET location_ags = '14522360' WHERE id = $1`, [caseId]);
    const [d] = await t.db.query(`SELECT id FROM decisions WHERE case_id = $1`, [caseId]);
    await t.db.query(`INSERT INTO commitments (case_id, decision_id, guideline_code, call_code, fiscal_year, amount_cents) VALUES ($1, $2, 'frl-lifd', '2026-1', 2027, 25000000)`, [caseId, d.id]);
    await t.db.query(`INSERT INTO ledger_bookings (guideline_code, call_code, fiscal_year, case_id, kind, amount_cents, booked_on, booked_by) VALUES ('frl-lifd', '2026-1', 2027, $1, 'payment', 987653, '2027-05-05', $2)`, [caseId, financeId]);
    await t.db.query(`UPDATE call_budgets SET committed_cents = committed_cents + 25000000, paid_cents = paid_cents + 987653 WHERE guideline_code = 'frl-lifd' AND call_code = '2026-1' AND fiscal_year = 2027`);
    token = await t.login('kasse@sab.example');
  }, LONG);
  afterAll(() => b?.close());

  const euro = (cents: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(cents / 100);

  browserTest(
    'the start page shows budget per call as chart and table, and each report page a figure the API gives; downloads work',
    () => b,
    async (page) => {
      await logIn(page, 'kasse@sab.example');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Auswertungen' }).click();
      await checkPage(page, 'Auswertungen');
      const dash = (await b.t.request('GET', '/api/v1/reports/dashboard', { token })).body;
      const call = dash.calls.find((c: any) => c.guidelineCode === 'frl-lifd' && c.callCode === '2026-1');
      expect(call.paidCents).toBe(987_653);
      await expectText(page.getByRole('table', { name: /Budget je Förderaufruf/ }), euro(call.paidCents));
      await expect(page.getByRole('img', { name: 'Budgetausschöpfung je Förderaufruf' }).count()).resolves.toBe(1);

      await page.getByRole('link', { name: 'Budget und Mittelbindung' }).click();
      await checkPage(page, 'Budget und Mittelbindung');
      const budget = (await b.t.request('GET', '/api/v1/reports/budget?district=14522', { token })).body;
      await page.getByLabel('Kreis (fünf Ziffern des AGS)').fill('14522');
      await page.getByRole('button', { name: 'Anzeigen' }).click();
      await page.waitForURL('**/auswertungen/budget?district=14522');
      const district = budget.byDistrict.find((r: any) => r.fiscalYear === 2027);
      expect(district).toMatchObject({ district: '14522', committedCents: 25_000_000, paidCents: 987_653 });
      await expectText(page.getByRole('table', { name: 'Je Kreis' }), euro(district.committedCents));
      // a district that is not five digits is refused in the form
      await page.getByLabel('Kreis (fünf Ziffern des AGS)').fill('145');
      await page.getByRole('button', { name: 'Anzeigen' }).click();
      await expectText(page.getByRole('alert'), 'ersten fünf Ziffern');
      await checkPage(page, 'Budget und Mittelbindung');
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel (XLSX, alle Teile)' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/^budget-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV: je Kreis', exact: true }).click()]);
      expect(csv.suggestedFilename()).toMatch(/^budget-byDistrict-.*\.csv$/);

      await page.goto('/auswertungen/trichter');
      await checkPage(page, 'Antragstrichter');
      const funnel = (await b.t.request('GET', '/api/v1/reports/funnel', { token })).body;
      expect(funnel.byCall).toHaveLength(0); // the case was written without transitions
      await expectText(page.getByRole('table', { name: 'Je Förderaufruf' }), 'Keine Einträge');

      await page.goto('/auswertungen/bearbeitungszeiten');
      await checkPage(page, 'Bearbeitungszeiten');
      await expectText(page.getByRole('table', { name: 'Je Förderaufruf' }), 'Keine Einträge');
      await expectText(page.getByRole('table', { name: 'Je Team (formale Prüfung)' }), 'Keine Einträge');

      await page.goto('/auswertungen/zahlungen');
      await checkPage(page, 'Zahlungen und Forderungen');
      const payments = (await b.t.request('GET', '/api/v1/reports/payments', { token })).body;
      expect(payments.byMonth).toEqual([expect.objectContaining({ month: '2027-05', paidCents: 987_653 })]);
      await expectText(page.getByRole('table', { name: 'Je Monat' }), euro(987_653));
    },
    LONG,
  );

  browserTest(
    'an admin publishes the 360Giving package and sees its SHA-256, as the public endpoint states it',
    () => b,
    async (page) => {
      await logIn(page, 'admin@sab.example');
      await page.goto('/auswertungen');
      await checkPage(page, 'Auswertungen');
      await expectText(page.getByRole('region', { name: 'Offene Daten (360Giving)' }), 'noch kein Datenpaket');
      await page.getByRole('button', { name: 'Datenpaket neu erzeugen und veröffentlichen' }).click();
      const info = page.locator('[data-figure="sha256"]');
      await info.waitFor({ timeout: 20_000 });
      const published = (await b.t.request('GET', '/api/v1/open-data/360giving')).body;
      expect(await info.textContent()).toBe(published.sha256);
      await expectText(page.getByRole('region', { name: 'Offene Daten (360Giving)' }), 'mit 1 Zuwendungen');
      await checkPage(page, 'Auswertungen');
    },
    LONG,
  );
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}
