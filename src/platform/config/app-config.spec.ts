import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults for local PostgreSQL and Redis', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c).toMatchObject({
      env: 'development',
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/foerderwerk',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: undefined,
      demoPasswordIsDefault: true,
    });
  });

  it('reads and converts values', () => {
    const c = loadConfig({ PORT: '8080', NODE_ENV: 'test', SMTP_URL: 'smtp://mail:25', DEMO_PASSWORD: 'ein-demo-passwort' });
    expect(c).toMatchObject({ port: 8080, env: 'test', smtpUrl: 'smtp://mail:25', demoPassword: 'ein-demo-passwort', demoPasswordIsDefault: false });
  });

  it.each([
    ['PORT', 'achtzig'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'localhost:6379'],
    ['SMTP_URL', 'mail.example'],
    ['NODE_ENV', 'staging'],
    ['DEMO_PASSWORD', 'kurz'],
  ])('stops on a wrong %s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid environment:\\n  ${name}: .*\\(got "${value}"\\)`));
  });

  it('bounds every wait for the database, with the client giving up only after the server would have (issue 9.4)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).databaseTimeouts).toEqual({ connectMs: 3000, statementMs: 5000, queryMs: 6000, idleInTransactionMs: 30_000 });
    const c = loadConfig({ NODE_ENV: 'test', DATABASE_CONNECT_TIMEOUT_MS: '500', DATABASE_STATEMENT_TIMEOUT_MS: '1000', DATABASE_QUERY_TIMEOUT_MS: '1500' });
    expect(c.databaseTimeouts).toMatchObject({ connectMs: 500, statementMs: 1000, queryMs: 1500 });
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_STATEMENT_TIMEOUT_MS: '8000' })).toThrow(/DATABASE_QUERY_TIMEOUT_MS: must be above DATABASE_STATEMENT_TIMEOUT_MS/);
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS: /);
  });

  it('names every wrong variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', REDIS_URL: 'y' })).toThrow(/PORT: [\s\S]*REDIS_URL: /);
  });

  it('refuses the development JWT secret and a missing SMTP server in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production.*\n  SMTP_URL: must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/^Invalid environment:\n  SMTP_URL: /);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail:25' })).toThrow(/AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE: must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail:25', AUDIT_SIGNING_KEY_FILE: '/etc/fw/audit.pem' }).env).toBe('production');
  });

  it('runs as production unless development or test is asked for, so the published secret stops the start (issue 9.1)', () => {
    expect(() => loadConfig({})).toThrow(/^Invalid environment:\n  JWT_SECRET: must be set in production/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25' })).toThrow(/JWT_SECRET: must be set in production/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET: must be set/);
    expect(loadConfig({ SMTP_URL: 'smtp://mail:25', JWT_SECRET: 'y'.repeat(32), AUDIT_SIGNING_KEY_FILE: '/etc/fw/audit.pem' }).env).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ env: 'development', jwtSecret: DEV_JWT_SECRET });
    expect(loadConfig({ NODE_ENV: 'test' }).jwtSecret).toBe(DEV_JWT_SECRET);
  });

  it('refuses a secret shorter than 32 characters everywhere', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      expect(() => loadConfig({ NODE_ENV, SMTP_URL: 'smtp://mail:25', JWT_SECRET: 'k'.repeat(31) })).toThrow(/JWT_SECRET: /);
    }
  });

  it('lets database tools (migrations, audit verification) run without the service secrets', () => {
    expect(loadConfig({}, { purpose: 'database-tool' }).databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/foerderwerk');
  });

  it('trusts no proxy hop unless configured and serves the OpenAPI UI in production only when enabled', () => {
    const prod = { SMTP_URL: 'smtp://mail:25', JWT_SECRET: 'y'.repeat(32), AUDIT_SIGNING_KEY_FILE: '/etc/fw/audit.pem' };
    expect(loadConfig(prod)).toMatchObject({ trustProxyHops: 0, openApiUi: false, loginRateLimit: 10, loginAddressRateLimit: 50 });
    expect(loadConfig({ ...prod, TRUST_PROXY_HOPS: '1', OPENAPI_UI: 'true' })).toMatchObject({ trustProxyHops: 1, openApiUi: true });
    expect(loadConfig({ NODE_ENV: 'development' }).openApiUi).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).openApiUi).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS: /);
    expect(() => loadConfig({ NODE_ENV: 'test', OPENAPI_UI: 'yes' })).toThrow(/OPENAPI_UI: /);
  });

  it('derives PUBLIC_URL from PORT unless set, so mail links reach this service', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ NODE_ENV: 'test', PORT: '3110' }).publicUrl).toBe('http://localhost:3110');
    expect(loadConfig({ NODE_ENV: 'test', PORT: '3110', PUBLIC_URL: 'https://foerderwerk.example/' }).publicUrl).toBe('https://foerderwerk.example');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL: /);
  });

  it('reads the lifetimes of password-reset links and refresh tokens', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ passwordResetTtlMinutes: 60, refreshTtlDays: 14 });
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_RESET_TTL_MINUTES: '30', REFRESH_TTL_DAYS: '7' })).toMatchObject({ passwordResetTtlMinutes: 30, refreshTtlDays: 7 });
    expect(() => loadConfig({ REFRESH_TTL_DAYS: '0' })).toThrow(/REFRESH_TTL_DAYS: /);
  });

  it('keeps documents in the local folder by default, or in an S3-compatible bucket', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).documentsS3).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', S3_BUCKET: 'ignored' }).documentsS3).toBeUndefined();
    const s3 = { NODE_ENV: 'test', DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'fw-documents' };
    expect(loadConfig(s3).documentsS3).toEqual({ endpoint: undefined, bucket: 'fw-documents', region: 'eu-central-1', forcePathStyle: false, credentials: undefined });
    expect(
      loadConfig({ ...s3, S3_ENDPOINT: 'http://minio:9000', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'fw', S3_SECRET_ACCESS_KEY: 'geheim-geheim' }).documentsS3,
    ).toEqual({ endpoint: 'http://minio:9000', bucket: 'fw-documents', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'fw', secretAccessKey: 'geheim-geheim' } });
  });

  it('reads the S3 secret from a file, and names what is missing or wrong', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fw-config-'));
    try {
      const file = path.join(dir, 's3-secret');
      writeFileSync(file, 'aus-der-datei\n');
      const s3 = { NODE_ENV: 'test', DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'fw-documents', S3_ACCESS_KEY_ID: 'fw' };
      expect(loadConfig({ ...s3, S3_SECRET_ACCESS_KEY_FILE: file }).documentsS3?.credentials).toEqual({ accessKeyId: 'fw', secretAccessKey: 'aus-der-datei' });
      expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY_FILE: path.join(dir, 'missing') })).toThrow(/S3_SECRET_ACCESS_KEY_FILE: cannot be read \(ENOENT\)/);
      expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY_FILE: file, S3_SECRET_ACCESS_KEY: 'x' })).toThrow(/S3_SECRET_ACCESS_KEY_FILE: give the secret or a file/);
      expect(() => loadConfig(s3)).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: give both or neither/);
      expect(() => loadConfig({ NODE_ENV: 'test', DOCUMENTS_STORAGE: 's3' })).toThrow(/^Invalid environment:\n  S3_BUCKET: must be set when DOCUMENTS_STORAGE=s3/);
      expect(() => loadConfig({ NODE_ENV: 'test', DOCUMENTS_STORAGE: 'nfs' })).toThrow(/DOCUMENTS_STORAGE: /);
      expect(() => loadConfig({ ...s3, S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET: must be an S3 bucket name/);
      expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
