import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Role } from '../auth/roles';

/** Published in the source: accepted only in development and test, never where real data is. */
export const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

/** The environment, validated at boot (fail fast, naming the variable). */
class Environment {
  /** Production unless development or test is asked for: a forgotten NODE_ENV must not open the service. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'production';

  @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+(\?.*)?$/, { message: 'must be a postgres:// URL naming a database' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/foerderwerk';

  @Matches(/^rediss?:\/\/.+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Without it, in development and test, mails are written as .eml files to MAIL_DIR. */
  @IsOptional() @Matches(/^smtps?:\/\/.+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString() @MinLength(3)
  MAIL_FROM = 'Förderwerk <noreply@foerderwerk.example>';

  @IsString() @MinLength(8)
  DEMO_PASSWORD = 'demo-passwort-2024';

  @IsString() @MinLength(32)
  JWT_SECRET = DEV_JWT_SECRET;

  @IsInt() @Min(30) @Max(86400)
  JWT_TTL_SECONDS = 900;

  @IsInt() @Min(1) @Max(24 * 30)
  INVITATION_TTL_HOURS = 72;

  @IsInt() @Min(5) @Max(24 * 60)
  PASSWORD_RESET_TTL_MINUTES = 60;

  @IsInt() @Min(1) @Max(365)
  REFRESH_TTL_DAYS = 14;

  @IsInt() @Min(1) @Max(1000)
  LOGIN_RATE_LIMIT = 10;

  /** Attempts from one client address (against any accounts) in the window; LOGIN_RATE_LIMIT counts per account. */
  @IsInt() @Min(1) @Max(100_000)
  LOGIN_ADDRESS_RATE_LIMIT = 50;

  @IsInt() @Min(1000) @Max(3_600_000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  /** Requests per client address to public endpoints (notice verification, open calls) within PUBLIC_RATE_WINDOW_MS. */
  @IsInt() @Min(1) @Max(100_000)
  PUBLIC_RATE_LIMIT = 60;

  @IsInt() @Min(1000) @Max(3_600_000)
  PUBLIC_RATE_WINDOW_MS = 60_000;

  /** Base of links in mails; defaults to http://localhost:<PORT>. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsString()
  GUIDELINES_DIR = 'config/guidelines';

  /** The wording of the platform's own mails (platform.yaml). */
  @IsString()
  TEXTS_DIR = 'config/texts';

  /** The published base rates (Basiszinssatz) loaded at start where the database lacks them. */
  @IsString()
  BASE_RATES_FILE = 'config/base-rates.yaml';

  @IsString()
  DOCUMENTS_DIR = 'var/documents';

  /** Where document bytes live: the folder DOCUMENTS_DIR, or an S3-compatible bucket (S3_*). */
  @IsIn(['local', 's3'])
  DOCUMENTS_STORAGE = 'local';

  /** Endpoint of an S3-compatible store (MinIO, Ceph, …); without it, AWS S3 of S3_REGION. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsOptional() @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  S3_BUCKET?: string;

  @IsString() @MinLength(1)
  S3_REGION = 'eu-central-1';

  /** Bucket in the path (http://host/bucket/key) rather than in the host name; most self-hosted stores need it. */
  @IsIn(['true', 'false'])
  S3_FORCE_PATH_STYLE = 'false';

  /** Without a key pair, the AWS default chain applies (AWS_* variables, instance or container role). */
  @IsOptional() @IsString()
  S3_ACCESS_KEY_ID?: string;

  /** Or S3_SECRET_ACCESS_KEY_FILE, a file holding it (e.g. a container secret). */
  @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY_FILE?: string;

  @IsString()
  MAIL_DIR = 'var/mail';

  /** The built browser UI (npm run build:web), served under /. */
  @IsString()
  WEB_DIR = 'web/dist';

  @IsIn(['all', 'api', 'worker'])
  APP_ROLE = 'all';

  /** Separates the BullMQ keys of several installations (and test files) sharing one Redis. */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be letters, digits, _ or -' })
  QUEUE_PREFIX = 'fw';

  @IsInt() @Min(10) @Max(60_000)
  OUTBOX_POLL_MS = 500;

  /** An outbox row dispatched this long ago (or this long after it was due) without its job completing is dispatched again. */
  @IsInt() @Min(1000) @Max(86_400_000)
  OUTBOX_REDISPATCH_AFTER_MS = 300_000;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose', 'silent'])
  LOG_LEVEL = 'log';

  /** PostgreSQL role the service's connections switch to (SET ROLE) after migrating as the owner; 'none' keeps the owner. */
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'must be a plain lower-case role name (or none)' })
  DATABASE_APP_ROLE = 'foerderwerk_app';

  /** Waiting for a database connection (new, or free in the full pool) longer than this answers 503. */
  @IsInt() @Min(100) @Max(60_000)
  DATABASE_CONNECT_TIMEOUT_MS = 3000;

  /** PostgreSQL cancels a statement of the service running longer than this (statement_timeout). */
  @IsInt() @Min(100) @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 5000;

  /** The client gives up on a statement the server has not answered (a frozen server); above the statement timeout. */
  @IsInt() @Min(100) @Max(3_600_000)
  DATABASE_QUERY_TIMEOUT_MS = 6000;

  /** PostgreSQL ends a session whose transaction stays idle this long (idle_in_transaction_session_timeout). */
  @IsInt() @Min(100) @Max(3_600_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /** Ed25519 private key (PEM) that signs audit checkpoints; or AUDIT_SIGNING_KEY_FILE. Required in production. */
  @IsOptional() @IsString()
  AUDIT_SIGNING_KEY?: string;

  /** In development and test a key is generated into this file when it is missing. */
  @IsString()
  AUDIT_SIGNING_KEY_FILE = 'var/audit/signing-key.pem';

  /** Earlier public keys (PEM, one or more per file, several files separated by ','), to verify old checkpoints after a key rotation. */
  @IsOptional() @IsString()
  AUDIT_VERIFY_KEY_FILES?: string;

  /** Directory (outside the database) where signed checkpoints are appended as JSON lines. */
  @IsString()
  AUDIT_CHECKPOINT_DIR = 'var/audit/checkpoints';

  /** A checkpoint of the chain head every this many ms in the worker; 0 switches the timer off. */
  @IsInt() @Min(0) @Max(7 * 86_400_000)
  AUDIT_CHECKPOINT_INTERVAL_MS = 900_000;
  /** How many reverse proxies in front of the API are trusted to set X-Forwarded-For (0: the socket's address counts). */
  @IsInt() @Min(0) @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** Serve the OpenAPI UI and JSON (/api/docs, /api/docs-json) in production too; always on in development and test. */
  @IsIn(['true', 'false'])
  OPENAPI_UI = 'false';

  /** Comma-separated roles that must log in with TOTP as a second factor (production: approver,finance,admin). */
  @Matches(/^\s*((applicant|caseworker|reviewer|approver|finance|auditor|admin)\s*(,\s*|$))*$/, { message: 'must be a comma-separated list of roles' })
  TOTP_REQUIRED_ROLES = '';

  /** Bearer token that GET /metrics on the API port requires (and the METRICS_PORT server too); unset: no /metrics on the API port. */
  @IsOptional() @IsString() @MinLength(32)
  METRICS_TOKEN?: string;

  /** Port of a separate Prometheus endpoint (GET /metrics) in this process, API or worker; 0: none. Keep it off the internet. */
  @IsInt() @Min(0) @Max(65535)
  METRICS_PORT = 0;

  /** false: API and worker processes leave migrations and guideline loading to `npm run release` (and refuse a database that lacks migrations). */
  @IsIn(['true', 'false'])
  MIGRATE_ON_START = 'true';

  /** On SIGTERM/SIGINT, in-flight requests and running jobs get this long to finish; then the process exits with 1. */
  @IsInt() @Min(100) @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** When the daily sweep of overdue work (outbox rows due but not done) runs: a cron pattern in Europe/Berlin time. */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'must be a cron pattern of 5 or 6 fields' })
  DUE_SWEEP_CRON = '5 0 * * *';

  /** When reminders of proofs due and overdue go out (cron, Europe/Berlin): daily, in office hours. */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'must be a cron pattern of 5 or 6 fields' })
  REPORTING_REMINDER_CRON = '30 7 * * *';

  /** The publisher's registered 360Giving identifier prefix: every grant, funder and recipient id of the open data starts with it. */
  @Matches(/^360G-[A-Za-z0-9-]+$/, { message: 'must be a 360Giving prefix such as 360G-foerderwerk' })
  OPEN_DATA_PREFIX = '360G-foerderwerk';
}

export type AppConfig = Readonly<{
  env: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string;
  redisUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  demoPassword: string;
  demoPasswordIsDefault: boolean;
  jwtSecret: string;
  jwtTtlSeconds: number;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
  refreshTtlDays: number;
  loginRateLimit: number;
  loginAddressRateLimit: number;
  loginRateWindowMs: number;
  publicRateLimit: number;
  publicRateWindowMs: number;
  publicUrl: string;
  guidelinesDir: string;
  textsDir: string;
  baseRatesFile: string;
  documentsDir: string;
  /** The S3-compatible bucket documents are kept in; absent: the folder documentsDir. */
  documentsS3?: S3Settings;
  mailDir: string;
  webDir: string;
  role: 'all' | 'api' | 'worker';
  queuePrefix: string;
  outboxPollMs: number;
  outboxRedispatchAfterMs: number;
  logLevel: string;
  /** null: connections keep the owner role (tests that tamper as the owner; DATABASE_APP_ROLE=none). */
  databaseAppRole: string | null;
  databaseTimeouts: DatabaseTimeouts;
  auditSigningKey?: string;
  auditSigningKeyFile: string;
  auditVerifyKeyFiles: string[];
  auditCheckpointDir: string;
  auditCheckpointIntervalMs: number;
  trustProxyHops: number;
  openApiUi: boolean;
  /** Roles that need TOTP as a second factor; empty by default. */
  totpRequiredRoles: readonly Role[];
  metricsToken?: string;
  metricsPort: number;
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
  dueSweepCron: string;
  reportingReminderCron: string;
  openDataPrefix: string;
}>;

export type S3Settings = Readonly<{
  endpoint?: string;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: Readonly<{ accessKeyId: string; secretAccessKey: string }>;
}>;

/** Milliseconds; see the DATABASE_*_TIMEOUT_MS variables. Migrations (as the owner, at start) run without them. */
export type DatabaseTimeouts = Readonly<{ connectMs: number; statementMs: number; queryMs: number; idleInTransactionMs: number }>;

export class ConfigError extends Error {}

const NUMERIC = new Set(['PORT', 'JWT_TTL_SECONDS', 'INVITATION_TTL_HOURS', 'PASSWORD_RESET_TTL_MINUTES', 'REFRESH_TTL_DAYS', 'LOGIN_RATE_LIMIT', 'LOGIN_ADDRESS_RATE_LIMIT', 'LOGIN_RATE_WINDOW_MS', 'PUBLIC_RATE_LIMIT', 'PUBLIC_RATE_WINDOW_MS', 'OUTBOX_POLL_MS', 'TRUST_PROXY_HOPS', 'OUTBOX_REDISPATCH_AFTER_MS', 'AUDIT_CHECKPOINT_INTERVAL_MS', 'DATABASE_CONNECT_TIMEOUT_MS', 'DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_QUERY_TIMEOUT_MS', 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'METRICS_PORT', 'SHUTDOWN_TIMEOUT_MS']);

/**
 * Reads and validates the environment; throws a ConfigError naming every wrong variable.
 * `purpose: 'database-tool'` (migrations, audit verification) needs only the database and skips the checks of secrets.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env, opts: { purpose?: 'service' | 'database-tool' } = {}): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new Environment())) {
    const value = source[key];
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  if (source.SMTP_URL) raw.SMTP_URL = source.SMTP_URL;
  if (source.PUBLIC_URL) raw.PUBLIC_URL = source.PUBLIC_URL;
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')} (got ${JSON.stringify(source[e.property])})`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const s3 = env.DOCUMENTS_STORAGE === 's3' ? s3Settings(env) : undefined;
  // Below the statement timeout the client would drop healthy slow statements the server is about to cancel anyway.
  if (env.DATABASE_QUERY_TIMEOUT_MS <= env.DATABASE_STATEMENT_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid environment:\n  DATABASE_QUERY_TIMEOUT_MS: must be above DATABASE_STATEMENT_TIMEOUT_MS (${env.DATABASE_STATEMENT_TIMEOUT_MS}) (got ${env.DATABASE_QUERY_TIMEOUT_MS})`,
    );
  }
  if (env.NODE_ENV === 'production' && opts.purpose !== 'database-tool') {
    const missing = [
      env.JWT_SECRET === DEV_JWT_SECRET
        ? 'JWT_SECRET: must be set in production (the development secret is published in the source; set NODE_ENV=development for a local start)'
        : null,
      env.SMTP_URL ? null : 'SMTP_URL: must be set in production (mails are only written to files in development)',
      env.AUDIT_SIGNING_KEY || source.AUDIT_SIGNING_KEY_FILE ? null : 'AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE: must be set in production (the key that signs audit checkpoints)',
    ].filter(Boolean);
    if (missing.length) throw new ConfigError(`Invalid environment:\n  ${missing.join('\n  ')}`);
  }
  return Object.freeze({
    env: env.NODE_ENV as AppConfig['env'],
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    demoPassword: env.DEMO_PASSWORD,
    demoPasswordIsDefault: !source.DEMO_PASSWORD,
    jwtSecret: env.JWT_SECRET,
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    invitationTtlHours: env.INVITATION_TTL_HOURS,
    passwordResetTtlMinutes: env.PASSWORD_RESET_TTL_MINUTES,
    refreshTtlDays: env.REFRESH_TTL_DAYS,
    loginRateLimit: env.LOGIN_RATE_LIMIT,
    loginAddressRateLimit: env.LOGIN_ADDRESS_RATE_LIMIT,
    loginRateWindowMs: env.LOGIN_RATE_WINDOW_MS,
    publicRateLimit: env.PUBLIC_RATE_LIMIT,
    publicRateWindowMs: env.PUBLIC_RATE_WINDOW_MS,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    guidelinesDir: path.resolve(env.GUIDELINES_DIR),
    textsDir: path.resolve(env.TEXTS_DIR),
    baseRatesFile: path.resolve(env.BASE_RATES_FILE),
    documentsDir: path.resolve(env.DOCUMENTS_DIR),
    documentsS3: s3,
    mailDir: path.resolve(env.MAIL_DIR),
    webDir: path.resolve(env.WEB_DIR),
    role: env.APP_ROLE as AppConfig['role'],
    queuePrefix: env.QUEUE_PREFIX,
    outboxPollMs: env.OUTBOX_POLL_MS,
    outboxRedispatchAfterMs: env.OUTBOX_REDISPATCH_AFTER_MS,
    totpRequiredRoles: env.TOTP_REQUIRED_ROLES.split(',').map((r) => r.trim()).filter(Boolean) as Role[],
    logLevel: env.LOG_LEVEL,
    databaseAppRole: env.DATABASE_APP_ROLE === 'none' ? null : env.DATABASE_APP_ROLE,
    databaseTimeouts: Object.freeze({
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: env.DATABASE_QUERY_TIMEOUT_MS,
      idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    }),
    auditSigningKey: env.AUDIT_SIGNING_KEY,
    auditSigningKeyFile: path.resolve(env.AUDIT_SIGNING_KEY_FILE),
    auditVerifyKeyFiles: (env.AUDIT_VERIFY_KEY_FILES ?? '').split(',').map((f) => f.trim()).filter(Boolean).map((f) => path.resolve(f)),
    auditCheckpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR),
    auditCheckpointIntervalMs: env.AUDIT_CHECKPOINT_INTERVAL_MS,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    openApiUi: env.NODE_ENV !== 'production' || env.OPENAPI_UI === 'true',
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
    migrateOnStart: env.MIGRATE_ON_START === 'true',
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    dueSweepCron: env.DUE_SWEEP_CRON,
    reportingReminderCron: env.REPORTING_REMINDER_CRON,
    openDataPrefix: env.OPEN_DATA_PREFIX,
  });
}

function s3Settings(env: Environment): S3Settings {
  const problems: string[] = [];
  if (!env.S3_BUCKET) problems.push('S3_BUCKET: must be set when DOCUMENTS_STORAGE=s3');
  if (env.S3_SECRET_ACCESS_KEY && env.S3_SECRET_ACCESS_KEY_FILE) problems.push('S3_SECRET_ACCESS_KEY_FILE: give the secret or a file holding it, not both');
  let secret = env.S3_SECRET_ACCESS_KEY;
  if (env.S3_SECRET_ACCESS_KEY_FILE) {
    try {
      secret = readFileSync(env.S3_SECRET_ACCESS_KEY_FILE, 'utf8').trim();
    } catch (e) {
      problems.push(`S3_SECRET_ACCESS_KEY_FILE: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  if (!env.S3_ACCESS_KEY_ID !== !secret) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: give both or neither');
  if (problems.length) throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  return {
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials: env.S3_ACCESS_KEY_ID && secret ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: secret } : undefined,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
