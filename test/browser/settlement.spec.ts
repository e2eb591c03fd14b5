import path from 'node:path';
import type { Page } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';

const LONG = 120_000;

/** With BROWSER_SCREENSHOTS=1: the page at a moment checkPage's one picture per title would not keep. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `schlussabrechnung-${name}.png`), fullPage: true });
}

/**
 * Issue 13, item 4 in the browser: a case whose proof of use is submitted and checked (set in the database as the
 * proof-of-use module leaves it; its UI is tested in proof-of-use.spec.ts) is settled: the caseworker prepares the
 * settlement, another person (the approver) signs it off, the applicant sees the final grant and the Schlussbescheid.
 */
describe('browser: settlement (Schlussabrechnung)', () => {
  let b: BrowserApp;
  let caseId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const mittweida = await t.createOrganisation('Stadt Mittweida', '14522360');
    const applicantId = await t.createUser('antrag@mittweida.de', ['applicant'], mittweida);
    const caseworkerId = await t.createUser('sb@sab.example', ['caseworker']);
    const approverId = await t.createUser('freigabe@sab.example', ['approver']);
    const financeId = await t.createUser('kasse@sab.example', ['finance']);
    ids = { applicantId, caseworkerId, approverId, financeId, organisationId: mittweida };
    caseId = await settlementCase('LIfD-2026-1-000555', [{ cents: 30_000_000, paidOn: '2027-06-01' }], 38_750_000);
    t.app.get(Clock).travelTo('2028-03-01T10:00:00+01:00');
  }, LONG);
  afterAll(() => b?.close());

  /**
   * A FRL LIfD case, proof of use submitted and checked: equipment 425.000 € × 80 % = 340.000 € approved; the given
   * payments paid; one expense of 400.000 € accepted at the given amount.
   */
  async function settlementCase(fileNumber: string, payments: { cents: number; paidOn: string }[], acceptedCents: number): Promise<string> {
    const t = b.t;
    const [{ current_version_id: versionId }] = await t.db.query(`SELECT current_version_id FROM guidelines WHERE code = 'frl-lifd'`);
    const [c] = await t.db.query(
      `INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by)
       VALUES ($1, $2, '2026-1', 'Makerspace Mittweida', 'proof_of_use_submitted', $3, $4) RETURNING id`,
      [versionId, ids.organisationId, fileNumber, ids.applicantId],
    );
    const [d] = await t.db.query(
      `INSERT INTO decisions (case_id, kind, status, costs, grant_cents, own_contribution_cents, funding_start, funding_end, prepared_by, approved_by, approved_at, calculation)
       VALUES ($1, 'approval', 'approved', $2, 34000000, 8500000, '2024-07-01', '2027-12-31', $3, $4, '2024-06-14T10:00:00+02:00', $5) RETURNING id`,
      [c.id, JSON.stringify([{ category: 'equipment', amountCents: 42_500_000, fiscalYear: 2027 }]), ids.caseworkerId, ids.approverId, { perCategory: [{ category: 'equipment', rateBp: 8000, grantCents: 34_000_000 }] }],
    );
    for (const [i, p] of payments.entries()) {
      const [run] = await t.db.query(`INSERT INTO payment_runs (number, guideline_code, execution_date, status, created_by) VALUES ($1, 'frl-lifd', $2, 'built', $3) RETURNING id`, [`ZL-${fileNumber}-${i}`, p.paidOn, ids.financeId]);
      await t.db.query(
        `INSERT INTO payment_requests (case_id, number, status, decision_id, requested_cents, payable_cents, created_by, certified_by, ordered_by, run_id, paid_on) VALUES ($1, $2, 'paid', $3, $4, $4, $5, $6, $7, $8, $9)`,
        [c.id, i + 1, d.id, p.cents, ids.applicantId, ids.caseworkerId, ids.financeId, run.id, p.paidOn],
      );
    }
    await t.db.query(
      `INSERT INTO proofs_of_use (case_id, status, created_by, submitted_by, submitted_at, sample_share_bp, sample_line_ids, sample_drawn_by, sample_drawn_at) VALUES ($1, 'submitted', $2, $2, now(), 5000, '[]', $3, now())`,
      [c.id, ids.applicantId, ids.caseworkerId],
    );
    await t.db.query(
      `INSERT INTO proof_of_use_lines (case_id, position, category, invoice_number, supplier, invoice_date, paid_date, amount_cents, description, decision, accepted_cents, reduction_reason, decided_by, decided_at)
       VALUES ($1, 0, 'equipment', 'RE-1', 'Laser GmbH', '2024-09-02', '2024-09-20', 40000000, 'Lasercutter', 'reduced', $2, 'Skonto nicht abgezogen', $3, now())`,
      [c.id, acceptedCents, ids.caseworkerId],
    );
    return c.id;
  }

  browserTest(
    'the caseworker prepares, the approver signs off, the applicant sees the final grant and the Schlussbescheid',
    () => b,
    async (page) => {
      const caseworker = await b.page();
      try {
        await logIn(caseworker, 'sb@sab.example');
        await caseworker.goto(`/faelle/${caseId}`);
        await caseworker.getByRole('link', { name: /Schlussabrechnung ansehen/ }).click();
        await checkPage(caseworker, 'Schlussabrechnung');
        const table = caseworker.getByRole('table', { name: 'Berechnung der Zuwendung je Kostenart' });
        await table.filter({ hasText: '387.500,00' }).waitFor();
        await caseworker.getByTestId('schlussabrechnung').filter({ hasText: '310.000,00' }).waitFor();
        await shot(caseworker, 'vorschau');
        await caseworker.getByRole('button', { name: 'Schlussabrechnung vorbereiten' }).click();
        await caseworker.getByRole('status').filter({ hasText: 'liegt zur Schlusszeichnung vor' }).waitFor();
        // the caseworker cannot sign it (not an approver: no button)
        expect(await caseworker.getByRole('button', { name: 'Schlussabrechnung zeichnen' }).count()).toBe(0);
        await checkPage(caseworker, 'Schlussabrechnung');
      } finally {
        await caseworker.context().close();
      }

      const approver = await b.page();
      try {
        await logIn(approver, 'freigabe@sab.example');
        await approver.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Schlusszeichnung' }).click();
        await checkPage(approver, 'Schlusszeichnung');
        await approver.getByRole('link', { name: /LIfD-2026-1-000555 – Makerspace Mittweida: Schlussabrechnung zeichnen/ }).click();
        await checkPage(approver, 'Schlussabrechnung');
        await approver.getByRole('heading', { name: /wartet auf Schlusszeichnung/ }).waitFor();
        await shot(approver, 'zeichnung');
        await approver.getByRole('button', { name: 'Schlussabrechnung zeichnen' }).click();
        await approver.getByRole('status').filter({ hasText: 'schlussgezeichnet' }).waitFor();
        await checkPage(approver, 'Schlussabrechnung');
      } finally {
        await approver.context().close();
      }
      const [c] = await b.t.db.query(`SELECT state FROM cases WHERE id = $1`, [caseId]);
      expect(c.state).toBe('settled');

      await logIn(page, 'antrag@mittweida.de');
      await page.goto(`/faelle/${caseId}`);
      await checkPage(page, 'Vorgang LIfD-2026-1-000555');
      await page.getByTestId('schlussabrechnung-kurz').filter({ hasText: 'festgesetzte Zuwendung 310.000,00' }).waitFor();
      await page.getByRole('button', { name: /Schlussbescheid vom 01\.03\.2028 herunterladen/ }).waitFor();
      // the final payment of 10.000 € (the retention among it) is on its way
      await page.getByRole('main').filter({ hasText: 'Schlusszahlung Nr. 2' }).waitFor();
      await page.getByTestId('geldstand').filter({ hasText: 'Einbehalt (in der Schlusszahlung enthalten)' }).waitFor();
      expect(await page.getByRole('button', { name: 'Neuen Mittelabruf anlegen' }).count()).toBe(0);
      await shot(page, 'vorgang');
      await page.getByRole('link', { name: /Schlussabrechnung: festgesetzte Zuwendung/ }).click();
      await checkPage(page, 'Schlussabrechnung');
      await page.getByTestId('schlussabrechnung').filter({ hasText: 'Schlusszahlung an den Zuwendungsempfänger: 10.000,00' }).waitFor();
      await shot(page, 'ergebnis');
    },
    LONG,
  );

  browserTest(
    'after an overpayment the caseworker drafts the revocation, the approver signs it, the applicant sees the claim with interest',
    () => b,
    async (page) => {
      const t = b.t;
      const clock = t.app.get(Clock);
      clock.travelTo('2025-06-02T10:00:00+02:00');
      // 300.000 € paid (the second 100.000 € on 15.05.2025); 337.500 € accepted × 80 % = 270.000 € → 30.000 € too much
      const overpaid = await settlementCase('LIfD-2026-1-000556', [{ cents: 20_000_000, paidOn: '2025-03-14' }, { cents: 10_000_000, paidOn: '2025-05-15' }], 33_750_000);
      // (27.000.000 = 337.500 € × 80 %: the one line of 400.000 € is accepted at 337.500 €)
      const [sb, fg] = [await t.login('sb@sab.example'), await t.login('freigabe@sab.example')];
      expect((await t.request('POST', `/api/v1/cases/${overpaid}/settlement`, { token: sb })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/cases/${overpaid}/settlement/sign-off`, { token: fg })).status).toBe(200);

      const caseworker = await b.page();
      try {
        await logIn(caseworker, 'sb@sab.example');
        await caseworker.goto(`/faelle/${overpaid}/schlussabrechnung`);
        await checkPage(caseworker, 'Schlussabrechnung');
        await caseworker.getByTestId('schlussabrechnung').filter({ hasText: 'Überzahlung: Widerruf und Rückforderung: 30.000,00' }).waitFor();
        // amount and interest start are proposed from the settlement
        expect(await caseworker.getByLabel(/Zu erstattender Betrag/).inputValue()).toBe('30.000,00');
        expect(await caseworker.getByLabel(/Zinsen ab/).inputValue()).toBe('2025-05-15');
        await caseworker.getByRole('button', { name: 'Widerruf entwerfen' }).click();
        await caseworker.getByRole('alert').filter({ hasText: 'Bitte geben Sie das Fälligkeitsdatum an.' }).first().waitFor();
        await checkPage(caseworker, 'Schlussabrechnung');
        await caseworker.getByLabel('Fällig am').fill('2025-05-30');
        await caseworker.getByLabel('Begründung').fill('Zu hohe Auszahlung.');
        await caseworker.getByRole('button', { name: 'Widerruf entwerfen' }).click();
        await caseworker.getByRole('alert').filter({ hasText: 'Das Fälligkeitsdatum muss nach dem heutigen Tag liegen.' }).first().waitFor();
        await checkPage(caseworker, 'Schlussabrechnung');
        await caseworker.getByLabel('Fällig am').fill('2025-06-30');
        await caseworker.getByLabel('Begründung').fill('Die anerkannten Ausgaben blieben um 87.500,00 € hinter dem Finanzierungsplan zurück.');
        await caseworker.getByRole('button', { name: 'Widerruf entwerfen' }).click();
        await caseworker.getByRole('status').filter({ hasText: 'liegt zur Zeichnung vor' }).waitFor();
        await shot(caseworker, 'widerruf-entwurf');
        await checkPage(caseworker, 'Schlussabrechnung');
      } finally {
        await caseworker.context().close();
      }

      const approver = await b.page();
      try {
        await logIn(approver, 'freigabe@sab.example');
        await approver.goto(`/faelle/${overpaid}/schlussabrechnung`);
        await checkPage(approver, 'Schlussabrechnung');
        await approver.getByRole('button', { name: 'Widerruf zeichnen' }).click();
        await approver.getByRole('status').filter({ hasText: 'Der Widerruf ist gezeichnet' }).waitFor();
        await checkPage(approver, 'Schlussabrechnung');
      } finally {
        await approver.context().close();
      }

      clock.travelTo('2025-12-15T10:00:00+01:00');
      await logIn(page, 'antrag@mittweida.de');
      await page.goto(`/faelle/${overpaid}`);
      await page.getByRole('button', { name: /Widerrufs- und Rückforderungsbescheid vom 02\.06\.2025 herunterladen/ }).waitFor();
      await page.getByRole('link', { name: /Schlussabrechnung: festgesetzte Zuwendung 270\.000,00/ }).click();
      await checkPage(page, 'Schlussabrechnung');
      // 15.05.–14.12.2025: 47 days × 7,27 % + 167 days × 6,27 % on 30.000,00 € = 1.141,46 € (see test/browser/recovery.spec.ts)
      const claim = page.getByTestId('forderung-1');
      await claim.filter({ hasText: '1.141,46' }).waitFor();
      await claim.filter({ hasText: '31.141,46' }).waitFor();
      await shot(page, 'forderung');
      await checkPage(page, 'Schlussabrechnung');
    },
    LONG,
  );
});
