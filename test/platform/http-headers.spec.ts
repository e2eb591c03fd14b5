import { generateKeyPairSync } from 'node:crypto';
import { TestApp } from '../support/test-app';

/** Issue 9.11: authenticated answers are never cached; the OpenAPI UI and JSON are off in production unless enabled. */
describe('Cache-Control on authenticated answers', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.createUser('admin@agency.example', ['admin']);
    admin = await t.login('admin@agency.example');
  });
  afterAll(() => t.close());

  it('answers no-store to every request with a bearer token, successful or not', async () => {
    for (const url of ['/api/v1/me/tasks', '/api/v1/users', '/api/v1/cases/00000000-0000-4000-8000-000000000000']) {
      const res = await t.request('GET', url, { token: admin });
      expect({ url, cacheControl: res.headers['cache-control'] }).toEqual({ url, cacheControl: 'no-store' });
    }
  });

  it('answers no-store to the login (tokens in the body and a cookie)', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email: 'admin@agency.example', password: 'falsch-falsch-falsch' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('leaves public answers without a token alone', async () => {
    const res = await t.request('GET', '/api/v1/calls');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).not.toBe('no-store');
  });
});

describe('OpenAPI UI and document', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-forty-characters!',
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };

  it('are off in production unless OPENAPI_UI=true', async () => {
    const t = await TestApp.start({ env: production });
    try {
      expect((await t.request('GET', '/api/docs-json')).status).toBe(404);
      expect((await t.request('GET', '/api/docs')).status).toBe(404);
      expect((await t.request('GET', '/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('are served in production with OPENAPI_UI=true, and in test', async () => {
    for (const env of [{ ...production, OPENAPI_UI: 'true' }, {}]) {
      const t = await TestApp.start({ env });
      try {
        const res = await t.request('GET', '/api/docs-json');
        expect(res.status).toBe(200);
        expect(res.body.openapi).toMatch(/^3\./);
      } finally {
        await t.close();
      }
    }
  });
});
