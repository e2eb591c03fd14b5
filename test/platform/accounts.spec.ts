import { TestApp, TEST_PASSWORD } from '../support/test-app';

describe('accounts: admin invites, the invitee sets a password and logs in', () => {
  let t: TestApp;
  let admin: string;
  let mittweida: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.createUser('admin@agency.example', ['admin']);
    admin = await t.login('admin@agency.example');
  });
  afterAll(() => t.close());

  it('creates a municipality with a valid AGS', async () => {
    const res = await t.request('POST', '/api/v1/organisations', { token: admin, body: { name: 'Stadt Mittweida', kind: 'municipality', ags: '14522360' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Stadt Mittweida', kind: 'municipality', ags: '14522360', district: '14522' });
    mittweida = res.body.id;
  });

  it('refuses an invalid AGS, a missing AGS and a duplicate, writing nothing', async () => {
    const bad = await t.request('POST', '/api/v1/organisations', { token: admin, body: { name: 'Nirgendwo', kind: 'municipality', ags: '99000000' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 'AGS_INVALID', message: expect.stringMatching(/state code/), details: { field: 'ags' } });
    const missing = await t.request('POST', '/api/v1/organisations', { token: admin, body: { name: 'Ohne Schlüssel', kind: 'municipality' } });
    expect(missing.body.code).toBe('AGS_REQUIRED');
    const dup = await t.request('POST', '/api/v1/organisations', { token: admin, body: { name: 'Doppelt', kind: 'municipality', ags: '14522360' } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('AGS_TAKEN');
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM organisations');
    expect(count).toBe(1);
  });

  it('invites a user; the mail arrives at the SMTP server; the link sets the password; the user logs in', async () => {
    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: { email: 'k.schmidt@mittweida.de', displayName: 'Karin Schmidt', roles: ['applicant'], organisationId: mittweida },
    });
    expect(invite.status).toBe(201);
    expect(invite.body).not.toHaveProperty('token');

    const [mail] = await t.smtp.waitFor('k.schmidt@mittweida.de');
    expect(mail.subject).toBe('Einladung zu Förderwerk');
    const token = /invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(token).toBeDefined();

    const before = await t.request('POST', '/api/v1/auth/login', { body: { email: 'k.schmidt@mittweida.de', password: 'neues-passwort-2026' } });
    expect(before.status).toBe(401);

    const accept = await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token, password: 'neues-passwort-2026' } });
    expect(accept.status).toBe(200);
    expect(accept.body).toMatchObject({ email: 'k.schmidt@mittweida.de', roles: ['applicant'], organisationId: mittweida, status: 'active' });

    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: 'K.Schmidt@Mittweida.de', password: 'neues-passwort-2026' } });
    expect(login.status).toBe(200);
    const me = await t.request('GET', '/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.body).toMatchObject({ email: 'k.schmidt@mittweida.de', displayName: 'Karin Schmidt' });

    const again = await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token, password: 'noch-ein-passwort-1' } });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('INVITATION_USED');

    const [{ hash }] = await t.db.query(`SELECT password_hash AS hash FROM users WHERE email = 'k.schmidt@mittweida.de'`);
    expect(hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses an expired invitation link', async () => {
    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: { email: 'spaet@mittweida.de', displayName: 'Zu Spät', roles: ['applicant'], organisationId: mittweida },
    });
    const [mail] = await t.smtp.waitFor('spaet@mittweida.de');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [invite.body.userId]);
    const res = await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token, password: 'zu-spaet-passwort' } });
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ code: 'INVITATION_EXPIRED', message: expect.any(String) });
    const [{ status }] = await t.db.query('SELECT status FROM users WHERE id = $1', [invite.body.userId]);
    expect(status).toBe('invited');
  });

  it('refuses an unknown token (the password rules: test/platform/account-security.spec.ts)', async () => {
    expect((await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token: 'x'.repeat(43), password: 'lang-genug-passwort' } })).body.code).toBe('INVITATION_NOT_FOUND');
    const long = await t.request('POST', '/api/v1/auth/invitations/accept', { body: { token: 'x'.repeat(43), password: 'x'.repeat(1001) } });
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses an invitation for an e-mail address that exists already, and an applicant without organisation', async () => {
    const dup = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'ADMIN@agency.example', displayName: 'Zweiter', roles: ['caseworker'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
    const noOrg = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'neu@x.example', displayName: 'Neu', roles: ['applicant'] } });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.code).toBe('ORGANISATION_REQUIRED');
  });

  it('answers a wrong password with 401, the same as an unknown user', async () => {
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { email: 'admin@agency.example', password: 'falsch-falsch' } });
    const unknown = await t.request('POST', '/api/v1/auth/login', { body: { email: 'niemand@agency.example', password: 'falsch-falsch' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'E-mail address or password is wrong.' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses an applicant on an admin endpoint with 403', async () => {
    const other = await t.createOrganisation('Stadt Leipzig', '14713000');
    await t.createUser('antrag@leipzig.de', ['applicant'], other);
    const applicant = await t.login('antrag@leipzig.de');
    const res = await t.request('POST', '/api/v1/users/invitations', { token: applicant, body: { email: 'x@y.example', displayName: 'X Y', roles: ['admin'] } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', details: { requiredRoles: ['admin'] } });
    expect((await t.request('GET', '/api/v1/users', { token: applicant })).status).toBe(403);
  });

  it('refuses unknown body fields with 400 and writes nothing', async () => {
    const res = await t.request('POST', '/api/v1/organisations', { token: admin, body: { name: 'Stadt Chemnitz', kind: 'municipality', ags: '14511000', budget: 1 } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The request has invalid or unknown fields.',
      details: { problems: [{ code: 'FIELD_UNKNOWN', field: 'budget', message: 'property budget should not exist', constraint: 'whitelistValidation' }] },
    });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM organisations WHERE ags = '14511000'`);
    expect(count).toBe(0);
  });

  it("answers another organisation's record with 404, and lists only the applicant's own", async () => {
    const dresden = await t.createOrganisation('Landeshauptstadt Dresden', '14612000');
    await t.createUser('antrag@dresden.de', ['applicant'], dresden);
    const applicant = await t.login('antrag@dresden.de');
    const own = await t.request('GET', `/api/v1/organisations/${dresden}`, { token: applicant });
    expect(own.status).toBe(200);
    const foreign = await t.request('GET', `/api/v1/organisations/${mittweida}`, { token: applicant });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    const list = await t.request('GET', '/api/v1/organisations', { token: applicant });
    expect(list.body.map((o: { id: string }) => o.id)).toEqual([dresden]);
  });

  it('refuses requests without a token, with a forged token, with alg none and with an expired token', async () => {
    expect((await t.request('GET', '/api/v1/auth/me')).body.code).toBe('AUTHENTICATION_REQUIRED');
    const [h, p] = admin.split('.');
    expect((await t.request('GET', '/api/v1/auth/me', { token: `${h}.${p}.AAAA` })).status).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await t.request('GET', '/api/v1/auth/me', { token: `${none}.${p}.` })).status).toBe(401);
    const { JwtService } = await import('@nestjs/jwt');
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE email = 'admin@agency.example'`);
    const expired = new JwtService({ secret: t.config.jwtSecret }).sign({ sub: id, exp: Math.floor(Date.now() / 1000) - 10 });
    const res = await t.request('GET', '/api/v1/auth/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('rate-limits login attempts per address and e-mail', async () => {
    await t.createUser('opfer@agency.example', ['caseworker']);
    const statuses: number[] = [];
    for (let i = 0; i < t.config.loginRateLimit + 2; i++) {
      statuses.push((await t.request('POST', '/api/v1/auth/login', { body: { email: 'opfer@agency.example', password: `rate-${i}-falsch` } })).status);
    }
    expect(statuses.slice(0, t.config.loginRateLimit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(t.config.loginRateLimit)).toEqual([429, 429]);
    const blocked = await t.request('POST', '/api/v1/auth/login', { body: { email: 'opfer@agency.example', password: TEST_PASSWORD } });
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    // another account from the same address is not locked out
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: 'admin@agency.example', password: TEST_PASSWORD } })).status).toBe(200);
  });

  describe('organisations have a structured postal address and a contact', () => {
    let applicantMittweida: string;

    beforeAll(async () => {
      await t.createUser('adresse@mittweida.de', ['applicant'], mittweida);
      applicantMittweida = await t.login('adresse@mittweida.de');
    });

    it('creates an organisation with address and contact', async () => {
      const res = await t.request('POST', '/api/v1/organisations', {
        token: admin,
        body: { name: 'Stadt Chemnitz', kind: 'municipality', ags: '14511000', street: 'Markt', buildingNumber: '1', postalCode: '09111', city: 'Chemnitz', contactName: 'Bürgerservice', contactEmail: 'buergerservice@stadt-chemnitz.de', contactPhone: '+49 371 488-0' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ street: 'Markt', buildingNumber: '1', postalCode: '09111', city: 'Chemnitz', country: 'DE', contactName: 'Bürgerservice', contactEmail: 'buergerservice@stadt-chemnitz.de', contactPhone: '+49 371 488-0' });
      const bad = await t.request('POST', '/api/v1/organisations', { token: admin, body: { name: 'Stadt Zwickau', kind: 'municipality', ags: '14524330', postalCode: '8056', city: 'Zwickau' } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'POSTAL_CODE_INVALID', details: { field: 'postalCode' } });
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM organisations WHERE ags = '14524330'`);
      expect(count).toBe(0);
    });

    it('an applicant changes their own organisation’s address and contact; fields left out stay; the change is audited', async () => {
      const res = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, {
        token: applicantMittweida,
        body: { street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida', contactName: 'Karin Schmidt', contactEmail: 'k.schmidt@mittweida.de' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: mittweida, name: 'Stadt Mittweida', street: 'Markt', buildingNumber: '32', postalCode: '09648', city: 'Mittweida', country: 'DE', contactName: 'Karin Schmidt', contactPhone: null });
      const phone = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: applicantMittweida, body: { contactPhone: '03727 967-0' } });
      expect(phone.body).toMatchObject({ street: 'Markt', contactName: 'Karin Schmidt', contactPhone: '03727 967-0' });
      const cleared = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: admin, body: { contactPhone: null } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.contactPhone).toBeNull();
      const audit = await t.db.query(`SELECT actor_id, data FROM audit_entries WHERE action = 'organisation.address_changed' AND entity_id = $1 ORDER BY seq`, [mittweida]);
      expect(audit).toHaveLength(3);
      expect(audit[1].data).toEqual({ changed: { contactPhone: { from: null, to: '03727 967-0' } } });
    });

    it('refuses a wrong postcode, an incomplete address and unknown fields, writing nothing', async () => {
      for (const [body, code] of [
        [{ postalCode: '9648' }, 'POSTAL_CODE_INVALID'],
        [{ city: null }, 'ADDRESS_INCOMPLETE'],
        [{ name: 'Umbenannt' }, 'VALIDATION_FAILED'],
        [{ country: 'deutschland' }, 'VALIDATION_FAILED'],
        [{ contactEmail: 'keine-adresse' }, 'VALIDATION_FAILED'],
      ] as const) {
        const res = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: admin, body });
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
      }
      const austria = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: admin, body: { country: 'AT', postalCode: '1010' } });
      expect(austria.status).toBe(200);
      const back = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: admin, body: { country: 'DE' } });
      expect(back.status).toBe(400);
      expect(back.body.code).toBe('POSTAL_CODE_INVALID');
      const restored = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: admin, body: { country: 'DE', postalCode: '09648' } });
      expect(restored.body).toMatchObject({ country: 'DE', postalCode: '09648', city: 'Mittweida' });
    });

    it('another organisation’s applicant gets 404, agency staff other than admins 403', async () => {
      const leipzig = (await t.db.query(`SELECT id FROM organisations WHERE ags = '14713000'`))[0].id;
      const foreign = await t.request('PATCH', `/api/v1/organisations/${leipzig}`, { token: applicantMittweida, body: { city: 'Leipzig' } });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      await t.createUser('sb-adresse@agency.example', ['caseworker']);
      const caseworker = await t.login('sb-adresse@agency.example');
      const staff = await t.request('PATCH', `/api/v1/organisations/${mittweida}`, { token: caseworker, body: { city: 'Leipzig' } });
      expect(staff.status).toBe(403);
      expect(staff.body.code).toBe('ROLE_NOT_ALLOWED');
      const [{ city }] = await t.db.query('SELECT city FROM organisations WHERE id = $1', [mittweida]);
      expect(city).toBe('Mittweida');
    });
  });
});
