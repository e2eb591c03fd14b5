import type { ParsedMail } from 'mailparser';
import { Secret, TOTP } from 'otpauth';
import { TestApp, TEST_PASSWORD } from '../support/test-app';

const WEAK = ['Passwort1234', 'passwordpassword'];

function tokenIn(mail: ParsedMail): string {
  const link = /https?:\/\/\S+/.exec(mail.text ?? '')![0];
  return new URL(link).searchParams.get('token')!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('accounts: password rules, change password, deactivation', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    adminId = await t.createUser('admin@agency.example', ['admin']);
    admin = await t.login('admin@agency.example');
  });
  afterAll(() => t.close());

  it('refuses weak passwords when an invitation is accepted, through the API and the page', async () => {
    const email = 'erika.musterfrau@agency.example';
    const invited = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email, displayName: 'Erika Musterfrau', roles: ['caseworker'] } });
    expect(invited.status).toBe(201);
    const token = tokenIn((await t.smtp.waitFor(email))[0]);
    const accept = (password: string) => t.request('POST', '/api/v1/auth/invitations/accept', { body: { token, password } });
    for (const weak of WEAK) {
      const res = await accept(weak);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('PASSWORD_REJECTED');
      expect(res.body.details.problems.map((p: { code: string }) => p.code)).toContain('PASSWORD_TOO_COMMON');
    }
    const own = await accept(email);
    expect(own.status).toBe(400);
    expect(own.body.details.problems).toEqual([expect.objectContaining({ code: 'PASSWORD_CONTAINS_ACCOUNT_DATA', field: 'password' })]);
    const short = await accept('kurz-123');
    expect(short.body.details.problems.map((p: { code: string }) => p.code)).toContain('PASSWORD_TOO_SHORT');
    // the page applies the same rules
    const page = await t.request('POST', '/invitation', {
      body: new URLSearchParams({ token, password: 'Passwort1234', passwordRepeat: 'Passwort1234' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(400);
    expect(page.body).toContain('zu verbreitet');
    const [{ status }] = await t.db.query('SELECT status FROM users WHERE email = $1', [email]);
    expect(status).toBe('invited');
    expect((await accept('ein-wirklich-gutes-passwort')).status).toBe(200);
  });

  it('refuses weak passwords at password reset', async () => {
    const email = 'vergesslich@agency.example';
    await t.createUser(email, ['reviewer']);
    await t.request('POST', '/api/v1/auth/password-reset', { body: { email } });
    const token = tokenIn((await t.smtp.waitFor(email))[0]);
    for (const weak of [...WEAK, email, 'VERGESSLICH-2024-xyz']) {
      const res = await t.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: weak } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('PASSWORD_REJECTED');
    }
    const page = await t.request('POST', '/password-reset', {
      body: new URLSearchParams({ token, password: email, passwordRepeat: email }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(400);
    expect(page.body).toContain('E-Mail-Adresse');
    expect((await t.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'wieder-erinnert-2026' } })).status).toBe(200);
  });

  it('changes the password with the current one; other sessions end; audited', async () => {
    const email = 'wechsel@agency.example';
    await t.createUser(email, ['caseworker']);
    const other = await t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
    const mine = await t.login(email);
    await sleep(1100); // access tokens carry whole seconds
    const change = (body: object, token = mine) => t.request('POST', '/api/v1/auth/password', { token, body });

    const wrong = await change({ currentPassword: 'falsch-falsch-falsch', newPassword: 'ganz-neues-passwort-2026' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'Passwort1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('PASSWORD_REJECTED');
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'x' }, '')).status).toBe(401);

    const ok = await change({ currentPassword: TEST_PASSWORD, newPassword: 'ganz-neues-passwort-2026' });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
    // the new session works; the other one (access and refresh token) has ended
    expect((await t.request('GET', '/api/v1/auth/me', { token: ok.body.accessToken })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token: other.body.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email, password: 'ganz-neues-passwort-2026' } })).status).toBe(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.password_changed'`);
    expect(n).toBe(1);
  });

  it('deactivates a user: the existing token is refused at the next request, refresh and login fail; audited; not oneself', async () => {
    const email = 'geht@agency.example';
    const id = await t.createUser(email, ['caseworker']);
    const session = await t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect((await t.request('GET', '/api/v1/auth/me', { token: session.body.accessToken })).status).toBe(200);
    const caseworker = await t.login(email);
    await sleep(1100); // access tokens carry whole seconds (for the check after reactivation)

    const noReason = await t.request('POST', `/api/v1/users/${id}/deactivate`, { token: admin, body: {} });
    expect(noReason.status).toBe(400);
    const self = await t.request('POST', `/api/v1/users/${adminId}/deactivate`, { token: admin, body: { reason: 'Versehen' } });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    expect((await t.request('POST', `/api/v1/users/${id}/deactivate`, { token: caseworker, body: { reason: 'Versuch' } })).status).toBe(403);

    const done = await t.request('POST', `/api/v1/users/${id}/deactivate`, { token: admin, body: { reason: 'Ausgeschieden zum 30.11.' } });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('disabled');
    // the very next request with the token issued before is refused (same second included: the user is re-read)
    expect((await t.request('GET', '/api/v1/auth/me', { token: session.body.accessToken })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { token: caseworker })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.body.refreshToken } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } })).status).toBe(401);
    const again = await t.request('POST', `/api/v1/users/${id}/deactivate`, { token: admin, body: { reason: 'nochmal' } });
    expect(again.body.code).toBe('USER_ALREADY_DISABLED');
    const [entry] = await t.db.query(`SELECT actor_id, data FROM audit_entries WHERE action = 'user.deactivated'`);
    expect(entry).toMatchObject({ actor_id: adminId, data: expect.objectContaining({ reason: 'Ausgeschieden zum 30.11.' }) });

    const back = await t.request('POST', `/api/v1/users/${id}/reactivate`, { token: admin, body: { reason: 'Doch geblieben' } });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('active');
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } })).status).toBe(200);
    // the old token stays ended
    expect((await t.request('GET', '/api/v1/auth/me', { token: session.body.accessToken })).status).toBe(401);
  });
});

describe('accounts: TOTP as a second factor (TOTP_REQUIRED_ROLES=approver,admin)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ env: { TOTP_REQUIRED_ROLES: 'approver,admin' } });
  });
  afterAll(() => t.close());

  const login = (email: string, totp?: string) => t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD, ...(totp !== undefined ? { totp } : {}) } });

  it('a user with a required role logs in only to enrol; after confirming, login needs a fresh code, used once', async () => {
    const email = 'zeichnet@agency.example';
    await t.createUser(email, ['approver']);
    const first = await login(email);
    expect(first.status).toBe(200);
    expect(first.body.totpEnrolmentRequired).toBe(true);
    const token = first.body.accessToken;
    const blocked = await t.request('GET', '/api/v1/me/tasks', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('TOTP_ENROLMENT_REQUIRED');
    const me = await t.request('GET', '/api/v1/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.totpEnrolmentRequired).toBe(true); // how a client learns it after a silent sign-in

    const enrol = await t.request('POST', '/api/v1/auth/totp/enrol', { token });
    expect(enrol.status).toBe(200);
    expect(enrol.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*[?&]secret=[A-Z2-7]+.*/);
    expect(enrol.body.otpauthUri).toContain('digits=6');
    expect(enrol.body.otpauthUri).toContain('period=30');
    const [stored] = await t.db.query('SELECT totp_pending_secret FROM users WHERE email = $1', [email]);
    expect(stored.totp_pending_secret).not.toContain(enrol.body.secret); // encrypted at rest
    const code = (offsetSteps = 0) => TOTP.generate({ secret: Secret.fromBase32(enrol.body.secret), timestamp: Date.now() + offsetSteps * 30_000 });

    const wrong = await t.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: code(5) } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('TOTP_INVALID');
    const confirmCode = code();
    const confirmed = await t.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: confirmCode } });
    expect(confirmed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/me/tasks', { token })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token })).body.totpEnrolmentRequired).toBe(false);
    const again = await t.request('POST', '/api/v1/auth/totp/enrol', { token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TOTP_ALREADY_ENABLED');
    expect(again.body.secret).toBeUndefined();

    const missing = await login(email);
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('TOTP_REQUIRED');
    const wrongPassword = await t.request('POST', '/api/v1/auth/login', { body: { email, password: 'falsch-falsch-falsch' } });
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS'); // the code is asked for only after the password
    expect((await login(email, code(5))).body.code).toBe('TOTP_INVALID');
    // the confirming code's step is spent
    expect((await login(email, confirmCode)).body.code).toBe('TOTP_INVALID');
    const next = code(1); // within the ±1 step window
    const ok = await login(email, next);
    expect(ok.status).toBe(200);
    expect(ok.body.totpEnrolmentRequired).toBeUndefined();
    const reused = await login(email, next);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('TOTP_INVALID');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.totp_enabled'`);
    expect(n).toBe(1);
  });

  it('roles that do not need it log in with the password alone', async () => {
    await t.createUser('bearbeitet@agency.example', ['caseworker']);
    const res = await login('bearbeitet@agency.example');
    expect(res.status).toBe(200);
    expect(res.body.totpEnrolmentRequired).toBeUndefined();
    expect((await t.request('GET', '/api/v1/me/tasks', { token: res.body.accessToken })).status).toBe(200);
  });
});
