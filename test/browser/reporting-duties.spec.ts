import type { Locator } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { BrowserApp, browserTest, checkPage, logIn } from '../support/browser';

const LONG = 120_000;

/**
 * Issue 13, item 1 in the browser: an overdue interim proof is in the caseworker's work list; the caseworker moves the
 * final proof's due date with a reason on the case; the recipient sees the next due date in the work list and the
 * duties with the new date on the case.
 */
describe('browser: reporting duties (Nachweispflichten)', () => {
  let b: BrowserApp;
  let caseId: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    await t.createUser('sb@sab.example', ['caseworker']);
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    // a project in payment (funding period 1 Apr 2027 – 31 Dec 2028) with its duties as start_project schedules them
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Makerspace Mittweida', 'in_payment', 'LIfD-2026-1-000902', $3) RETURNING id`,
      [versionId, mittweida, applicantId],
    );
    caseId = c.id;
    await t.db.query(`INSERT INTO reporting_duties (case_id, kind, period_end, due_on) VALUES ($1, 'interim', '2027-12-31', '2028-04-30'), ($1, 'final', '2028-12-31', '2029-06-30')`, [caseId]);
    t.app.get(Clock).travelTo('2028-05-10T10:00:00+02:00');
  }, LONG);
  afterAll(() => b?.close());

  browserTest(
    'the caseworker finds the overdue proof in the work list and extends the final proof; the recipient sees the dates',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await checkPage(page, 'Meine Aufgaben');
      const row = page.getByRole('row').filter({ hasText: 'LIfD-2026-1-000902' });
      await expectText(row, 'Nachweis überfällig');
      await expectText(row, '30.04.2028');
      await row.getByRole('link', { name: 'LIfD-2026-1-000902' }).click();
      await page.waitForURL(`**/faelle/${caseId}/bearbeitung`);
      const duties = page.getByRole('region', { name: 'Nachweispflichten' });
      await expectText(duties.getByRole('row').filter({ hasText: 'Zwischennachweis 2027' }), 'überfällig');
      await checkPage(page, 'Vorgang LIfD-2026-1-000902 bearbeiten');

      const form = page.getByRole('form', { name: 'Frist eines Nachweises verlängern' });
      await form.getByLabel('Nachweis').selectOption({ label: 'Verwendungsnachweis (bis 30.06.2029)' });
      await form.getByLabel('Neue Frist').fill('2029-05-01');
      await form.getByLabel('Begründung').fill('Schlussrechnung des Bauunternehmens steht aus.');
      await form.getByRole('button', { name: 'Frist verlängern' }).click();
      await expectText(form.getByRole('alert'), 'Die neue Frist muss nach der bisherigen liegen.');
      await form.getByLabel('Neue Frist').fill('2029-08-31');
      await form.getByRole('button', { name: 'Frist verlängern' }).click();
      await expectText(duties.getByRole('status'), 'Die Frist für den Verwendungsnachweis ist bis 31.08.2029 verlängert.');
      await expectText(duties.getByRole('row').filter({ hasText: 'Verwendungsnachweis' }), 'ursprünglich 30.06.2029');
      await checkPage(page, 'Vorgang LIfD-2026-1-000902 bearbeiten');
      await duties.getByRole('button', { name: 'Eingang vermerken: Zwischennachweis 2027' }).click();
      await expectText(duties.getByRole('status'), 'Eingang vermerkt: Zwischennachweis 2027.');
      await expectText(duties.getByRole('row').filter({ hasText: 'Zwischennachweis 2027' }), 'eingereicht');
      await checkPage(page, 'Vorgang LIfD-2026-1-000902 bearbeiten');
      const [duty] = await b.t.db.query(`SELECT extended_due_on::text, reason FROM reporting_duties WHERE case_id = $1 AND kind = 'final'`, [caseId]);
      expect(duty).toEqual({ extended_due_on: '2029-08-31', reason: 'Schlussrechnung des Bauunternehmens steht aus.' });

      await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await page.waitForURL('**/anmelden');
      // after a log-out the next person starts on their own start page, not on the case page the caseworker left
      await logIn(page, 'antrag@mittweida.de');
      const own = page.getByRole('row').filter({ hasText: 'LIfD-2026-1-000902' });
      await expectText(own, 'Verwendungsnachweis einreichen');
      await expectText(own, '31.08.2029'); // the next open duty: the final proof, extended
      await checkPage(page, 'Meine Aufgaben');
      await page.goto(`/faelle/${caseId}`);
      const mine = page.getByRole('region', { name: 'Nachweispflichten' });
      await expectText(mine.getByRole('row').filter({ hasText: 'Verwendungsnachweis' }), '31.08.2029');
      expect(await mine.getByRole('form').count()).toBe(0);
      await checkPage(page, 'Vorgang LIfD-2026-1-000902');
    },
    LONG,
  );
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}
