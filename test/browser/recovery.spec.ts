import type { Locator } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { RecoveryService } from '../../src/reporting/recovery.service';
import { BrowserApp, browserTest, checkPage, logIn } from '../support/browser';

const LONG = 120_000;

/**
 * Issue 13, item 5 in the browser: finance sees an open recovery claim with its interest to today, books a repayment
 * (split by § 367 BGB), is refused one dated before it, and books the rest, which settles the claim.
 */
describe('browser: recovery claims (Rückforderungen)', () => {
  let b: BrowserApp;
  let caseId: string;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    const financeId = await t.createUser('kasse@sab.example', ['finance']);
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Makerspace Mittweida', 'recovery_pending', 'LIfD-2026-1-000777', $3) RETURNING id`,
      [versionId, mittweida, applicantId],
    );
    caseId = c.id;
    t.app.get(Clock).travelTo('2025-12-15T10:00:00+01:00');
    await t.db.transaction((em) =>
      t.app.get(RecoveryService).createClaim(em, financeId, { caseId, grounds: 'revocation', principalCents: 3_000_000, interestFrom: '2025-05-15', dueOn: '2025-06-30' }),
    );
  }, LONG);
  afterAll(() => b?.close());

  browserTest(
    'finance books a repayment against interest and principal, is refused an earlier one, and settles the claim',
    () => b,
    async (page) => {
      await logIn(page, 'kasse@sab.example');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Rückforderungen' }).click();
      await checkPage(page, 'Rückforderungen');
      const card = page.getByRole('region', { name: /Stadt Mittweida: LIfD-2026-1-000777, Forderung 1/ });
      // interest 15.05.–14.12.2025: 47 days × 7,27 % + 167 days × 6,27 % on 30.000,00 € = 1.141,46 €
      await expectText(card, 'Zinsen offen bis 15.12.2025');
      await expectText(card, '1.141,46');
      const api = await b.t.request('GET', `/api/v1/cases/${caseId}/recovery-claims`, { token: await b.t.login('kasse@sab.example') });
      expect(api.body[0].interestOpenCents).toBe(114_146);

      await card.getByLabel('Wertstellung').fill('2025-09-15');
      await card.getByLabel('Betrag in Euro').fill('10.000,00');
      await card.getByLabel('Referenz (optional)').fill('Kontoauszug 2025/178');
      await card.getByRole('button', { name: 'Zahlungseingang buchen' }).click();
      await expectText(page.getByRole('status'), 'auf Zinsen');
      const done = (await page.getByRole('status').filter({ hasText: 'sind gebucht' }).first().textContent())!.replace(/\s/g, ' ');
      expect(done).toContain('672,50 € auf Zinsen, 9.327,50 € auf die Hauptforderung');
      await expectText(card.getByRole('table', { name: 'Gebuchte Zahlungseingänge' }), 'Kontoauszug 2025/178');
      await checkPage(page, 'Rückforderungen');

      await card.getByLabel('Wertstellung').fill('2025-09-01');
      await card.getByLabel('Betrag in Euro').fill('100');
      await card.getByRole('button', { name: 'Zahlungseingang buchen' }).click();
      await expectText(card.getByRole('alert'), 'in der Reihenfolge ihrer Wertstellung');
      await checkPage(page, 'Rückforderungen');

      // the rest: 20.672,50 € principal + 323,15 € interest to 15 Dec (see test/reporting/recovery.spec.ts)
      await card.getByLabel('Wertstellung').fill('2025-12-15');
      await card.getByLabel('Betrag in Euro').fill('20.995,65');
      await card.getByRole('button', { name: 'Zahlungseingang buchen' }).click();
      await expectText(page.getByRole('status'), 'vollständig beglichen');
      await expectText(page.getByRole('main'), 'Zurzeit ist keine Rückforderung offen.');
      const [claim] = await b.t.db.query(`SELECT status, settled_on::text FROM recovery_claims WHERE case_id = $1`, [caseId]);
      expect(claim).toEqual({ status: 'settled', settled_on: '2025-12-15' });
      await checkPage(page, 'Rückforderungen');
    },
    LONG,
  );
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}
