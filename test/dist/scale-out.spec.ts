import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { hashPassword } from '../../src/platform/auth/auth.service';
import { JOB_QUEUES } from '../../src/platform/outbox/jobs';
import { builtDist } from '../support/built-dist';
import { databaseUrlFor, dropDatabase } from '../support/databases';
import { SmtpSink } from '../support/smtp-sink';
import { waitUntil } from '../support/test-app';
import { clearRedisPrefix, REDIS_URL, ServiceProcess } from './processes';

// Issue 9, scale-out: two API processes and two workers of the built service on ONE database (created and migrated
// by whichever starts first) and ONE Redis prefix behave as one service.
const API_PORTS = [46210, 46211];
const PASSWORD = 'skaliert-geheim-2024';
const LOGIN_LIMIT = 10;
const CHECKPOINT_MS = 1000;

describe('scale-out: two APIs and two workers on one PostgreSQL and one Redis', () => {
  const dbName = `foerderwerk_test_scale_${randomBytes(3).toString('hex')}`;
  let tmp: string;
  let smtp: SmtpSink;
  let db: Client;
  let started = 0;
  const processes: ServiceProcess[] = [];
  const apis = API_PORTS.map((port) => `http://127.0.0.1:${port}`);

  const call = async (base: string, method: string, url: string, body?: unknown, token?: string) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    const dist = await builtDist();
    tmp = await mkdtemp(path.join(tmpdir(), 'fw-scale-'));
    smtp = await SmtpSink.start();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrlFor(dbName),
      REDIS_URL,
      QUEUE_PREFIX: dbName,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '100',
      LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
      LOGIN_ADDRESS_RATE_LIMIT: '10000', // every request comes from 127.0.0.1: the per-account limit is what is shown
      DOCUMENTS_DIR: path.join(tmp, 'documents'),
      MAIL_DIR: path.join(tmp, 'mail'),
      AUDIT_SIGNING_KEY_FILE: path.join(tmp, 'audit/signing-key.pem'),
      AUDIT_CHECKPOINT_DIR: path.join(tmp, 'audit/checkpoints'),
      AUDIT_CHECKPOINT_INTERVAL_MS: String(CHECKPOINT_MS),
    };
    // all four at once, on a database that does not exist yet
    processes.push(
      ...API_PORTS.map((port) => new ServiceProcess(dist, 'main', { ...env, APP_ROLE: 'api', PORT: String(port) })),
      new ServiceProcess(dist, 'worker', env),
      new ServiceProcess(dist, 'worker', env),
    );
    await Promise.all(processes.map((p, i) => p.waitForOutput(i < 2 ? /listening on/ : /worker running/, 60_000)));
    started = Date.now();
    db = new Client({ connectionString: databaseUrlFor(dbName) });
    await db.connect();
    await db.query(`INSERT INTO users (email, display_name, roles, password_hash, status) VALUES ('admin@agency.example', 'Admin', '{admin}', $1, 'active')`, [await hashPassword(PASSWORD)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await db?.end();
    await smtp?.close();
    await dropDatabase(dbName);
    await clearRedisPrefix(dbName);
    await rm(tmp, { recursive: true, force: true });
  });

  it('started together without racing: the database created once, each migration applied once, every process up', async () => {
    const output = processes.map((p) => p.output).join('\n');
    expect(output.match(/created database /g)).toHaveLength(1);
    expect(output.match(/applied migrations: /g)).toHaveLength(1);
    expect(output).not.toMatch(/did not start/);
    const { rows } = await db.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
    expect(rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const base of apis) expect((await call(base, 'GET', '/health')).status).toBe(200);
  });

  it('shares the login limit across both APIs: failed logins spread over them hit 429 at the same total count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) {
      statuses.push((await call(apis[i % 2], 'POST', '/api/v1/auth/login', { email: 'admin@agency.example', password: `falsch-${i}` })).status);
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429, 429]);
    // another account is not affected, on either API
    await db.query(`INSERT INTO users (email, display_name, roles, password_hash, status) VALUES ('second@agency.example', 'Zweite', '{admin}', $1, 'active')`, [await hashPassword(PASSWORD)]);
    for (const base of apis) expect((await call(base, 'POST', '/api/v1/auth/login', { email: 'second@agency.example', password: PASSWORD })).status).toBe(200);
  });

  it('delivers the mail of every outbox row exactly once under a mixed load through both APIs', async () => {
    const tokens = await Promise.all(apis.map(async (base) => (await call(base, 'POST', '/api/v1/auth/login', { email: 'second@agency.example', password: PASSWORD })).body.accessToken as string));
    const invitees = Array.from({ length: 30 }, (_, i) => `person-${i}@scale.example`);
    const answers = await Promise.all([
      ...invitees.map((email, i) => call(apis[i % 2], 'POST', '/api/v1/users/invitations', { email, displayName: `Person ${i}`, roles: ['caseworker'] }, tokens[i % 2])),
      // reading and logging in meanwhile, on both
      ...apis.flatMap((base, i) => [call(base, 'GET', '/api/v1/users', undefined, tokens[i]), call(base, 'POST', '/api/v1/auth/login', { email: 'second@agency.example', password: PASSWORD })]),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...invitees.map(() => 201), 200, 200, 200, 200]);

    await waitUntil('every invitation is mailed', async () => invitees.every((e) => smtp.to(e).length > 0), 30_000);
    await waitUntil('every outbox row is completed', async () => (await db.query('SELECT count(*)::int AS n FROM outbox WHERE completed_at IS NULL')).rows[0].n === 0, 15_000);
    await new Promise((r) => setTimeout(r, 1500)); // time for a second delivery, should there be one
    const outbox = (await db.query(`SELECT id FROM outbox WHERE job_name = 'account.link-mail'`)).rows.map((r) => r.id as string);
    expect(outbox).toHaveLength(invitees.length);
    const mails = invitees.flatMap((e) => smtp.to(e));
    expect(mails).toHaveLength(invitees.length);
    // one Message-ID per outbox row, derived from its id (never a second one for a repeated delivery)
    expect(mails.map((m) => m.messageId!.replace(/^<([^@]+)@.*$/, '$1')).sort()).toEqual([...outbox].sort());
    expect((await db.query('SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS d FROM mail_deliveries')).rows[0]).toEqual({ n: 30, d: 30 });
  });

  it('runs the scheduled audit checkpoint once per tick across the two workers', async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, started + 5000 - Date.now())));
    const queue = new Queue(JOB_QUEUES['audit.checkpoint'], { connection: { url: REDIS_URL }, prefix: dbName });
    try {
      const [{ rows }, jobs] = await Promise.all([db.query('SELECT count(*)::int AS n FROM audit_checkpoints'), queue.getJobs(['completed', 'active'])]);
      // each tick is one job whose id carries the tick's planned time; two workers with timers of their own made two checkpoints a tick
      const ticks = jobs.filter((j) => j.name === 'audit.checkpoint').map((j) => Number(/:(\d+)$/.exec(j.id!)![1]));
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(rows[0].n).toBeGreaterThanOrEqual(ticks.length - 1); // the tick running now may not have written yet
      expect(rows[0].n).toBeLessThanOrEqual(ticks.length);
    } finally {
      await queue.close();
    }
    // both workers are still there to take ticks
    expect(processes.every((p) => p.running)).toBe(true);
  });
});
