import { ChildProcess, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { FIGURES, Figure } from './figures';
import { dropCall, dropCases, seedCases, seedJuryCall } from './seed';

/**
 * `npm run bench [-- <figure> …]`: seeds its own database (reused while the seed is unchanged), starts the service
 * as built and the bare baseline, measures each figure on both sides in alternating rounds and exits 1 when a
 * goal is missed. BENCH_SECONDS (per side and round, default 10) and BENCH_ROUNDS (default 3) trade time for noise.
 */
const ROOT = path.resolve(__dirname, '../..');
const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const DB = process.env.BENCH_DATABASE ?? 'foerderwerk_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const APP_PORT = Number(process.env.BENCH_PORT ?? 46601);
export const SIZE = { cases: 100_000, rankingConcepts: 5_000, reviewsEach: 3 };
export const PASSWORD = 'bench-passwort-2024';
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config: { nodeOptions: string } };

export interface Server {
  url: string;
  pid: number;
  /** Resident set size in MB (the process alone, children not counted). */
  rss(): number;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

const children: ChildProcess[] = [];
function stopAll(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process ended with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function start(script: string, env: Record<string, string>, name: string, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to look into a figure
  // the start scripts' V8 settings (package.json config.nodeOptions), as `npm start` runs the service
  const nodeArgs = [...(script.startsWith('dist/src/') ? PACKAGE.config.nodeOptions.split(' ') : []), ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'pipe'] });
  child.stderr!.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  children.push(child);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const ended = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await ended;
}

/** The service's environment: production, its secrets made up for this run, mails into a local sink. */
function appEnv(smtpUrl: string): Record<string, string> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'fw-bench-'));
  const keyFile = path.join(tmp, 'audit-signing-key.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  return {
    NODE_ENV: 'production',
    PORT: String(APP_PORT),
    DATABASE_URL: `${SERVER}/${DB}`,
    REDIS_URL,
    SMTP_URL: smtpUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `fw-bench-${process.pid}`,
    LOG_LEVEL: 'warn',
    // one client address sends every login
    LOGIN_ADDRESS_RATE_LIMIT: '1000',
    LOGIN_RATE_LIMIT: '1000',
    GUIDELINES_DIR: path.join(ROOT, 'config/guidelines'),
    TEXTS_DIR: path.join(ROOT, 'config/texts'),
    DOCUMENTS_DIR: path.join(tmp, 'documents'),
    MAIL_DIR: path.join(tmp, 'mail'),
    AUDIT_SIGNING_KEY_FILE: keyFile,
    AUDIT_CHECKPOINT_DIR: path.join(tmp, 'checkpoints'),
    AUDIT_CHECKPOINT_INTERVAL_MS: '0',
  };
}

export class Service {
  api!: ChildProcess;
  worker!: ChildProcess;
  startMs = 0;
  readonly url = `http://127.0.0.1:${APP_PORT}`;
  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const t0 = performance.now();
    this.api = start('dist/src/main.js', { ...this.env, APP_ROLE: 'api' }, 'app');
    await waitHealthy(this.url, this.api);
    this.startMs = performance.now() - t0;
    this.worker = start('dist/src/worker.js', this.env, 'worker', 'pipe');
    // a figure measured while the worker is still starting would share the two cores with its start
    await new Promise<void>((resolve, reject) => {
      let out: string | null = '';
      this.worker.stdout!.on('data', (d) => {
        if (out === null) return; // read on, so that the worker never blocks on a full pipe
        out += d;
        if (out.includes('worker running')) {
          out = null;
          resolve();
        }
      });
      this.worker.once('exit', (code) => reject(new Error(`the worker ended with ${code}`)));
    });
  }

  async stop(): Promise<void> {
    await Promise.all([stop(this.api), stop(this.worker)]);
  }

  server(): Server {
    const pid = this.api.pid!;
    return { url: this.url, pid, rss: () => rssOf(pid) };
  }

  async login(email = 'sachbearbeitung@bench.example'): Promise<string> {
    const res = await fetch(`${this.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }
}

export async function startBare(port: number): Promise<Server & { stop(): Promise<void> }> {
  const child = start('dist/bench/bare.js', { PORT: String(port), DATABASE_URL: `${SERVER}/${DB}` }, 'bare');
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return { url, pid: child.pid!, rss: () => rssOf(child.pid!), stop: () => stop(child) };
}

export async function withDb<T>(fn: (c: Client) => Promise<T>, database = DB): Promise<T> {
  const c = new Client({ connectionString: `${SERVER}/${database}` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The seed's identity: its code, the migrations and the sizes. A database seeded with another is seeded afresh. */
function seedVersion(): string {
  const h = createHash('sha256');
  const migrations = readdirSync(path.join(ROOT, 'dist/migrations')).filter((f) => f.endsWith('.js')).sort();
  for (const f of ['bench/seed.js', ...migrations.map((m) => `migrations/${m}`)]) h.update(readFileSync(path.join(ROOT, 'dist', f)));
  return h.update(JSON.stringify(SIZE)).digest('hex').slice(0, 16);
}

async function ensureSeed(env: Record<string, string>): Promise<void> {
  const version = seedVersion();
  const current = await withDb((c) => c.query(`SELECT version FROM bench_seed`).then((r) => r.rows[0]?.version as string)).catch(() => null);
  if (current === version) {
    // earlier runs' writes (saves, jury outcomes, payment runs) were undone, leaving dead rows that the list's index
    // scans step over (half its throughput once): every run starts from a vacuumed database
    await withDb((c) => c.query('VACUUM ANALYZE'));
    console.log(`seed ${version}: reused (${DB}), vacuumed`);
    return;
  }
  const t0 = performance.now();
  if (!/bench/.test(DB)) throw new Error(`refusing to seed ${DB}: its name lacks "bench"`);
  await withDb((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${DB}`)), 'postgres');
  // the service migrates the new database and loads the guidelines and their calls
  const service = new Service(env);
  await service.start();
  await service.stop();
  const argon2 = await import('argon2');
  const passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  await withDb(async (c) => {
    const query = (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows);
    await seedCases(query, { cases: SIZE.cases, passwordHash });
    await seedJuryCall(query, { guidelineCode: 'frl-lifd', callCode: 'bench-ranking', concepts: SIZE.rankingConcepts, reviewsEach: SIZE.reviewsEach, reviewers: 60, passwordHash });
    await c.query('VACUUM ANALYZE');
    await c.query(`CREATE TABLE bench_seed (version text NOT NULL)`);
    await c.query(`INSERT INTO bench_seed VALUES ($1)`, [version]);
  });
  console.log(`seed ${version}: ${SIZE.cases} cases seeded into ${DB} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

export interface Row {
  figure: string;
  app: string;
  bare: string;
  ratio: string;
  goal: string;
  met: boolean;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !FIGURES.some((f) => f.name === w));
  if (unknown.length) throw new Error(`unknown figure(s) ${unknown.join(', ')}; known: ${FIGURES.map((f) => f.name).join(', ')}`);
  const figures: Figure[] = wanted.length ? FIGURES.filter((f) => wanted.includes(f.name)) : FIGURES;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (s, _x, cb) => s.on('end', () => cb()).resume() });
  await new Promise<void>((r) => smtp.listen(APP_PORT + 98, '127.0.0.1', r));
  const env = appEnv(`smtp://127.0.0.1:${APP_PORT + 98}`);
  await ensureSeed(env);
  const rows: Row[] = [];
  const ctx = { env, bench: { seconds: Number(process.env.BENCH_SECONDS ?? 10), rounds: Number(process.env.BENCH_ROUNDS ?? 3), barePort: APP_PORT + 1 }, withDb, startBare, Service, PASSWORD, seedJuryCall, dropCall, dropCases };
  for (const f of figures) {
    console.log(`\n== ${f.name}: ${f.title}`);
    for (const row of await f.run(ctx)) {
      rows.push(row);
      console.log(`   ${row.figure}: app ${row.app} | bare ${row.bare} | ratio ${row.ratio} | goal ${row.goal}: ${row.met ? 'met' : 'MISSED'}`);
    }
  }
  smtp.close();
  console.log('\n| figure | app | bare | app/bare | goal | met |\n| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.figure} | ${r.app} | ${r.bare} | ${r.ratio} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`);
  const missed = rows.filter((r) => !r.met);
  if (missed.length) {
    console.log(`\n${missed.length} goal(s) missed`);
    process.exitCode = 1;
  }
}

export type BenchContext = {
  env: Record<string, string>;
  bench: { seconds: number; rounds: number; barePort: number };
  withDb: typeof withDb;
  startBare: typeof startBare;
  Service: typeof Service;
  PASSWORD: string;
  seedJuryCall: typeof seedJuryCall;
  dropCall: typeof dropCall;
  dropCases: typeof dropCases;
};

if (require.main === module) {
  main().then(
    () => process.exit(),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
