import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Steps } from '../applications/fixtures';
import { preparedApprovals } from '../approvals/prepared-approvals';
import { BrowserApp, browserTest, checkPage, logIn } from '../support/browser';

/**
 * The README's screenshots, made again with `README_SCREENSHOTS=1 npx jest test/browser/readme-screenshots.spec.ts`
 * (skipped otherwise): the applicant's start page with a draft and a case, and the approver's queue.
 */
const OUT = path.join(__dirname, '../../docs/screenshots');
const maybe = process.env.README_SCREENSHOTS ? describe : describe.skip;

maybe('README screenshots', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const steps = new Steps(t);
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicantId = await t.createUser('k.schmidt@mittweida.de', ['applicant'], mittweida);
    const caseworkerId = await t.createUser('sachbearbeitung@sab.example', ['caseworker']);
    await t.createUser('zeichnung@sab.example', ['approver']);
    await t.db.query(`UPDATE users SET display_name = 'Karin Schmidt' WHERE id = $1`, [applicantId]);
    await t.db.query(`UPDATE users SET display_name = 'Jana Richter' WHERE email = 'zeichnung@sab.example'`);
    await t.db.query(`UPDATE users SET display_name = 'Jonas Weber' WHERE id = $1`, [caseworkerId]); // "Vorbereitet von" in the queue
    const applicant = await t.login('k.schmidt@mittweida.de');
    // a case the jury has invited to apply, and a fresh draft beside it
    await steps.invitedCase(applicant, await t.login('sachbearbeitung@sab.example'), 'frl-lifd');
    await steps.createConcept(applicant, 'frl-lifd', '2026-1');
    await preparedApprovals(t, 3, { preparedBy: caseworkerId, organisationId: mittweida, createdBy: applicantId, locationAgs: '14522360' });
    mkdirSync(OUT, { recursive: true });
  }, 180_000);
  afterAll(() => b?.close());

  browserTest(
    "the applicant's start page: Meine Aufgaben with a draft and a case",
    () => b,
    async (page) => {
      await logIn(page, 'k.schmidt@mittweida.de');
      await checkPage(page, 'Meine Aufgaben');
      await page.getByRole('row').filter({ hasText: 'Entwurf' }).first().waitFor();
      await page.screenshot({ path: path.join(OUT, 'meine-aufgaben-antragsteller.png') });
    },
    120_000,
  );

  browserTest(
    "the approver's queue: decisions waiting for sign-off",
    () => b,
    async (page) => {
      await logIn(page, 'zeichnung@sab.example');
      // the approver's queue (/schlusszeichnung), opened from the navigation
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Schlusszeichnung', exact: true }).click();
      await page.waitForURL('**/schlusszeichnung');
      await page.getByRole('button', { name: /^Schlusszeichnen: LIfD-2026-1-/ }).first().waitFor({ timeout: 20_000 });
      await checkPage(page, 'Schlusszeichnung');
      await page.waitForTimeout(500); // let the queue settle (fonts, counts)
      await page.screenshot({ path: path.join(OUT, 'zeichnung-bewilligung.png') });
    },
    120_000,
  );
});
