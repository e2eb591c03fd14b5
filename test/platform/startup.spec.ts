import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { createApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { ROLES } from '../../src/platform/auth/roles';
import { loadConfig } from '../../src/platform/config/app-config';
import { dataSourceOptions, prepareDatabase } from '../../src/platform/database/database';
import { databaseUrlFor, dropDatabase } from '../support/databases';
import { TestApp, waitUntil } from '../support/test-app';

describe('start from nothing: database created, migrated, demo accounts in development', () => {
  const dbName = `foerderwerk_test_start_${randomBytes(3).toString('hex')}`;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'fw-start-'));
  });
  afterAll(async () => {
    await dropDatabase(dbName);
    await rm(tmp, { recursive: true, force: true });
  });

  const config = () =>
    loadConfig({
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrlFor(dbName),
      LOG_LEVEL: 'silent',
      QUEUE_PREFIX: dbName,
      MAIL_DIR: path.join(tmp, 'mail'),
      DOCUMENTS_DIR: path.join(tmp, 'documents'),
      AUDIT_SIGNING_KEY_FILE: path.join(tmp, 'audit/signing-key.pem'),
      AUDIT_CHECKPOINT_DIR: path.join(tmp, 'audit/checkpoints'),
      OUTBOX_POLL_MS: '50',
    });

  it('creates the database if missing and applies migrations once', async () => {
    expect(await prepareDatabase(config().databaseUrl)).toEqual({ created: true, applied: MIGRATIONS.map((m) => m.name) });
    expect(await prepareDatabase(config().databaseUrl)).toEqual({ created: false, applied: [] });
  });

  it('in development creates the demo municipality and one account per role, once, and writes mail as .eml without SMTP', async () => {
    const c = config();
    expect(c.env).toBe('development');
    expect(c.smtpUrl).toBeUndefined();
    for (let boot = 0; boot < 2; boot++) {
      const app = await createApp(c);
      await app.init();
      try {
        const ds = app.get(DataSource);
        const [org] = await ds.query(`SELECT id, name, kind FROM organisations WHERE ags = '14522360'`);
        expect(org).toMatchObject({ name: 'Stadt Mittweida', kind: 'municipality' });
        const users = await ds.query(`SELECT email, roles, organisation_id, team FROM users WHERE email LIKE '%@demo.example' AND email <> 'neu@demo.example'`);
        expect(users.map((u: { email: string }) => u.email).sort()).toEqual(ROLES.map((r) => `${r}@demo.example`).sort());
        expect(users.find((u: { email: string }) => u.email === 'applicant@demo.example').organisation_id).toBe(org.id);
        // the demo caseworker and approver share a team, so the processing-time report shows one
        expect(users.filter((u: { team: string | null }) => u.team).map((u: { email: string; team: string }) => [u.email, u.team]).sort()).toEqual([
          ['approver@demo.example', 'Referat 33 – Digitalisierung'],
          ['caseworker@demo.example', 'Referat 33 – Digitalisierung'],
        ]);

        if (boot === 0) {
          for (const role of ROLES) {
            const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `${role}@demo.example`, password: c.demoPassword } });
            expect({ role, status: res.statusCode }).toEqual({ role, status: 200 });
          }
          const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@demo.example', password: c.demoPassword } });
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/users/invitations',
            headers: { authorization: `Bearer ${login.json().accessToken}` },
            payload: { email: 'neu@demo.example', displayName: 'Neu Demo', roles: ['reviewer'] },
          });
          expect(res.statusCode).toBe(201);
          await waitUntil('the mail is written to MAIL_DIR', async () => (await readdir(c.mailDir).catch(() => [])).length === 1);
          const [file] = await readdir(c.mailDir);
          expect(file).toMatch(/\.eml$/);
          const eml = await readFile(path.join(c.mailDir, file), 'utf8');
          expect(eml).toMatch(/^To: neu@demo\.example$/m);
          expect(eml).toContain('Subject: =?UTF-8?Q?Einladung_zu_F=C3=B6rderwerk?=');
        }
      } finally {
        await app.close();
      }
    }
  });

  it('migrates down and up again', async () => {
    const ds = await new DataSource(dataSourceOptions(config().databaseUrl)).initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const [{ cases, audit }] = await ds.query(`SELECT to_regclass('public.cases') AS cases, to_regclass('public.audit_entries') AS audit`);
      expect({ cases, audit }).toEqual({ cases: null, audit: null });
    } finally {
      await ds.destroy();
    }
    expect((await prepareDatabase(config().databaseUrl)).applied).toEqual(MIGRATIONS.map((m) => m.name));
  });
});

describe('API and workers as separate processes (start:api, start:worker)', () => {
  it('an API without workers leaves mail in the outbox; a worker process delivers it', async () => {
    const api = await TestApp.start({ env: { APP_ROLE: 'api' } });
    try {
      await api.createUser('admin@agency.example', ['admin']);
      const admin = await api.login('admin@agency.example');
      const res = await api.request('POST', '/api/v1/users/invitations', { token: admin, body: { email: 'getrennt@agency.example', displayName: 'Getrennt', roles: ['finance'] } });
      expect(res.status).toBe(201);
      await new Promise((r) => setTimeout(r, 500));
      expect(api.smtp.to('getrennt@agency.example')).toHaveLength(0);

      const worker = await NestFactory.createApplicationContext(AppModule.forRoot({ ...api.config, role: 'worker' }), { logger: false });
      try {
        await worker.init();
        await api.smtp.waitFor('getrennt@agency.example');
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
    }
  });
});
