import * as argon2 from 'argon2';
import { ACTOR_TTL_MS } from '../../src/platform/auth/actor-cache';
import { TEST_PASSWORD, TestApp, waitUntil } from '../support/test-app';

/**
 * Issue #11, causes 5 and 6: an access token no longer reads its user on every request (each API process trusts
 * what it read for ACTOR_TTL_MS), and passwords are hashed with OWASP's argon2id parameters, rehashed at login.
 */
describe('login and token costs', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;

  beforeAll(async () => {
    a = await TestApp.start();
    // a second API process on the same database: it learns of changes only by reading them
    b = await TestApp.start({ database: a.dbName });
    await a.createUser('admin@agency.example', ['admin']);
    admin = await a.login('admin@agency.example');
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('rehashes a password stored with other argon2 parameters at the next login', async () => {
    const old = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await a.db.query(
      `INSERT INTO users (email, display_name, roles, password_hash, status) VALUES ('alt@agency.example', 'Alt', '{caseworker}', $1, 'active')`,
      [old],
    );
    await a.login('alt@agency.example');
    const [{ password_hash: now }] = await a.db.query(`SELECT password_hash FROM users WHERE email = 'alt@agency.example'`);
    expect(now).not.toBe(old);
    expect(now).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await argon2.verify(now, TEST_PASSWORD)).toBe(true);
    // the new hash serves the next login, and is not rewritten again
    await a.login('alt@agency.example');
    expect((await a.db.query(`SELECT password_hash FROM users WHERE email = 'alt@agency.example'`))[0].password_hash).toBe(now);
  });

  it('new passwords are hashed with m=19 MiB, t=2, p=1', async () => {
    await a.createUser('neu@agency.example', ['caseworker']);
    const [{ password_hash }] = await a.db.query(`SELECT password_hash FROM users WHERE email = 'neu@agency.example'`);
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  // Passport keeps strategies in one registry per Node process: the app started last (b) checks the tokens of
  // both apps here. So b stands for the process that holds the user, a for another process that changes them.
  const deactivate = async (via: TestApp, id: string) => {
    const res = await via.request('POST', `/api/v1/users/${id}/deactivate`, { token: admin, body: { reason: 'Ausgeschieden zum Monatsende' } });
    expect(res.status).toBe(200);
  };

  it('refuses a deactivated user at once in the process that deactivated them', async () => {
    const id = await a.createUser('sofort@agency.example', ['caseworker']);
    const token = await a.login('sofort@agency.example');
    expect((await b.request('GET', '/api/v1/auth/me', { token })).status).toBe(200);
    await deactivate(b, id);
    expect((await b.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it(`refuses a user deactivated by another process within ${ACTOR_TTL_MS / 1000} s`, async () => {
    const id = await a.createUser('weg@agency.example', ['caseworker']);
    const token = await a.login('weg@agency.example');
    expect((await b.request('GET', '/api/v1/auth/me', { token })).status).toBe(200); // b now holds the user
    await deactivate(a, id);
    const deactivated = Date.now();
    await waitUntil('the token is refused', async () => (await b.request('GET', '/api/v1/auth/me', { token })).status === 401, ACTOR_TTL_MS + 2_000);
    expect(Date.now() - deactivated).toBeLessThanOrEqual(ACTOR_TTL_MS + 1_000);
  });
});
