import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { TEST_PASSWORD, TestApp } from './test-app';

/**
 * The browser UI against the whole service: the app of test-app.ts listening on a port of its own (46500-46599)
 * with the Vite build served, driven by Debian's Chromium through playwright-core. Every page a test visits is
 * checked with axe-core; a failing test leaves a screenshot in test-results/browser/ (CI keeps it).
 */
const ROOT = path.join(__dirname, '../..');
const WEB = path.join(ROOT, 'web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-results/browser');

export class BrowserApp {
  private constructor(
    readonly t: TestApp,
    readonly base: string,
    private readonly browser: Browser,
  ) {}

  static async start(opts: { env?: Record<string, string> } = {}): Promise<BrowserApp> {
    await ensureWebBuild();
    const port = await freePort(46500, 46599);
    const base = `http://localhost:${port}`;
    const t = await TestApp.start({ env: { PUBLIC_URL: base, ...opts.env } });
    try {
      await t.app.listen(port, '127.0.0.1');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--lang=de-DE', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run'],
      });
      return new BrowserApp(t, base, browser);
    } catch (e) {
      await t.close();
      throw e;
    }
  }

  /** A fresh browser profile (no cookies) with German settings. */
  async page(): Promise<Page> {
    const context = await this.browser.newContext({ baseURL: this.base, locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    return context.newPage();
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.t.close();
  }
}

/** A test with its own browser page: on failure a full-page screenshot is kept under the test's name. */
export function browserTest(name: string, app: () => BrowserApp, fn: (page: Page) => Promise<void>, timeoutMs = 60_000): void {
  it(
    name,
    async () => {
      const page = await app().page();
      try {
        await fn(page);
      } catch (e) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${fileName(name)}.png`), fullPage: true }).catch(() => undefined);
        throw e;
      } finally {
        await page.context().close();
      }
    },
    timeoutMs,
  );
}

/** Sends the log-in form; the caller waits for what follows (the start page, a refusal, the second factor). */
export async function submitLogIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** Logs in and waits for the page the log-in leads to: Meine Aufgaben, the start page (also after another's log-out). */
export async function logIn(page: Page, email: string, o: { password?: string } = {}): Promise<void> {
  await submitLogIn(page, email, o.password);
  await page.waitForURL('**/aufgaben');
}

/**
 * The page as it is now passes axe-core's WCAG 2.1 A and AA rules and has the title it should.
 * With BROWSER_SCREENSHOTS=1 each checked page is also saved, to look at.
 */
export async function checkPage(page: Page, title: string): Promise<void> {
  const expected = `${title} – Förderwerk`;
  const until = Date.now() + 10_000;
  while ((await page.title()) !== expected) {
    if (Date.now() > until) throw new Error(`expected the page title "${expected}", got "${await page.title()}" at ${page.url()}`);
    await page.waitForTimeout(50);
  }
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (process.env.BROWSER_SCREENSHOTS) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `seite-${fileName(title)}.png`), fullPage: true });
  }
  expect({ title, violations: violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })) }).toEqual({ title, violations: [] });
}

function fileName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9äöüß]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Builds web/dist when it is missing or older than its sources. Test files run in parallel workers: a lock
 * directory lets one build while the others wait, then they see a fresh build and skip.
 */
export async function ensureWebBuild(): Promise<void> {
  const lock = path.join(WEB, '.build-lock');
  const deadline = Date.now() + 180_000;
  while (isStale()) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} stayed for 3 minutes: remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (isStale()) execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(WEB, 'vite.config.mts'), '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe' });
    } finally {
      rmdirSync(lock);
    }
  }
}

function isStale(): boolean {
  const built = path.join(WEB, 'dist/index.html');
  if (!existsSync(built)) return true;
  const sources = [path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.mts'), ...filesUnder(path.join(WEB, 'src'))];
  const builtAt = statSync(built).mtimeMs;
  return sources.some((f) => statSync(f).mtimeMs > builtAt);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A port in the given range nobody listens on (the range keeps parallel checkouts apart). */
async function freePort(from: number, to: number): Promise<number> {
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}
