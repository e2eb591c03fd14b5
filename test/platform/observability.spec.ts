import { Global, INestApplicationContext, Module } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { Writable } from 'node:stream';
import { startWorker } from '../../src/worker';
import { LOG_DESTINATION } from '../../src/platform/observability/logging';
import { QueuesService } from '../../src/platform/outbox/queues.service';
import { TEST_PASSWORD, TestApp, waitUntil } from '../support/test-app';

const METRICS_TOKEN = randomBytes(24).toString('hex');
const WORKER_METRICS_PORT = 46123;

/** Every log line the app writes, as text. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

@Global()
@Module({ providers: [{ provide: LOG_DESTINATION, useValue: sink }], exports: [LOG_DESTINATION] })
class LogSink {}

function scrapePort(port: number, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/metrics', headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** The sample lines of one metric whose labels include all of `labels`. */
function samples(text: string, metric: string, labels: Record<string, string> = {}): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `))
    .filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
}

describe('operations: structured logs, metrics, queue dashboard', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: { LOG_LEVEL: 'log', METRICS_TOKEN }, imports: [LogSink] });
    await t.createUser('admin@agency.example', ['admin']);
    adminToken = await t.login('admin@agency.example');
  });
  afterAll(() => t?.close());

  describe('logs', () => {
    it('writes JSON lines that share the request id between the request, its outbox row and its job, without secrets or addresses', async () => {
      const email = 'vergesslich.person@agency.example';
      await t.createUser(email, ['caseworker']);
      const login = await t.request('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
      expect(login.status).toBe(200);
      const me = await t.request('GET', '/api/v1/auth/me', { token: login.body.accessToken });
      expect(me.status).toBe(200);

      const requestId = `obs-${randomBytes(6).toString('hex')}`;
      const reset = await t.request('POST', '/api/v1/auth/password-reset', { body: { email }, headers: { 'x-request-id': requestId } });
      expect(reset.status).toBe(202);
      expect(reset.headers['x-request-id']).toBe(requestId);
      const [row] = await t.db.query(`SELECT request_id FROM outbox WHERE job_name = 'account.link-mail'`);
      expect(row.request_id).toBe(requestId);

      const [mail] = await t.smtp.waitFor(email);
      const resetToken = /token=([A-Za-z0-9_-]{43})/.exec(String(mail.text))![1];
      expect((await t.request('GET', `/password-reset?token=${resetToken}`)).status).toBe(200);
      await waitUntil('the job has logged its end', async () => lines.some((l) => l.includes('"job completed"') && l.includes(requestId)));

      const entries = lines.map((l) => JSON.parse(l)); // every line is JSON
      const ofRequest = entries.filter((e) => e.reqId === requestId);
      expect(ofRequest.find((e) => e.msg === 'request completed')).toMatchObject({ req: { method: 'POST', url: '/api/v1/auth/password-reset' }, res: { statusCode: 202 } });
      const job = { name: 'account.link-mail', queue: 'notifications' };
      expect(ofRequest.find((e) => e.msg === 'job started')).toMatchObject({ job });
      expect(ofRequest.find((e) => e.msg === 'job completed')).toMatchObject({ job, durationMs: expect.any(Number) });

      // TypeORM's errors are JSON lines too, without the query's parameters or the addresses in its message
      await expect(t.db.query('SELECT $1::int', [email])).rejects.toThrow();
      const dbLine = lines.map((l) => JSON.parse(l)).find((e) => e.context === 'Database');
      expect(dbLine).toMatchObject({ level: 50, msg: expect.stringContaining('query failed: invalid input syntax for type integer: "[e-mail]"') });

      const meLine = entries.find((e) => e.msg === 'request completed' && e.req?.url === '/api/v1/auth/me');
      expect(meLine.req.headers.authorization).toBe('[redacted]');
      const all = lines.join('\n');
      for (const secret of [login.body.accessToken, login.body.refreshToken, TEST_PASSWORD, resetToken, email, 'admin@agency.example', '@agency.example']) {
        expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
      }
    });

    it('replaces a malformed X-Request-Id by a UUID of its own', async () => {
      for (const bad of ['x'.repeat(65), 'a b', 'id"}{"level":60']) {
        const res = await t.request('GET', '/health', { headers: { 'x-request-id': bad } });
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
      expect(lines.filter((l) => l.includes('"url":"/health"'))).toEqual([]); // probes do not bury the requests of people
    });
  });

  describe('metrics', () => {
    it('refuses /metrics on the API port without the token', async () => {
      const none = await t.request('GET', '/metrics');
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('METRICS_TOKEN_REQUIRED');
      expect((await t.request('GET', '/metrics', { token: 'x'.repeat(48) })).status).toBe(401);
    });

    it('counts requests by route pattern, times jobs, and reports queues, outbox and pool', async () => {
      const caseId = '00000000-0000-4000-8000-000000000001';
      for (let i = 0; i < 3; i++) expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: adminToken })).status).toBeGreaterThanOrEqual(400);
      const res = await t.request('GET', '/metrics', { token: METRICS_TOKEN });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = String(res.body);
      const [count] = samples(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/cases/:id' });
      expect(Number(count.split(' ').pop())).toBeGreaterThanOrEqual(3);
      expect(text).not.toContain(caseId);
      expect(samples(text, 'http_request_duration_seconds_bucket', { route: '/api/v1/auth/login', method: 'POST', status: '200' }).length).toBeGreaterThan(0);
      expect(samples(text, 'foerderwerk_job_duration_seconds_count', { queue: 'notifications', name: 'account.link-mail', outcome: 'completed' })).toHaveLength(1);
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(samples(text, 'foerderwerk_queue_jobs', { queue: 'reminders', state })).toHaveLength(1);
      expect(samples(text, 'foerderwerk_queue_oldest_waiting_age_seconds', { queue: 'documents' })).toHaveLength(1);
      expect(samples(text, 'foerderwerk_outbox_backlog')).toHaveLength(1);
      expect(samples(text, 'foerderwerk_outbox_oldest_age_seconds')).toHaveLength(1);
      for (const state of ['total', 'idle', 'waiting']) expect(samples(text, 'foerderwerk_db_pool_connections', { state })).toHaveLength(1);
      expect(samples(text, 'process_cpu_user_seconds_total')).toHaveLength(1);
    });
  });

  describe('queue dashboard', () => {
    let cookie: string;

    it('opens a session for admins only, as a short-lived HttpOnly, SameSite=Strict cookie for the dashboard path', async () => {
      expect((await t.request('POST', '/api/v1/admin/queue-dashboard/session')).status).toBe(401);
      await t.createUser('sachbearbeitung@agency.example', ['caseworker', 'finance']);
      const other = await t.request('POST', '/api/v1/admin/queue-dashboard/session', { token: await t.login('sachbearbeitung@agency.example') });
      expect(other.status).toBe(403);
      expect(other.headers['set-cookie']).toBeUndefined();
      const res = await t.request('POST', '/api/v1/admin/queue-dashboard/session', { token: adminToken });
      expect(res.status).toBe(204);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^fw_queue_board=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; Secure; SameSite=Strict$/);
      cookie = setCookie.split(';')[0];
    });

    it('refuses the dashboard page and its API without a valid session', async () => {
      const forged = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/css/x.css']) {
        expect((await t.request('GET', url)).status).toBe(401);
        expect((await t.request('GET', url, { token: adminToken })).status).toBe(401); // a bearer token does not open it
        expect((await t.request('GET', url, { headers: { cookie: forged } })).status).toBe(401);
      }
      expect((await t.request('PUT', '/admin/queues/api/queues/reminders/1/retry', { headers: { cookie: forged } })).status).toBe(401);
    });

    it('lets an admin see the queues and retry a failed job', async () => {
      const page = await t.request('GET', '/admin/queues', { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('Förderwerk');
      expect(page.headers).toMatchObject({ 'content-security-policy': expect.stringContaining("default-src 'self'"), 'cache-control': 'no-store', 'x-request-id': expect.any(String) });
      const script = /src="(static\/js\/main[^"]+)"/.exec(String(page.body))![1];
      const asset = await t.request('GET', `/admin/queues/${script}`, { headers: { cookie } });
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);

      const queue: Queue = t.app.get(QueuesService).queue('reminders');
      const added = await queue.add('no.such.job', { note: 'fails: no handler' });
      await waitUntil('the job has failed', async () => (await queue.getJob(added.id!))?.finishedOn !== undefined);
      const failed = (await queue.getJob(added.id!)) as Job;

      const list = await t.request('GET', '/admin/queues/api/queues?activeQueue=reminders&status=failed', { headers: { cookie } });
      expect(list.status).toBe(200);
      expect(list.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['documents', 'notifications', 'reminders']);
      const reminders = list.body.queues.find((q: { name: string }) => q.name === 'reminders');
      expect(reminders.jobs.map((j: { id: string }) => j.id)).toContain(added.id);

      const retry = await t.request('PUT', `/admin/queues/api/queues/reminders/${added.id}/retry`, { headers: { cookie } });
      expect(retry.status).toBe(204);
      await waitUntil('the job ran again', async () => ((await queue.getJob(added.id!))?.finishedOn ?? 0) > failed.finishedOn!);
    });

    it('closes the dashboard to a user who is no longer an active admin', async () => {
      await t.db.query(`UPDATE users SET roles = '{caseworker}' WHERE email = 'admin@agency.example'`);
      try {
        expect((await t.request('GET', '/admin/queues/api/queues', { headers: { cookie } })).status).toBe(403);
      } finally {
        await t.db.query(`UPDATE users SET roles = '{admin}' WHERE email = 'admin@agency.example'`);
      }
    });
  });

  describe('worker', () => {
    let worker: INestApplicationContext | undefined;
    afterAll(() => worker?.close());

    it('serves its metrics on METRICS_PORT, to holders of the token', async () => {
      worker = await startWorker({ ...t.config, role: 'worker', logLevel: 'silent', metricsPort: WORKER_METRICS_PORT });
      expect((await scrapePort(WORKER_METRICS_PORT)).status).toBe(401);
      const res = await scrapePort(WORKER_METRICS_PORT, METRICS_TOKEN);
      expect(res.status).toBe(200);
      expect(samples(res.body, 'foerderwerk_queue_jobs', { queue: 'notifications', state: 'waiting' })).toHaveLength(1);
      expect(samples(res.body, 'foerderwerk_db_pool_connections', { state: 'total' })).toHaveLength(1);
      expect(samples(res.body, 'process_resident_memory_bytes')).toHaveLength(1);
    });
  });
});
