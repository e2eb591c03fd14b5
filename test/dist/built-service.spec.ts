import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { LIFD_CONCEPT_FIELDS, LIFD_PLAN } from '../applications/fixtures';
import { databaseUrlFor, dropDatabase } from '../support/databases';
import { builtDist, NODE_OPTIONS, ROOT } from '../support/built-dist';
import { pdf } from '../support/multipart';
import { SmtpSink } from '../support/smtp-sink';
import { waitUntil } from '../support/test-app';

// The service as it ships: `nest build` (test/support/built-dist.ts), then `node dist/src/main.js` as `npm start` runs it, spoken to over
// real HTTP. Tests elsewhere boot the app in-process from the sources; this suite is the one that would have seen the
// 500 that the build's class-field semantics caused (issue 8.1).
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('the built service (dist/, as npm start runs it)', () => {
  const dbName = `foerderwerk_test_dist_${randomBytes(3).toString('hex')}`;
  let tmp: string;
  let smtp: SmtpSink;
  let child: ChildProcess;
  let base: string;
  let output = '';
  let startMs = 0;
  let main: string;

  const api = async (method: string, url: string, opts: { token?: string; body?: unknown; form?: FormData } = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.form ?? (opts.body !== undefined ? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)) : undefined),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  };
  const login = async (email: string) => {
    const res = await api('POST', '/api/v1/auth/login', { body: { email, password: 'demo-passwort-dist' } });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };

  beforeAll(async () => {
    main = path.join(await builtDist(), 'src/main.js');
    tmp = await mkdtemp(path.join(tmpdir(), 'fw-dist-'));
    smtp = await SmtpSink.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    child = spawn(process.execPath, [...NODE_OPTIONS, main], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development', // demo accounts
        PORT: String(port),
        DATABASE_URL: databaseUrlFor(dbName),
        REDIS_URL,
        QUEUE_PREFIX: dbName,
        SMTP_URL: smtp.url,
        DEMO_PASSWORD: 'demo-passwort-dist',
        DOCUMENTS_DIR: path.join(tmp, 'documents'),
        MAIL_DIR: path.join(tmp, 'mail'),
        AUDIT_SIGNING_KEY_FILE: path.join(tmp, 'audit/signing-key.pem'), // generated (development)
        AUDIT_CHECKPOINT_DIR: path.join(tmp, 'audit/checkpoints'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitUntil(`the built service answers /health (output: ${output})`, async () => {
      if (child.exitCode !== null) throw new Error(`dist/src/main.js exited with ${child.exitCode}: ${output}`);
      return fetch(`${base}/health`).then((r) => r.status === 200, () => false);
    }, 30_000);
    startMs = Date.now() - started;
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await smtp?.close();
    await dropDatabase(dbName);
    await rm(tmp, { recursive: true, force: true });
  });

  it('without NODE_ENV runs as production: the published development secret stops the start (issue 9.1)', () => {
    const env = { PATH: process.env.PATH, DATABASE_URL: databaseUrlFor(dbName), REDIS_URL, SMTP_URL: smtp.url, PORT: '0', LOG_LEVEL: 'warn' };
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [main], { cwd: ROOT, env, stdio: 'pipe', timeout: 20_000 });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      failure = { status: err.status, stderr: String(err.stderr) };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toMatch(/did not start: Invalid environment:\n  JWT_SECRET: must be set in production/);
  });

  it('starts from nothing: creates and migrates its database and answers healthy', async () => {
    expect(output).toContain(`created database ${dbName}`);
    expect(output).toMatch(/applied migrations: /);
    expect(startMs).toBeLessThan(30_000);
    const health = await api('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok' });
  });

  it('runs as the app role and anchors the audit trail with a signed checkpoint in its directory', async () => {
    const admin = await login('admin@demo.example');
    const checkpoint = await api('POST', '/api/v1/audit/checkpoints', { token: admin });
    expect(checkpoint.status).toBe(201);
    const lines = (await readFile(path.join(tmp, 'audit/checkpoints/checkpoints.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toEqual(checkpoint.body);
    const verified = await api('GET', '/api/v1/audit/verify', { token: admin });
    expect(verified.body).toMatchObject({ intact: true, checkpoints: { checked: lines.length, contradicted: null, rejected: [] } });
    const c = new Client({ connectionString: databaseUrlFor(dbName) });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT has_table_privilege('foerderwerk_app', 'audit_entries', 'DELETE') AS del, has_table_privilege('foerderwerk_app', 'audit_entries', 'INSERT') AS ins`);
      expect(rows).toEqual([{ del: false, ins: true }]);
    } finally {
      await c.end();
    }
  });

  it('lets the programme owner open a call running from yesterday for two months', async () => {
    const admin = await login('admin@demo.example');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const year = new Date().getUTCFullYear();
    const opened = await api('POST', '/api/v1/guidelines/frl-lifd/calls', {
      token: admin,
      body: { code: 'dist-1', title: 'Aufruf des Abnahmetests', opensOn: day(-1), deadline: day(60), budgets: [1, 2].map((n) => ({ fiscalYear: year + n, amountCents: 100_000_000 })) },
    });
    expect(opened.status).toBe(201);
    const calls = await api('GET', '/api/v1/calls');
    expect(calls.body.map((c: { callCode: string }) => c.callCode)).toContain('dist-1');
  });

  it('carries a concept from draft to submission; a save without thirdPartyFunds or with only form fields keeps the plan', async () => {
    const applicant = await login('applicant@demo.example');
    const created = await api('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: 'dist-1' } });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId;

    // issue 8.1: costs but no thirdPartyFunds answered 500 from dist/
    const { thirdPartyFunds: _omitted, ...planWithoutFunds } = LIFD_PLAN;
    const saved = await api('PUT', `/api/v1/cases/${caseId}/concept`, { token: applicant, body: { version: 1, fields: LIFD_CONCEPT_FIELDS, ...planWithoutFunds } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, grantCents: 11_000_000, thirdPartyFunds: [] });

    // issue 8.2: a save of form fields alone keeps the grant and its calculation
    const fieldsOnly = await api('PUT', `/api/v1/cases/${caseId}/concept`, { token: applicant, body: { version: 2, fields: { summary: 'Ein offener Makerspace mit Lasercutter, 3D-Druck und Elektronikwerkstatt.' } } });
    expect(fieldsOnly.status).toBe(200);
    expect(fieldsOnly.body.grantCents).toBe(11_000_000);
    expect(fieldsOnly.body.calculation).not.toBeNull();
    expect(fieldsOnly.body.costs).toHaveLength(2);

    for (const type of ['concept_document', 'cost_estimate']) {
      const form = new FormData();
      form.append('file', new Blob([pdf(type)], { type: 'application/pdf' }), `${type}.pdf`);
      const up = await api('POST', `/api/v1/cases/${caseId}/attachments?type=${type}`, { token: applicant, form });
      expect(up.status).toBe(201);
    }
    const submitted = await api('POST', `/api/v1/cases/${caseId}/concept/submit`, { token: applicant });
    expect(submitted.status).toBe(200);
    expect(submitted.body.fileNumber).toBe('LIfD-dist-1-000001');

    const caseworker = await login('caseworker@demo.example');
    const listed = await api('GET', `/api/v1/cases?q=${encodeURIComponent(submitted.body.fileNumber)}`, { token: caseworker });
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(listed.body.items[0].grantCents).toBe(11_000_000);
  });

  it('answers what a client can send with a 4xx, never a 5xx', async () => {
    const applicant = await login('applicant@demo.example');
    const bodies: unknown[] = ['{"version":', '[]', 'null', { version: 'eins' }, { version: 1, costs: 'viele' }, { version: 1, costs: [{}] }, { version: 1, thirdPartyFunds: [null] }, { version: 1, unknown: true }, { version: 1, fields: [] }];
    const created = await api('POST', '/api/v1/concepts', { token: applicant, body: { guidelineCode: 'frl-lifd', callCode: 'dist-1' } });
    for (const body of bodies) {
      const res = await api('PUT', `/api/v1/cases/${created.body.caseId}/concept`, { token: applicant, body });
      expect({ body, status: res.status }).toEqual({ body, status: expect.any(Number) });
      expect({ body, status: res.status < 500 && res.status >= 400 }).toEqual({ body, status: true });
      expect(res.body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    expect((await api('GET', `/api/v1/cases/${created.body.caseId}/concept`, { token: applicant })).body.version).toBe(1);
  });
});
