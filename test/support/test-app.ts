import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import IORedis from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { Role } from '../../src/platform/auth/roles';
import { hashPassword } from '../../src/platform/auth/auth.service';
import { AppConfig, loadConfig } from '../../src/platform/config/app-config';
import { databaseName } from '../../src/platform/database/database';
import { cloneTemplate, databaseUrlFor, dropDatabase } from './databases';
import { SmtpSink } from './smtp-sink';

export const TEST_PASSWORD = 'richtig-geheim-123';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/**
 * The whole service against real PostgreSQL (a database cloned for this file), real Redis
 * (keys under a prefix of its own) and a real SMTP server in this process.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly smtp: SmtpSink,
    readonly dbName: string,
    private readonly tmp: string,
    private readonly ownsDatabase: boolean,
  ) {}

  /**
   * `database`: run against this existing database (e.g. to restart the app on the data of an earlier
   * start) instead of a fresh clone; `databaseUrl`: the same on another server (a cluster the test started).
   * The caller owns it: it is dropped neither by close() nor when the start fails.
   */
  static async start(opts: { env?: Record<string, string>; imports?: DynamicModule['imports']; database?: string; databaseUrl?: string } = {}): Promise<TestApp> {
    const ownsDatabase = opts.database === undefined && opts.databaseUrl === undefined;
    const dbName = opts.databaseUrl ? databaseName(opts.databaseUrl) : (opts.database ?? (await cloneTemplate()));
    const smtp = await SmtpSink.start();
    const tmp = await mkdtemp(path.join(tmpdir(), 'fw-test-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: opts.databaseUrl ?? databaseUrlFor(dbName),
      REDIS_URL,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: dbName,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
      // every request of a test file comes from 127.0.0.1: the per-address login limit is tested where it is set
      LOGIN_ADDRESS_RATE_LIMIT: '10000',
      GUIDELINES_DIR: path.join(__dirname, '../../config/guidelines'),
      DOCUMENTS_DIR: path.join(tmp, 'documents'),
      MAIL_DIR: path.join(tmp, 'mail'),
      AUDIT_SIGNING_KEY_FILE: path.join(tmp, 'audit/signing-key.pem'),
      AUDIT_CHECKPOINT_DIR: path.join(tmp, 'audit/checkpoints'),
      AUDIT_CHECKPOINT_INTERVAL_MS: '0',
      // Tests set up fixtures through t.db as the owner; test/platform/audit.spec.ts runs as the app role.
      DATABASE_APP_ROLE: 'none',
      ...opts.env,
    });
    let app: NestFastifyApplication | undefined;
    try {
      app = await createApp(config, opts.imports);
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      return new TestApp(app, config, smtp, dbName, tmp, ownsDatabase);
    } catch (e) {
      await app?.close().catch(() => undefined); // a failed init leaves connections open
      await smtp.close();
      if (ownsDatabase) await dropDatabase(dbName);
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  async request<T = any>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const res = await this.app.inject({
      method,
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: (type.includes('json') ? res.json() : res.body) as T, headers: res.headers };
  }

  async createOrganisation(name: string, ags: string | null, kind = 'municipality'): Promise<string> {
    const [row] = await this.db.query('INSERT INTO organisations (name, kind, ags) VALUES ($1, $2, $3) RETURNING id', [name, kind, ags]);
    return row.id;
  }

  async createUser(email: string, roles: Role[], organisationId: string | null = null): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO users (email, display_name, roles, organisation_id, password_hash, status) VALUES ($1, $2, $3, $4, $5, 'active') RETURNING id`,
      [email, email.split('@')[0], roles, organisationId, await hashPassword(TEST_PASSWORD)],
    );
    return row.id;
  }

  async login(email: string, password = TEST_PASSWORD): Promise<string> {
    const res = await this.request('POST', '/api/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.smtp.close();
    if (this.ownsDatabase) await dropDatabase(this.dbName);
    await rm(this.tmp, { recursive: true, force: true });
    await clearRedisPrefix(this.config.redisUrl, this.config.queuePrefix);
  }
}

async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // this test's Redis may be gone on purpose
  } finally {
    redis.disconnect();
  }
}

export async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
