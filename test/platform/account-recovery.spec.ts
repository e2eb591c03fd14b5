import type { ParsedMail } from 'mailparser';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AccountMailer } from '../../src/platform/accounts/account-mailer';
import { DemoSeed } from '../../src/platform/accounts/demo-seed';
import { TestApp, TEST_PASSWORD } from '../support/test-app';

/** The one link in a mail, as a path this app answers (PUBLIC_URL points at this service). */
function linkIn(t: TestApp, mail: ParsedMail): string {
  const links = (mail.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  const [link] = links as [string];
  expect(link.startsWith(`${t.config.publicUrl}/`)).toBe(true);
  const url = new URL(link);
  return url.pathname + url.search;
}

/** Opens the page behind a mail link and submits its form the way a browser without JavaScript does. */
async function setPasswordThroughPage(t: TestApp, link: string, password: string, repeat = password) {
  const page = await t.request('GET', link);
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*form-action 'self'/);
  expect(page.headers['cache-control']).toBe('no-store');
  const html = String(page.body);
  expect(html).toContain('<html lang="de">');
  expect(html).toMatch(/<label for="password">/);
  expect(html).not.toMatch(/<script/);
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  const token = /<input type="hidden" name="token" value="([^"]+)">/.exec(html)?.[1];
  expect(action).toBe(link.split('?')[0]);
  return t.request('POST', action!, {
    body: new URLSearchParams({ token: token!, password, passwordRepeat: repeat }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function loginStatus(t: TestApp, email: string, password: string): Promise<number> {
  return (await t.request('POST', '/api/v1/auth/login', { body: { email, password } })).status;
}

describe('mail links open pages that work; invitations can be renewed', () => {
  let t: TestApp;
  let admin: string;
  let org: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.createUser('admin@agency.example', ['admin']);
    admin = await t.login('admin@agency.example');
    org = await t.createOrganisation('Stadt Mittweida', '14522360');
  });
  afterAll(() => t.close());

  it('the browser UI checks a link token through the API before asking for the password (404 unknown, 410 used, 400 malformed)', async () => {
    await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'pruefen@mittweida.de', displayName: 'Paula Prüfen', roles: ['applicant'], organisationId: org } });
    const token = new URLSearchParams(linkIn(t, (await t.smtp.waitFor('pruefen@mittweida.de'))[0]).split('?')[1]).get('token');
    const check = (path: string, body: unknown) => t.request('POST', `/api/v1/auth/${path}/check`, { body });
    expect((await check('invitations', { token })).status).toBe(204);
    expect((await check('invitations', { token: 'x'.repeat(43) })).body.code).toBe('INVITATION_NOT_FOUND');
    expect((await check('invitations', { token: 'kurz' })).status).toBe(400);
    expect((await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token, password: 'gruene-wiese-unter-2026' } })).status).toBe(200);
    const used = await check('invitations', { token });
    expect({ status: used.status, code: used.body.code }).toEqual({ status: 410, code: 'INVITATION_USED' });

    await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'pruefen@mittweida.de' } });
    const mails = await t.smtp.waitFor('pruefen@mittweida.de', 2);
    const reset = new URLSearchParams(linkIn(t, mails[mails.length - 1]).split('?')[1]).get('token');
    expect((await check('password-reset', { token: reset })).status).toBe(204);
    const unknown = await check('password-reset', { token: 'y'.repeat(43) });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'PASSWORD_RESET_NOT_FOUND' });
  });

  it('the invitation link opens a German form; posting it sets the password; the user logs in', async () => {
    await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'seite@mittweida.de', displayName: 'Seite <Test>', roles: ['applicant'], organisationId: org } });
    const [mail] = await t.smtp.waitFor('seite@mittweida.de');
    expect(mail.subject).toBe('Einladung zu Förderwerk');
    expect(mail.text).toMatch(/gilt bis \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr\./);
    const link = linkIn(t, mail);
    expect(link).toMatch(/^\/invitation\?token=[A-Za-z0-9_-]{43}$/);

    const short = await setPasswordThroughPage(t, link, 'kurz');
    expect(short.status).toBe(400);
    expect(short.body).toContain('aria-invalid="true"');
    expect(short.body).toContain('mindestens 12 Zeichen');
    const mismatch = await setPasswordThroughPage(t, link, 'ein-langes-passwort-1', 'ein-anderes-passwort-1');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('stimmen nicht überein');

    // a value that reaches the page is escaped
    const forged = await t.request('POST', '/invitation', {
      body: new URLSearchParams({ token: '"><script>alert(1)</script>', password: 'x' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(404);
    expect(forged.body).not.toContain('<script');

    const done = await setPasswordThroughPage(t, link, 'blaue-wolke-ueber-2026');
    expect(done.status).toBe(200);
    expect(done.body).toContain('Konto aktiv');
    expect(await loginStatus(t, 'seite@mittweida.de', 'blaue-wolke-ueber-2026')).toBe(200);

    const again = await t.request('GET', link);
    expect(again.status).toBe(410);
    expect(again.body).toContain('bereits angenommen');
    expect((await t.request('GET', '/invitation')).status).toBe(404);
    expect((await t.request('GET', `/invitation?token=${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('renews an expired invitation through the outbox; the old link stops working, the new one works', async () => {
    const invite = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'erneut@mittweida.de', displayName: 'Erna Erneut', roles: ['applicant'], organisationId: org } });
    const userId = invite.body.userId;
    const [first] = await t.smtp.waitFor('erneut@mittweida.de');
    const oldLink = linkIn(t, first);
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [userId]);
    expect((await t.request('GET', oldLink)).status).toBe(410);

    // inviting the same address again points at the renewal instead of a bare 409
    const twice = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'Erneut@mittweida.de', displayName: 'Erna Erneut', roles: ['applicant'], organisationId: org } });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'USER_ALREADY_INVITED', details: { userId } });

    const renewed = await t.request('POST', `/api/v1/users/${userId}/invitation`, { token: admin });
    expect(renewed.status).toBe(201);

    expect(renewed.body).toMatchObject({ userId, email: 'erneut@mittweida.de', expiresAt: expect.any(String) });
    const [, second] = await t.smtp.waitFor('erneut@mittweida.de', 2);
    expect(second.subject).toBe('Erneute Einladung zu Förderwerk');
    const newLink = linkIn(t, second);
    expect(newLink).not.toBe(oldLink);

    // renewing once more revokes the second link too
    await t.request('POST', `/api/v1/users/${userId}/invitation`, { token: admin });
    const [, , third] = await t.smtp.waitFor('erneut@mittweida.de', 3);
    const revoked = await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token: new URLSearchParams(newLink.split('?')[1]).get('token'), password: 'gruene-wiese-unter-2026' } });
    expect(revoked.status).toBe(410);
    expect(revoked.body.code).toBe('INVITATION_REVOKED');
    const revokedPage = await t.request('GET', newLink);
    expect(revokedPage.status).toBe(410);
    expect(revokedPage.body).toContain('neuere ersetzt');

    const done = await setPasswordThroughPage(t, linkIn(t, third), 'gruene-wiese-unter-2026');
    expect(done.status).toBe(200);
    expect(await loginStatus(t, 'erneut@mittweida.de', 'gruene-wiese-unter-2026')).toBe(200);

    const active = await t.request('POST', `/api/v1/users/${userId}/invitation`, { token: admin });
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('USER_ALREADY_ACTIVE');
    expect((await t.request('POST', `/api/v1/users/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/invitation`, { token: admin })).body.code).toBe('USER_NOT_FOUND');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.invitation_renewed' AND entity_id = $1`, [userId]);
    expect(n).toBe(2);
  });

  it('the link-mail job mints the token when sending: a repeated job keeps the sent link, a revoked invitation gets no mail', async () => {
    const invite = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'job@mittweida.de', displayName: 'Job', roles: ['applicant'], organisationId: org } });
    const [mail] = await t.smtp.waitFor('job@mittweida.de');
    const [{ id: outboxId, payload }] = await t.db.query(`SELECT id, payload FROM outbox WHERE job_name = 'account.link-mail' AND payload->>'to' = 'job@mittweida.de'`);
    expect(Object.keys(payload).sort()).toEqual(['id', 'kind', 'to']);
    const mailer = t.app.get(AccountMailer);
    await mailer.handle(payload, { outboxId, attempt: 2 });
    const link = linkIn(t, mail);
    expect((await t.request('GET', link)).status).toBe(200);

    await t.db.query(`UPDATE invitations SET revoked_at = now() WHERE user_id = $1`, [invite.body.userId]);
    await mailer.handle(payload, { outboxId: '00000000-0000-4000-8000-000000000001', attempt: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.smtp.to('job@mittweida.de')).toHaveLength(1);
  });

  it('only admins renew invitations', async () => {
    await t.createUser('sb@agency.example', ['caseworker']);
    const caseworker = await t.login('sb@agency.example');
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = 'seite@mittweida.de'`);
    const res = await t.request('POST', `/api/v1/users/${id}/invitation`, { token: caseworker });
    expect(res.status).toBe(403);
  });
});

describe('forgot password', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.createUser('vergesslich@agency.example', ['caseworker']);
  });
  afterAll(() => t.close());

  it('answers an unknown address exactly like a known one, and mails nothing to it', async () => {
    const known = await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'vergesslich@agency.example' } });
    const unknown = await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'niemand@agency.example' } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await t.smtp.waitFor('vergesslich@agency.example');
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.to('niemand@agency.example')).toHaveLength(0);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM password_resets');
    expect(n).toBe(1);
  });

  it('takes about as long for an unknown address as for a known one', async () => {
    const time = async (email: string) => {
      const start = process.hrtime.bigint();
      await t.request('POST', '/api/v1/auth/password-reset', { body: { email } });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known = await time('vergesslich@agency.example');
    const unknown = await time('keiner@agency.example');
    expect(Math.abs(known - unknown)).toBeLessThan(150);
  });

  it('the link from the mail (through the outbox) sets a new password once; the old password and every session end', async () => {
    const session = await t.request('POST', '/api/v1/auth/login', { body: { email: 'vergesslich@agency.example', password: TEST_PASSWORD } });
    expect(session.status).toBe(200);
    const mails = await t.smtp.waitFor('vergesslich@agency.example', 2);
    const mail = mails[mails.length - 1];
    expect(mail.subject).toBe('Passwort für Förderwerk neu festlegen');
    expect(mail.text).toMatch(/gilt bis \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr/);
    const link = linkIn(t, mail);
    expect(link).toMatch(/^\/password-reset\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URLSearchParams(link.split('?')[1]).get('token')!;
    // only the token's SHA-256 is kept anywhere: not in the outbox, not in a job
    const [{ stored }] = await t.db.query('SELECT token_hash AS stored FROM password_resets ORDER BY created_at DESC LIMIT 1');
    expect(stored).toBe(createHash('sha256').update(token).digest('hex'));
    const outbox = await t.db.query(`SELECT job_name, payload::text AS payload FROM outbox`);
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.some((o: { payload: string }) => o.payload.includes(token) || o.payload.includes('token='))).toBe(false);

    const done = await setPasswordThroughPage(t, link, 'wieder-erinnert-2026');
    expect(done.status).toBe(200);
    expect(await loginStatus(t, 'vergesslich@agency.example', 'wieder-erinnert-2026')).toBe(200);
    expect(await loginStatus(t, 'vergesslich@agency.example', TEST_PASSWORD)).toBe(401);
    const refresh = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.body.refreshToken } });
    expect(refresh.status).toBe(401);

    // every link of the user is spent now, also the first one
    const firstLink = linkIn(t, mails[0]);
    const used = await t.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token: new URLSearchParams(firstLink.split('?')[1]).get('token'), password: 'noch-ein-passwort-1' } });
    expect(used.status).toBe(410);
    expect(used.body.code).toBe('PASSWORD_RESET_USED');
    expect((await t.request('GET', link)).status).toBe(410);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.password_reset'`);
    expect(n).toBe(1);
  });

  it('refuses an expired link with 410 and an unknown one with 404, through the API', async () => {
    await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'vergesslich@agency.example' } });
    const mails = await t.smtp.waitFor('vergesslich@agency.example', 3);
    const token = new URLSearchParams(linkIn(t, mails[mails.length - 1]).split('?')[1]).get('token');
    await t.db.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const expired = await t.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'zu-spaet-passwort-1' } });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('PASSWORD_RESET_EXPIRED');
    const unknown = await t.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token: 'y'.repeat(43), password: 'unbekannt-passwort-1' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PASSWORD_RESET_NOT_FOUND');
  });

  it('mails nothing to an invited or disabled account', async () => {
    await t.db.query(`INSERT INTO users (email, display_name, roles, status) VALUES ('eingeladen@agency.example', 'E', '{reviewer}', 'invited')`);
    const res = await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'eingeladen@agency.example' } });
    expect(res.status).toBe(202);
    await new Promise((r) => setTimeout(r, 400));
    expect(t.smtp.to('eingeladen@agency.example')).toHaveLength(0);
  });

  it('throttles requests like logins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < t.config.loginRateLimit + 1; i++) {
      statuses.push((await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'flut@agency.example' } })).status);
    }
    expect(statuses.slice(0, t.config.loginRateLimit).every((s) => s === 202)).toBe(true);
    const last = await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'flut@agency.example' } });
    expect(last.status).toBe(429);
    expect(last.body.code).toBe('TOO_MANY_PASSWORD_RESET_REQUESTS');
  }, 30_000);
});

describe('refresh tokens: rotation and reuse detection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ env: { LOGIN_RATE_LIMIT: '100' } });
    await t.createUser('sitzung@agency.example', ['caseworker']);
  });
  afterAll(() => t.close());

  const login = () => t.request('POST', '/api/v1/auth/login', { body: { email: 'sitzung@agency.example', password: TEST_PASSWORD } });
  const refresh = (refreshToken: string) => t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

  it('login answers an access and a refresh token, also as an httpOnly cookie; only its hash is stored', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), refreshExpiresIn: 14 * 86400 });
    expect(res.headers['set-cookie']).toBe(`fw_refresh=${res.body.refreshToken}; Path=/api/v1/auth; Max-Age=${14 * 86400}; HttpOnly; Secure; SameSite=Strict`);
    const rows = await t.db.query('SELECT token_hash, family_id, parent_id, used_at, revoked_at, expires_at FROM refresh_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ parent_id: null, used_at: null, revoked_at: null });
    expect(rows[0].token_hash).not.toContain(res.body.refreshToken);
  });

  it('rotates: each refresh answers a working access token and a new refresh token in the same family', async () => {
    const first = await login();
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await t.request('GET', '/api/v1/auth/me', { token: second.body.accessToken })).body.email).toBe('sitzung@agency.example');
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    const families = await t.db.query('SELECT DISTINCT family_id FROM refresh_tokens WHERE created_at >= (SELECT max(created_at) FROM refresh_tokens WHERE parent_id IS NULL)');
    expect(families).toHaveLength(1);
    const chain = await t.db.query('SELECT id, parent_id, used_at FROM refresh_tokens WHERE family_id = $1 ORDER BY created_at', [families[0].family_id]);
    expect(chain).toHaveLength(3);
    expect(chain[1].parent_id).toBe(chain[0].id);
    expect(chain[2].parent_id).toBe(chain[1].id);
    expect(chain.map((c: { used_at: Date | null }) => c.used_at !== null)).toEqual([true, true, false]);
  });

  it('a refresh token presented twice ends the whole family: the reused one and the newest both fail', async () => {
    const victim = await login();
    const stolen = victim.body.refreshToken;
    const rotated = await refresh(stolen); // the owner refreshes
    expect(rotated.status).toBe(200);
    const other = await login(); // another device, another family

    const reuse = await refresh(stolen); // the thief replays the old token
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    const newest = await refresh(rotated.body.refreshToken);
    expect(newest.status).toBe(401);
    expect(newest.body.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await refresh(stolen)).status).toBe(401);

    expect((await refresh(other.body.refreshToken)).status).toBe(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'session.refresh_token_reused'`);
    expect(n).toBe(1);
  });

  it('takes the refresh token from the cookie when the body has none', async () => {
    const first = await login();
    const res = await t.request('POST', '/api/v1/auth/refresh', { body: {}, headers: { cookie: `other=1; fw_refresh=${first.body.refreshToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toContain(`fw_refresh=${res.body.refreshToken};`);
    const none = await t.request('POST', '/api/v1/auth/refresh', { body: {} });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('REFRESH_TOKEN_REQUIRED');
    expect((await refresh('z'.repeat(43))).body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('refuses an expired refresh token', async () => {
    const first = await login();
    await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL AND revoked_at IS NULL`);
    const res = await refresh(first.body.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('REFRESH_TOKEN_EXPIRED');
  });

  it('logout ends the family; logout-all ends every session of the user', async () => {
    const a = await login();
    const a2 = await refresh(a.body.refreshToken);
    const out = await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: a2.body.refreshToken } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ revokedSessions: 1 });
    expect(out.headers['set-cookie']).toMatch(/^fw_refresh=; Path=\/api\/v1\/auth; Max-Age=0/);
    expect((await refresh(a2.body.refreshToken)).status).toBe(401);

    const b = await login();
    const c = await login();
    expect((await t.request('GET', '/api/v1/auth/me', { token: c.body.accessToken })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // access tokens carry their issue time in whole seconds
    const all = await t.request('POST', '/api/v1/auth/logout-all', { token: b.body.accessToken });
    expect(all.status).toBe(200);
    // access tokens issued before end too, not only refresh tokens; a new login works at once
    expect((await t.request('GET', '/api/v1/auth/me', { token: c.body.accessToken })).status).toBe(401);
    const fresh = await login();
    expect((await t.request('GET', '/api/v1/auth/me', { token: fresh.body.accessToken })).status).toBe(200);
    await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: fresh.body.refreshToken } });
    expect(all.body.revokedSessions).toBeGreaterThanOrEqual(2);
    expect((await refresh(b.body.refreshToken)).status).toBe(401);
    expect((await refresh(c.body.refreshToken)).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/logout-all')).status).toBe(401);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NULL`);
    expect(n).toBe(0);
  });

  it('a disabled user cannot refresh', async () => {
    const s = await login();
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE email = 'sitzung@agency.example'`);
    try {
      expect((await refresh(s.body.refreshToken)).body.code).toBe('REFRESH_TOKEN_INVALID');
    } finally {
      await t.db.query(`UPDATE users SET status = 'active' WHERE email = 'sitzung@agency.example'`);
    }
  });
});

describe('the platform’s mail wording is configuration', () => {
  it('a missing text block stops the start, naming file and key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fw-texts-'));
    await writeFile(path.join(dir, 'platform.yaml'), 'mailInvitationSubject: Einladung\nmailInvitationBody: "{link}"\n');
    await expect(TestApp.start({ env: { TEXTS_DIR: dir } })).rejects.toThrow(/platform\.yaml: \/mailInvitationRenewedSubject: text block is missing/);
  });

  it('the demo seed gives Stadt Mittweida its address and a contact', async () => {
    const t = await TestApp.start();
    try {
      await t.app.get(DemoSeed).run();
      await t.app.get(DemoSeed).run();
      const admin = await t.login('admin@demo.example', t.config.demoPassword);
      const orgs = await t.request('GET', '/api/v1/organisations', { token: admin });
      expect(orgs.body).toEqual([
        expect.objectContaining({ name: 'Stadt Mittweida', ags: '14522360', street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida', country: 'DE', contactName: expect.any(String), contactEmail: expect.any(String) }),
      ]);
    } finally {
      await t.close();
    }
  });
});
