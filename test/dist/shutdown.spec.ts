import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { builtDist } from '../support/built-dist';
import { cloneTemplate, databaseUrlFor, dropDatabase } from '../support/databases';
import { waitUntil } from '../support/test-app';
import { clearRedisPrefix, REDIS_URL, ServiceProcess } from './processes';

// Graceful shutdown of the built service (as `npm start` and `npm run start:worker` run it): on SIGTERM no new
// connections, work in flight finishes, exit 0 — within SHUTDOWN_TIMEOUT_MS, else exit 1.
const PORT = 46201;

/** An SMTP server that takes its time to accept each mail, as a slow mail relay does. */
class SlowSmtp {
  received = 0;
  accepted = 0;
  private readonly server: SMTPServer;

  constructor(delayMs: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        stream.resume();
        stream.on('end', () => {
          this.received++;
          setTimeout(() => {
            this.accepted++;
            callback();
          }, delayMs).unref();
        });
      },
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as { port: number }).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('graceful shutdown of the built service (SIGTERM)', () => {
  let dist: string;
  let dbName: string;
  let tmp: string;
  let db: Client;
  const processes: ServiceProcess[] = [];

  const env = (smtpUrl: string, extra: Record<string, string> = {}) => ({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrlFor(dbName),
    REDIS_URL,
    QUEUE_PREFIX: dbName,
    SMTP_URL: smtpUrl,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '50',
    DOCUMENTS_DIR: path.join(tmp, 'documents'),
    MAIL_DIR: path.join(tmp, 'mail'),
    AUDIT_SIGNING_KEY_FILE: path.join(tmp, 'audit/signing-key.pem'),
    AUDIT_CHECKPOINT_DIR: path.join(tmp, 'audit/checkpoints'),
    SHUTDOWN_TIMEOUT_MS: '8000',
    ...extra,
  });
  const start = (entry: 'main' | 'worker', vars: Record<string, string>) => {
    const p = new ServiceProcess(dist, entry, vars);
    processes.push(p);
    return p;
  };
  const addMail = async (to: string): Promise<string> =>
    (await db.query(`INSERT INTO outbox (job_name, payload) VALUES ('mail.send', $1) RETURNING id`, [{ to, subject: 'Langsam', text: 'Eine Mail.' }])).rows[0].id;

  beforeAll(async () => {
    [dist, dbName, tmp] = await Promise.all([builtDist(), cloneTemplate(), mkdtemp(path.join(tmpdir(), 'fw-shutdown-'))]);
    db = new Client({ connectionString: databaseUrlFor(dbName) });
    await db.connect();
  }, 200_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await db?.end();
    await dropDatabase(dbName);
    await clearRedisPrefix(dbName);
    await rm(tmp, { recursive: true, force: true });
  });

  it('API: refuses new connections at once, finishes the request in flight, exits 0', async () => {
    const smtp = new SlowSmtp(0);
    const api = start('main', env(await smtp.listen(), { APP_ROLE: 'api', PORT: String(PORT) }));
    try {
      await api.waitForOutput(/listening on/);
      // a notice uploaded slowly for verification: the request is in flight while its body streams in
      const body = Buffer.from('%PDF-1.4 ein langsam hochgeladener Bescheid');
      let answer: { status: number; body: string } | undefined;
      const upload = request({ host: '127.0.0.1', port: PORT, method: 'POST', path: '/api/v1/notices/verify', headers: { 'content-type': 'application/pdf' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => (answer = { status: res.statusCode!, body: text }));
      });
      upload.write(body.subarray(0, 10));
      await new Promise((r) => setTimeout(r, 300));

      const signalled = Date.now();
      api.signal('SIGTERM');
      await api.waitForOutput(/SIGTERM received/);
      await waitUntil('new connections are refused', () =>
        new Promise((resolve) => {
          const socket = connect(PORT, '127.0.0.1');
          socket.once('connect', () => (socket.destroy(), resolve(false)));
          socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
        }),
      );
      expect(api.running).toBe(true); // still serving the upload

      upload.end(body.subarray(10));
      await waitUntil('the upload is answered', async () => answer !== undefined);
      expect(answer!.status).toBe(200);
      expect(JSON.parse(answer!.body)).toEqual({ genuine: false, sha256: createHash('sha256').update(body).digest('hex') });
      expect(await api.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(8000);
      expect(api.output).toMatch(/shut down\n/);
    } finally {
      await api.stop();
      await smtp.close();
    }
  });

  it('worker: lets the job that is sending a mail finish and records it, then exits 0', async () => {
    const smtp = new SlowSmtp(2000);
    const worker = start('worker', env(await smtp.listen()));
    try {
      await worker.waitForOutput(/worker running/);
      const outboxId = await addMail('langsam@example.org');
      await waitUntil('the mail server has the mail (the job is running)', async () => smtp.received === 1);
      const signalled = Date.now();
      worker.signal('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeGreaterThan(1000); // it waited for the mail server
      expect(Date.now() - signalled).toBeLessThan(8000);
      expect(smtp.accepted).toBe(1);
      const { rows } = await db.query('SELECT o.completed_at, d.sent_at FROM outbox o JOIN mail_deliveries d ON d.idempotency_key = o.id::text WHERE o.id = $1', [outboxId]);
      expect(rows).toEqual([{ completed_at: expect.any(Date), sent_at: expect.any(Date) }]);
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });

  it('gives up after SHUTDOWN_TIMEOUT_MS with exit 1 when a job does not finish', async () => {
    const smtp = new SlowSmtp(20_000);
    const worker = start('worker', env(await smtp.listen(), { SHUTDOWN_TIMEOUT_MS: '1500' }));
    try {
      await worker.waitForOutput(/worker running/);
      const outboxId = await addMail('haengt@example.org');
      await waitUntil('the job is running', async () => smtp.received === 1);
      const signalled = Date.now();
      worker.signal('SIGTERM');
      expect(await worker.exited).toEqual({ code: 1, signal: null });
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(1400);
      expect(Date.now() - signalled).toBeLessThan(4000);
      expect(worker.output).toMatch(/not shut down within 1500 ms/);
      // not recorded as done: another worker takes the job over when its lock expires
      expect((await db.query('SELECT completed_at FROM outbox WHERE id = $1', [outboxId])).rows).toEqual([{ completed_at: null }]);
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });
});
