import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults for local PostgreSQL and Redis', () => {
    const c = loadConfig({});
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

  it('names every wrong variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', REDIS_URL: 'y' })).toThrow(/PORT: [\s\S]*REDIS_URL: /);
  });

  it('refuses the development JWT secret and a missing SMTP server in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production\n  SMTP_URL: must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/^Invalid environment:\n  SMTP_URL: /);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail:25' })).toThrow(/AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE: must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail:25', AUDIT_SIGNING_KEY_FILE: '/etc/fw/audit.pem' }).env).toBe('production');
  });

  it('derives PUBLIC_URL from PORT unless set, so mail links reach this service', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3110' }).publicUrl).toBe('http://localhost:3110');
    expect(loadConfig({ PORT: '3110', PUBLIC_URL: 'https://foerderwerk.example/' }).publicUrl).toBe('https://foerderwerk.example');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL: /);
  });

  it('reads the lifetimes of password-reset links and refresh tokens', () => {
    expect(loadConfig({})).toMatchObject({ passwordResetTtlMinutes: 60, refreshTtlDays: 14 });
    expect(loadConfig({ PASSWORD_RESET_TTL_MINUTES: '30', REFRESH_TTL_DAYS: '7' })).toMatchObject({ passwordResetTtlMinutes: 30, refreshTtlDays: 7 });
    expect(() => loadConfig({ REFRESH_TTL_DAYS: '0' })).toThrow(/REFRESH_TTL_DAYS: /);
  });
});
