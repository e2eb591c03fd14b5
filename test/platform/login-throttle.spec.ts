import IORedis from 'ioredis';
import { TestApp, TEST_PASSWORD } from '../support/test-app';

/**
 * Issue 9.2: X-Forwarded-For chose the client address (20 of 20 tries past the limit got 401). Now the address is the
 * socket's unless TRUST_PROXY_HOPS proxies are trusted, attempts are counted per address and per account, in Redis,
 * and a blocked client gets 429 with Retry-After.
 */
describe('login throttle', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ env: { LOGIN_RATE_LIMIT: '5', LOGIN_ADDRESS_RATE_LIMIT: '8' } });
    await t.createUser('ziel@agency.example', ['admin']);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, forwardedFor?: string) =>
    t.request('POST', '/api/v1/auth/login', { body: { email, password }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

  it('ignores X-Forwarded-For by default: 20 tries from rotating addresses are blocked after the limit, with Retry-After', async () => {
    const statuses: number[] = [];
    let blocked;
    for (let i = 0; i < 20; i++) {
      const res = await login('ziel@agency.example', `falsch-${i}-falsch`, `203.0.113.${i + 1}`);
      statuses.push(res.status);
      if (res.status === 429) blocked = res;
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    expect(blocked!.body).toEqual({ code: 'TOO_MANY_LOGIN_ATTEMPTS', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } });
    const retryAfter = Number(blocked!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // the right password does not help while the account is blocked
    expect((await login('ziel@agency.example', TEST_PASSWORD)).status).toBe(429);
  });

  it('limits one address trying many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(`niemand-${i}@agency.example`, 'falsch-falsch-falsch')).status);
    // 20 + 1 attempts above came from this address already: past the address limit of 8
    expect(statuses).toEqual([429, 429, 429, 429]);
  });
});

describe('login throttle per address and per account', () => {
  it('counts per account across addresses when proxies are trusted, and per address across accounts', async () => {
    const t = await TestApp.start({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_ADDRESS_RATE_LIMIT: '4', TRUST_PROXY_HOPS: '1' } });
    try {
      const login = (email: string, ip: string) => t.request('POST', '/api/v1/auth/login', { body: { email, password: 'falsch-falsch-falsch' }, headers: { 'x-forwarded-for': ip } });
      // one account from many (proxied) addresses: the account counter stops it
      const many = [];
      for (let i = 0; i < 5; i++) many.push((await login('eins@agency.example', `198.51.100.${i + 1}`)).status);
      expect(many).toEqual([401, 401, 401, 429, 429]);
      // one (proxied) address against many accounts: the address counter stops it
      const spray = [];
      for (let i = 0; i < 6; i++) spray.push((await login(`konto-${i}@agency.example`, '192.0.2.77')).status);
      expect(spray).toEqual([401, 401, 401, 401, 429, 429]);
      // another address and account are not affected
      expect((await login('anders@agency.example', '192.0.2.78')).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('login throttle shared by several API processes', () => {
  it('counts in Redis: two apps on the same database and QUEUE_PREFIX share the counter', async () => {
    const a = await TestApp.start({ env: { LOGIN_RATE_LIMIT: '4' } });
    const b = await TestApp.start({ env: { LOGIN_RATE_LIMIT: '4' }, database: a.dbName });
    try {
      expect(b.config.queuePrefix).toBe(a.config.queuePrefix);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? a : b;
        statuses.push((await app.request('POST', '/api/v1/auth/login', { body: { email: 'geteilt@agency.example', password: `falsch-${i}-falsch` } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      const redis = new IORedis(a.config.redisUrl);
      try {
        expect((await redis.keys(`${a.config.queuePrefix}:throttle:*`)).length).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('password-reset requests use the same throttle', () => {
  it('answers 429 with Retry-After past the per-account limit, whatever X-Forwarded-For says', async () => {
    const t = await TestApp.start({ env: { LOGIN_RATE_LIMIT: '2' } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await t.request('POST', '/api/v1/auth/password-reset', { body: { email: 'flut@agency.example' }, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([202, 202, 429, 429]);
      expect(last!.body.code).toBe('TOO_MANY_PASSWORD_RESET_REQUESTS');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });
});
