import { ensureWebBuild } from '../support/browser';
import { TestApp } from '../support/test-app';

// The browser UI shares the origin with the API: its fallback to index.html must never answer for the API,
// the operations endpoints or the server-rendered pages, and its page must run under the strict CSP.
describe('the browser UI served under /', () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureWebBuild();
    t = await TestApp.start();
  }, 180_000);
  afterAll(() => t?.close());

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('answers its index.html for its own routes, with a CSP that allows only its own scripts and fonts', async () => {
    for (const url of ['/', '/aufgaben', '/faelle/0b7e4c2a-0000-4000-8000-000000000000', '/gibt-es-nicht', `/invitation?token=${'x'.repeat(43)}`, '/password-reset']) {
      const res = await t.request('GET', url, { headers: html });
      expect({ url, status: res.status, type: res.headers['content-type'] }).toEqual({ url, status: 200, type: 'text/html; charset=utf-8' });
      expect(res.body).toContain('<html lang="de">');
      expect(res.headers['cache-control']).toBe(url.startsWith('/invitation') || url.startsWith('/password-reset') ? 'no-store' : 'no-cache');
    }
    const csp = String((await t.request('GET', '/', { headers: html })).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("font-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('serves the built files as immutable and never answers a missing one with the page', async () => {
    const index = (await t.request('GET', '/', { headers: html })).body as string;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1];
    const res = await t.request('GET', script);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.request('GET', '/assets/gibt-es-nicht.js', { headers: html })).status).toBe(404);
  });

  it('leaves the API, health, verification and operations to the server', async () => {
    const api = await t.request('GET', '/api/v1/gibt-es-nicht', { headers: html });
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.request('GET', '/health', { headers: html })).headers['content-type']).toContain('application/json');
    for (const url of ['/verify']) {
      const res = await t.request('GET', url, { headers: html });
      expect({ url, page: String(res.body).includes('id="root"') }).toEqual({ url, page: false });
    }
    for (const url of ['/metrics/gibt-es-nicht', '/admin/queues/gibt-es-nicht', '/healthz']) expect((await t.request('GET', url, { headers: html })).status).toBe(404);
  });

  it('leaves the mail-link pages to the server-rendered fallback for a client that does not ask for HTML, and for their form posts', async () => {
    const res = await t.request('GET', '/invitation');
    expect(res.status).toBe(404);
    expect(String(res.body)).toContain('Dieser Link ist unvollständig');
    const posted = await t.request('POST', '/password-reset', { headers: html, body: {} });
    expect(String(posted.body)).toContain('Dieser Link ist unvollständig');
  });

  it('answers a client that does not ask for HTML (an API client with a wrong path) with the JSON 404', async () => {
    const res = await t.request('GET', '/aufgaben', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
