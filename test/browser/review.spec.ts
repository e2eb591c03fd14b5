import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { BrowserApp, browserTest, checkPage, logIn, SCREENSHOTS } from '../support/browser';

const CALL = '/api/v1/guidelines/frl-lifd/calls/2026-1';
const CRITERIA: [string, string][] = [
  ['innovation', 'Innovationsgehalt'],
  ['regional_impact', 'Regionale Wirkung und Reichweite'],
  ['sustainability', 'Nachhaltigkeit und Betrieb nach Förderende'],
  ['feasibility', 'Umsetzbarkeit und Wirtschaftlichkeit'],
  ['cooperation', 'Kooperation und Einbindung lokaler Akteure'],
];

/**
 * The jury in the browser: the caseworker assigns reviewers (by hand and automatically, conflicts shown), a reviewer
 * declares no conflict, scores and submits and then sees the sealed scores, another declares a conflict and never sees
 * the concept, and the caseworker records the jury's outcome on the ranking with its funding line.
 */
describe('browser: reviewers and the jury', () => {
  let b: BrowserApp;
  let leipzig: string; // C1: jury-a by hand, one more automatically; its second reviewer declares a conflict
  let dresden: string; // C2: jury-a and jury-b automatically (jury-c is affiliated with the district)
  let chemnitz: string; // C3: two reviewers automatically, who disagree (reviews through the API)
  const reviewer: Record<string, string> = {};

  beforeAll(async () => {
    b = await BrowserApp.start();
    const t = b.t;
    const steps = new Steps(t);
    t.app.get(Clock).travelTo('2026-12-01T10:00:00+01:00');
    await t.createUser('sb@sab.example', ['caseworker']);
    await t.createUser('freigabe@sab.example', ['approver']);
    const caseworker = await t.login('sb@sab.example');
    const concept = async (name: string, ags: string, title: string) => {
      const org = await t.createOrganisation(name, ags);
      await t.createUser(`antrag@${ags}.example`, ['applicant'], org);
      const token = await t.login(`antrag@${ags}.example`);
      const caseId = await steps.completeLifdConcept(token, { title }, { locationAgs: ags });
      await steps.submitConcept(token, caseId);
      expect((await steps.transition(caseworker, caseId, 'accept_concept')).status).toBe(200);
      return caseId;
    };
    leipzig = await concept('Stadt Leipzig', '14713000', 'Makerspace Leipzig');
    dresden = await concept('Landeshauptstadt Dresden', '14612000', 'Digitalwerkstatt Dresden');
    chemnitz = await concept('Stadt Chemnitz', '14511000', 'Innovationsraum Chemnitz');
    for (const name of ['jury-a', 'jury-b', 'jury-c']) reviewer[name] = await t.createUser(`${name}@sab.example`, ['reviewer']);
    const affiliated = await t.request('PUT', `/api/v1/reviewers/${reviewer['jury-c']}/affiliations`, { token: caseworker, body: { organisationIds: [], districts: ['14612'] } });
    expect(affiliated.status).toBe(200);
  }, 180_000);
  afterAll(() => b?.close());

  // states of a page checkPage's own screenshot (the last one per title) does not keep
  const shot = async (page: Page, name: string) => {
    if (process.env.BROWSER_SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `review-${name}.png`), fullPage: true });
  };
  const card = (page: Page, title: string) => page.getByRole('region', { name: title });
  const expectText = async (locator: Locator, text: string) => locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });

  browserTest(
    'the caseworker assigns a reviewer by hand and the rest automatically; an affiliated reviewer is refused at the field and shown as excluded',
    () => b,
    async (page) => {
      await logIn(page, 'sb@sab.example');
      await page.getByRole('link', { name: 'Jury' }).click();
      await checkPage(page, 'Jury');
      await page.getByRole('link', { name: /^Gutachten zuweisen: 2\. Förderaufruf FRL LIfD/ }).click();
      await checkPage(page, 'Gutachten zuweisen: Aufruf 2026-1');

      const c1 = card(page, 'Makerspace Leipzig');
      await c1.getByLabel('Von Hand zuweisen').selectOption({ label: 'jury-a' });
      await c1.getByRole('button', { name: 'Zuweisen' }).click();
      await expectText(c1.getByRole('status'), 'jury-a ist zugewiesen.');
      await expectText(c1.getByRole('listitem'), 'jury-a: Erklärung zur Befangenheit ausstehend');

      await page.getByRole('button', { name: 'Automatisch zuweisen' }).click();
      await expectText(page.getByRole('status'), '5 Gutachten automatisch zugewiesen.');
      const c2 = card(page, 'Digitalwerkstatt Dresden');
      await expectText(c2.getByRole('listitem'), 'jury-a:');
      await expectText(c2.getByRole('listitem'), 'jury-b:');
      await expectText(c2.getByRole('listitem'), 'jury-c: dem Landkreis der Kommune verbunden');
      await checkPage(page, 'Gutachten zuweisen: Aufruf 2026-1');

      // by hand, the excluded reviewer is refused: the error at the field and in the summary
      await c2.getByLabel('Von Hand zuweisen').selectOption({ label: 'jury-c – ausgeschlossen, dem Landkreis der Kommune verbunden' });
      await c2.getByRole('button', { name: 'Zuweisen' }).click();
      await expectText(c2.locator('.kern-error'), 'darf die Projektskizze nicht bewerten');
      await expectText(c2.getByRole('alert'), 'Bitte prüfen Sie Ihre Angaben');
      expect(await c2.getByLabel('Von Hand zuweisen').getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'Gutachten zuweisen: Aufruf 2026-1');
      await shot(page, 'zuweisung-abgelehnt');
    },
    180_000,
  );

  browserTest(
    'a reviewer declares no conflict, scores every criterion, is asked for the required comment at its field, submits and sees the sealed scores',
    () => b,
    async (page) => {
      const t = b.t;
      // jury-b has reviewed the Dresden concept already (through the API): sealed for jury-a until jury-a submits
      const token = await t.login('jury-b@sab.example');
      const mine = (await t.request('GET', '/api/v1/reviews/assignments', { token })).body as { assignmentId: string; caseId: string }[];
      const onDresden = mine.find((a) => a.caseId === dresden)!.assignmentId;
      expect((await t.request('POST', `/api/v1/reviews/assignments/${onDresden}/declaration`, { token, body: { conflict: false } })).status).toBe(200);
      const scores = Object.fromEntries(CRITERIA.map(([code]) => [code, { score: 4, comment: 'Schlüssig dargestellt.' }]));
      expect((await t.request('PUT', `/api/v1/reviews/assignments/${onDresden}/review`, { token, body: { version: 0, scores } })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/reviews/assignments/${onDresden}/review/submit`, { token })).status).toBe(200);

      await logIn(page, 'jury-a@sab.example');
      await page.getByRole('link', { name: 'Meine Gutachten' }).click();
      await checkPage(page, 'Meine Gutachten');
      await page.getByRole('link', { name: 'Digitalwerkstatt Dresden' }).click();
      const title = `Gutachten ${(await b.t.db.query('SELECT file_number FROM cases WHERE id = $1', [dresden]))[0].file_number}`;
      await checkPage(page, title);
      expect(await page.getByRole('heading', { name: 'Projektskizze' }).count()).toBe(0);

      // declaring nothing is refused at the field
      await page.getByRole('button', { name: 'Erklärung abgeben' }).click();
      await expectText(page.getByRole('alert'), 'Bitte erklären Sie, ob Sie befangen sind.');
      await checkPage(page, title);
      await shot(page, 'erklaerung-fehlt');
      await page.getByLabel('Ich bin nicht befangen.').check();
      await page.getByRole('button', { name: 'Erklärung abgeben' }).click();
      await page.getByRole('heading', { name: 'Projektskizze' }).waitFor();
      await expectText(page.locator('dd'), 'Digitalwerkstatt Dresden');
      await page.getByRole('button', { name: /herunterladen/ }).first().waitFor();
      await checkPage(page, title);

      for (const [code, label] of CRITERIA) await page.getByLabel(`Punkte für „${label}“`).selectOption(code === 'cooperation' ? '1' : '4');
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await expectText(page.getByRole('status'), 'Entwurf gespeichert.');
      await page.getByRole('button', { name: 'Bewertung abschicken' }).click();
      const comment = page.getByLabel('Begründung zu „Kooperation und Einbindung lokaler Akteure“ (Pflicht)');
      await expectText(page.getByRole('alert'), 'Bitte begründen Sie die Bewertung von „Kooperation und Einbindung lokaler Akteure“');
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      await expectText(page.locator('#scores\\.cooperation\\.comment-fehler'), 'Bitte begründen Sie');
      await checkPage(page, title);
      await shot(page, 'bewertung-begruendung-fehlt');

      await page.getByRole('alert').getByRole('link').first().click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('scores.cooperation.comment');
      await comment.fill('Lokale Partner sind nur genannt, nicht eingebunden.');
      await page.getByRole('button', { name: 'Bewertung abschicken' }).click();
      const sealed = page.getByRole('table', { name: 'Abgeschickte Bewertungen' });
      await sealed.waitFor();
      await expectText(page.getByRole('status'), 'Sie haben Ihre Bewertung');
      expect(await sealed.getByRole('columnheader').allTextContents()).toEqual(['Kriterium', 'Ihre Bewertung', 'Gutachten 1']);
      await expectText(sealed.getByRole('row'), 'Lokale Partner sind nur genannt');
      await expectText(sealed.getByRole('row'), 'Schlüssig dargestellt.');
      await checkPage(page, title);

      await page.getByRole('link', { name: 'Zurück zu meinen Gutachten' }).click();
      await expectText(page.getByRole('row'), 'Bewertung abgeschickt');
      await checkPage(page, 'Meine Gutachten');
    },
    180_000,
  );

  browserTest('the second reviewer of the Leipzig concept declares a conflict and never sees the concept', () => b, async (page) => {
    const t = b.t;
    const [{ display_name: second, assignment }] = await t.db.query(
      `SELECT u.display_name, a.id AS assignment FROM review_assignments a JOIN users u ON u.id = a.reviewer_id WHERE a.case_id = $1 AND u.display_name <> 'jury-a'`,
      [leipzig],
    );
    await logIn(page, `${second}@sab.example`);
    await page.goto('/gutachten');
    await page.getByRole('link', { name: 'Makerspace Leipzig' }).click();
    const title = `Gutachten ${(await t.db.query('SELECT file_number FROM cases WHERE id = $1', [leipzig]))[0].file_number}`;
    await checkPage(page, title);
    await page.getByLabel('Ich bin befangen und gebe diese Projektskizze ab.').check();
    await page.getByRole('button', { name: 'Erklärung abgeben' }).click();
    await expectText(page.locator('#reason-fehler'), 'Bitte begründen Sie Ihre Befangenheit');
    await checkPage(page, title);
    await page.getByLabel('Grund der Befangenheit').fill('Ich berate die Stadt Leipzig bei der Digitalstrategie.');
    await page.getByRole('button', { name: 'Erklärung abgeben' }).click();
    await expectText(page.getByRole('status'), 'Sie haben für diese Projektskizze Befangenheit erklärt.');
    expect(await page.getByRole('heading', { name: 'Projektskizze' }).count()).toBe(0);
    await checkPage(page, title);
    // the API refuses the concept as well
    const refused = await t.request('GET', `/api/v1/reviews/assignments/${assignment}/concept`, { token: await t.login(`${second}@sab.example`) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CONFLICT_DECLARED');
  });

  browserTest('an approver sees the assignments and the ranking but is offered nothing to change', () => b, async (page) => {
    await logIn(page, 'freigabe@sab.example');
    await page.getByRole('link', { name: 'Jury' }).click();
    await page.getByRole('link', { name: /^Rangliste und Jury-Entscheidung: 2\. Förderaufruf FRL LIfD/ }).click();
    await page.getByRole('table', { name: 'Rangliste mit Förderlinie' }).waitFor();
    await checkPage(page, 'Rangliste: Aufruf 2026-1');
    expect(await page.getByRole('button', { name: 'Entscheidungen erfassen' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Gutachten zuweisen' }).click();
    await card(page, 'Makerspace Leipzig').waitFor();
    await checkPage(page, 'Gutachten zuweisen: Aufruf 2026-1');
    expect(await page.getByRole('button', { name: /zuweisen$/i }).count()).toBe(0);
  });

  browserTest('the caseworker sees the declared conflict, clears a disagreement, opens the ranking with its funding line and records the jury outcome', () => b, async (page) => {
    const t = b.t;
    // the Chemnitz concept's reviewers are far apart: 5 and 2 (spread 3 > 1,5)
    const onChemnitz = await t.db.query(`SELECT a.id, u.email FROM review_assignments a JOIN users u ON u.id = a.reviewer_id WHERE a.case_id = $1 ORDER BY u.email`, [chemnitz]);
    expect(onChemnitz).toHaveLength(2);
    for (const [i, a] of onChemnitz.entries()) {
      const token = await t.login(a.email);
      const scores = Object.fromEntries(CRITERIA.map(([code]) => [code, { score: i === 0 ? 5 : 2 }]));
      expect((await t.request('POST', `/api/v1/reviews/assignments/${a.id}/declaration`, { token, body: { conflict: false } })).status).toBe(200);
      expect((await t.request('PUT', `/api/v1/reviews/assignments/${a.id}/review`, { token, body: { version: 0, scores } })).status).toBe(200);
      expect((await t.request('POST', `/api/v1/reviews/assignments/${a.id}/review/submit`, { token })).status).toBe(200);
    }
    t.app.get(Clock).travelTo('2027-02-01T09:00:00+01:00'); // after the call's deadline, when the jury may decide
    await logIn(page, 'sb@sab.example');
    await page.goto('/jury/frl-lifd/2026-1/zuweisung');
    await expectText(card(page, 'Makerspace Leipzig').getByRole('listitem'), 'Befangenheit erklärt – Ich berate die Stadt Leipzig');
    await checkPage(page, 'Gutachten zuweisen: Aufruf 2026-1');
    await page.getByRole('link', { name: 'Rangliste', exact: true }).click();
    await checkPage(page, 'Rangliste: Aufruf 2026-1');

    const table = page.getByRole('table', { name: 'Rangliste mit Förderlinie' });
    const rows = table.getByRole('row');
    // header, Dresden (rank 1, score (4 + 3,7) / 2), Chemnitz (rank 2, (5 + 2) / 2), the funding line, Leipzig without rank
    await expectText(rows.nth(1), 'Digitalwerkstatt Dresden');
    expect(await rows.nth(1).getByRole('cell').first().textContent()).toBe('1');
    await expectText(rows.nth(1), '3,85');
    await expectText(rows.nth(2), 'Innovationsraum Chemnitz');
    await expectText(rows.nth(2), 'Gutachten weichen stark ab');
    await expectText(rows.nth(3), 'Förderlinie: Budget 5.000.000,00 €');
    await expectText(rows.nth(4), 'Makerspace Leipzig');
    await expectText(rows.nth(4), 'noch offen');
    await shot(page, 'rangliste-vor-entscheidung');

    // the disagreement is cleared with a note (an empty one is refused at its field)
    const chemnitzFile = (await t.db.query('SELECT file_number FROM cases WHERE id = $1', [chemnitz]))[0].file_number;
    await page.getByRole('button', { name: 'Klärung festhalten' }).click();
    await expectText(page.locator(`#klaerung-${chemnitz}-fehler`), `Bitte beschreiben Sie die Klärung zu ${chemnitzFile}`);
    await checkPage(page, 'Rangliste: Aufruf 2026-1');
    await page.getByLabel('Ergebnis der Klärung').fill('Im Jurygespräch erörtert; beide Bewertungen bleiben bestehen.');
    await page.getByRole('button', { name: 'Klärung festhalten' }).click();
    await page.getByRole('heading', { name: 'Abweichende Gutachten klären' }).waitFor({ state: 'detached' });
    expect(await rows.nth(2).textContent()).not.toContain('Gutachten weichen stark ab');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Rangliste als CSV herunterladen' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);

    const dresdenFile = (await t.db.query('SELECT file_number FROM cases WHERE id = $1', [dresden]))[0].file_number;
    await page.getByRole('group', { name: `${dresdenFile}: Digitalwerkstatt Dresden` }).getByLabel('Zur Antragstellung auffordern').check();
    const rejected = page.getByRole('group', { name: `${chemnitzFile}: Innovationsraum Chemnitz` });
    await rejected.getByLabel('Ablehnen').check();
    await page.getByRole('button', { name: 'Entscheidungen erfassen' }).click();
    await expectText(page.locator(`#grund-${chemnitz}-fehler`), 'Bitte begründen Sie die Ablehnung');
    await checkPage(page, 'Rangliste: Aufruf 2026-1');
    await rejected.getByLabel('Begründung der Ablehnung').fill('Die Jury hält das Betreiberkonzept für nicht tragfähig.');
    await page.getByRole('button', { name: 'Entscheidungen erfassen' }).click();
    await expectText(page.getByRole('status'), 'Die Entscheidung der Jury ist erfasst: 1 zur Antragstellung aufgefordert, 1 abgelehnt.');
    await expectText(rows.nth(1), 'Zur Antragstellung aufgefordert');
    await checkPage(page, 'Rangliste: Aufruf 2026-1');
    const states = await t.db.query('SELECT id, state FROM cases WHERE id = ANY($1)', [[dresden, chemnitz]]);
    expect(Object.fromEntries(states.map((r: { id: string; state: string }) => [r.id, r.state]))).toEqual({ [dresden]: 'invited', [chemnitz]: 'concept_rejected' });
  });
});
