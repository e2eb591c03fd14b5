import { Client } from 'pg';
import { DEFAULT_APP_ROLE, prepareDatabase } from '../../src/platform/database/database';
import { PgCluster } from '../support/pg-cluster';
import { RedisProcess } from '../support/redis-process';
import { Reply, TestApp, waitUntil } from '../support/test-app';

// Ports of this test's own PostgreSQL and Redis (never the shared ones, which other test files use meanwhile).
const PG_PORT = 46010;
const REDIS_PORT = 46011;
const DATABASE = 'foerderwerk_faults_test';

/** How long one request may take while a backing service is away: well below the 15 s requests once hung. */
const BOUND_MS = 5000;

async function timed(fn: () => Promise<Reply>): Promise<Reply & { ms: number }> {
  const start = Date.now();
  const reply = await fn();
  return { ...reply, ms: Date.now() - start };
}

describe('faults: PostgreSQL and Redis frozen, stopped and back (issue 9.4)', () => {
  let pg: PgCluster | undefined;
  let redis: RedisProcess | undefined;
  let t: TestApp;
  let admin: string;

  const me = () => timed(() => t.request('GET', '/api/v1/auth/me', { token: admin }));
  const get = (url: string) => timed(() => t.request('GET', url));

  function expectUnavailable(reply: Reply & { ms: number }): void {
    expect({ status: reply.status, code: reply.body?.code, retryAfter: reply.headers['retry-after'] }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
    expect(reply.ms).toBeLessThan(BOUND_MS);
  }

  beforeAll(async () => {
    pg = await PgCluster.create(PG_PORT);
    await prepareDatabase(pg.url(DATABASE), DEFAULT_APP_ROLE);
    redis = await RedisProcess.start(REDIS_PORT);
    t = await TestApp.start({
      databaseUrl: pg.url(DATABASE),
      env: {
        REDIS_URL: redis.url,
        // as in production: the pool's connections switch to the app role (its -c option goes with the timeouts)
        DATABASE_APP_ROLE: DEFAULT_APP_ROLE,
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
        DATABASE_STATEMENT_TIMEOUT_MS: '2000',
        DATABASE_QUERY_TIMEOUT_MS: '2500',
      },
    });
    await t.createUser('admin@faults.example', ['admin']);
    admin = await t.login('admin@faults.example');
  }, 60_000);

  afterAll(async () => {
    // Resume first: a frozen server would neither let the app close nor stop itself.
    await pg?.resume();
    redis?.resume();
    await t?.close().catch(() => undefined);
    await redis?.stop();
    await pg?.destroy();
  });

  it('answers live and ready while everything is up; the ready check reports each part', async () => {
    expect((await get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await get('/health/ready')).body).toEqual({ status: 'ok', database: 'up', redis: 'up', migrations: 'applied' });
    expect((await get('/health')).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('is not ready while a migration of this build is missing in the database', async () => {
    const owner = new Client({ connectionString: pg!.url(DATABASE) });
    await owner.connect();
    try {
      const [last] = (await owner.query('DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING *')).rows;
      try {
        const ready = await get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.details).toEqual({ status: 'degraded', database: 'up', redis: 'up', migrations: 'pending' });
      } finally {
        await owner.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [last.id, last.timestamp, last.name]);
      }
      expect((await get('/health/ready')).status).toBe(200);
    } finally {
      await owner.end();
    }
  });

  it('answers 503 with Retry-After within a bounded time while PostgreSQL is frozen, and 200 once it resumes', async () => {
    expect((await me()).status).toBe(200);
    await pg!.freeze();
    try {
      const ready = await get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.body.details).toEqual({ status: 'degraded', database: 'down', redis: 'up', migrations: 'unknown' });
      expect(ready.ms).toBeLessThan(2000);
      expect((await get('/health')).status).toBe(503);
      const live = await get('/health/live');
      expect(live.status).toBe(200);
      expect(live.ms).toBeLessThan(500);

      // More requests than the pool has connections: those on open connections get no answer (client read
      // timeout), the others no new connection (connect timeout) or no free one (pool wait): each one 503.
      const replies = await Promise.all(Array.from({ length: 14 }, () => me()));
      for (const reply of replies) expectUnavailable(reply);
    } finally {
      await pg!.resume();
    }
    await waitUntil('ready again', async () => (await get('/health/ready')).status === 200, 10_000);
    // The connections given up on were closed, not handed on with a statement in flight.
    for (const reply of await Promise.all(Array.from({ length: 12 }, () => me()))) expect(reply.status).toBe(200);
  });

  it('answers 503 with Retry-After, not 500, while PostgreSQL is stopped, and works again after its restart without restarting the app', async () => {
    await pg!.stop();
    try {
      expectUnavailable(await me());
      expectUnavailable(await timed(() => t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'stopp@faults.example', displayName: 'Stopp', roles: ['caseworker'] } })));
      const ready = await get('/health/ready');
      expectUnavailable(ready);
      expect(ready.body.details).toMatchObject({ database: 'down', migrations: 'unknown' });
      expect((await get('/health/live')).status).toBe(200);
    } finally {
      await pg!.start();
    }
    await waitUntil('the API answers again', async () => (await me()).status === 200, 10_000);
    expect((await get('/health/ready')).status).toBe(200);
  });

  it.each(['frozen', 'stopped'] as const)('is not ready while Redis is %s, but requests that need only the database work and the outbox keeps the mail', async (fault) => {
    if (fault === 'frozen') redis!.freeze();
    else await redis!.stop();
    const email = `redis-${fault}@faults.example`;
    try {
      const ready = await get('/health/ready');
      expectUnavailable(ready);
      expect(ready.body.details).toEqual({ status: 'degraded', database: 'up', redis: 'down', migrations: 'applied' });
      expect(ready.ms).toBeLessThan(2000);
      expect((await get('/health/live')).status).toBe(200);
      expect((await me()).status).toBe(200);
      const invite = await t.request('POST', '/api/v1/users/invitations', { token: admin, body: { email, displayName: 'Ohne Redis', roles: ['caseworker'] } });
      expect(invite.status).toBe(201);
      expect(t.smtp.to(email)).toHaveLength(0);
    } finally {
      if (fault === 'frozen') redis!.resume();
      else await redis!.start();
    }
    await waitUntil('ready again', async () => (await get('/health/ready')).status === 200, 10_000);
    await t.smtp.waitFor(email);
  });
});
