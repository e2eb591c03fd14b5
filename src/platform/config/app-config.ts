import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import * as path from 'node:path';
import type { Role } from '../auth/roles';

const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

/** The environment, validated at boot (fail fast, naming the variable). */
class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

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

  @IsInt() @Min(1000) @Max(3_600_000)
  LOGIN_RATE_WINDOW_MS = 60_000;

  /** Base of links in mails; defaults to http://localhost:<PORT>. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsString()
  GUIDELINES_DIR = 'config/guidelines';

  /** The wording of the platform's own mails (platform.yaml). */
  @IsString()
  TEXTS_DIR = 'config/texts';

  @IsString()
  DOCUMENTS_DIR = 'var/documents';

  @IsString()
  MAIL_DIR = 'var/mail';

  @IsIn(['all', 'api', 'worker'])
  APP_ROLE = 'all';

  /** Separates the BullMQ keys of several installations (and test files) sharing one Redis. */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be letters, digits, _ or -' })
  QUEUE_PREFIX = 'fw';

  @IsInt() @Min(10) @Max(60_000)
  OUTBOX_POLL_MS = 500;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose', 'silent'])
  LOG_LEVEL = 'log';

  /** Comma-separated roles that must log in with TOTP as a second factor (production: approver,finance,admin). */
  @Matches(/^\s*((applicant|caseworker|reviewer|approver|finance|auditor|admin)\s*(,\s*|$))*$/, { message: 'must be a comma-separated list of roles' })
  TOTP_REQUIRED_ROLES = '';
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
  loginRateWindowMs: number;
  publicUrl: string;
  guidelinesDir: string;
  textsDir: string;
  documentsDir: string;
  mailDir: string;
  role: 'all' | 'api' | 'worker';
  queuePrefix: string;
  outboxPollMs: number;
  logLevel: string;
  /** Roles that need TOTP as a second factor; empty by default. */
  totpRequiredRoles: readonly Role[];
}>;

export class ConfigError extends Error {}

const NUMERIC = new Set(['PORT', 'JWT_TTL_SECONDS', 'INVITATION_TTL_HOURS', 'PASSWORD_RESET_TTL_MINUTES', 'REFRESH_TTL_DAYS', 'LOGIN_RATE_LIMIT', 'LOGIN_RATE_WINDOW_MS', 'OUTBOX_POLL_MS']);

/** Reads and validates the environment; throws a ConfigError naming every wrong variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
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
  if (env.NODE_ENV === 'production') {
    const missing = [
      env.JWT_SECRET === DEV_JWT_SECRET ? 'JWT_SECRET: must be set in production' : null,
      env.SMTP_URL ? null : 'SMTP_URL: must be set in production (mails are only written to files in development)',
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
    loginRateWindowMs: env.LOGIN_RATE_WINDOW_MS,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    guidelinesDir: path.resolve(env.GUIDELINES_DIR),
    textsDir: path.resolve(env.TEXTS_DIR),
    documentsDir: path.resolve(env.DOCUMENTS_DIR),
    mailDir: path.resolve(env.MAIL_DIR),
    role: env.APP_ROLE as AppConfig['role'],
    queuePrefix: env.QUEUE_PREFIX,
    outboxPollMs: env.OUTBOX_POLL_MS,
    totpRequiredRoles: env.TOTP_REQUIRED_ROLES.split(',').map((r) => r.trim()).filter(Boolean) as Role[],
    logLevel: env.LOG_LEVEL,
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
