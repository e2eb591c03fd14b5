import { createHash } from 'node:crypto';
import { DocumentStore } from '../../src/platform/documents/document-store';
import { TestApp } from '../support/test-app';

describe('operations: health, OpenAPI, headers, one error format, documents', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('reports health of database and Redis at /health, without login', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('sets security headers on every answer, refusals and unknown paths too', async () => {
    const answers = [await t.request('GET', '/health'), await t.request('GET', '/api/v1/cases'), await t.request('GET', '/no-such-page'), await t.request('POST', '/api/v1/auth/login', { body: {} })];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 401]);
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
      );
    }
  });

  it('describes every endpoint in OpenAPI with its DTOs and error codes', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    const paths = Object.keys(doc.paths);
    for (const p of ['/health', '/health/live', '/health/ready', '/api/v1/auth/login', '/api/v1/auth/invitations/accept', '/api/v1/auth/me', '/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/users', '/api/v1/users/invitations', '/api/v1/audit/verify', '/api/v1/guidelines', '/api/v1/guidelines/{code}/versions', '/api/v1/cases/{id}', '/api/v1/cases/{id}/transitions']) {
      expect(paths).toContain(p);
    }
    // every operation documents its success and at least one error, with the common error body
    for (const [p, ops] of Object.entries<Record<string, { responses: Record<string, { description: string; content?: unknown }> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        expect({ op: `${method} ${p}`, ok: statuses.some((s) => s.startsWith('2')) }).toEqual({ op: `${method} ${p}`, ok: true });
        // public and without input: no client error; liveness asks no backing service, so it has no 503 either
        if (['get /api/v1/calls', 'get /health/live'].includes(`${method} ${p}`)) continue;
        expect({ op: `${method} ${p}`, errors: statuses.some((s) => Number(s) >= 400) }).toEqual({ op: `${method} ${p}`, errors: true });
      }
    }
    const invite = doc.paths['/api/v1/users/invitations'].post;
    expect(invite.responses['409'].description).toContain('EMAIL_TAKEN');
    expect(invite.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/InviteUserDto');
    expect(Object.keys(doc.components.schemas.InviteUserDto.properties)).toEqual(['team', 'email', 'displayName', 'roles', 'organisationId']);
    expect(doc.components.schemas.ErrorDto.required).toEqual(['code', 'message']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the OpenAPI UI', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('swagger-ui');
  });

  it('answers every kind of error as {code, message}', async () => {
    const unknownRoute = await t.request('GET', '/api/v1/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/\.$/) });

    const badJson = await t.request('POST', '/api/v1/auth/login', { body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toEqual({ code: 'BAD_REQUEST', message: expect.any(String) });

    const tooLarge = await t.request('POST', '/api/v1/auth/invitations/accept', {
      body: JSON.stringify({ token: 'x'.repeat(2 * 1024 * 1024), password: 'y' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');

    const wrongType = await t.request('POST', '/api/v1/auth/invitations/accept', { body: '<token>x</token>', headers: { 'content-type': 'application/xml' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const badUuid = await t.request('GET', '/api/v1/cases/not-a-uuid', { token: await tokenFor(t, 'caseworker@agency.example', 'caseworker') });
    expect(badUuid.status).toBe(400);
    expect(badUuid.body.code).toBe('BAD_REQUEST');
  });

  it('stores documents by SHA-256, once per content, and checks them on reading', async () => {
    const store = t.app.get(DocumentStore);
    const pdf = Buffer.from('%PDF-1.7\n% Förderwerk\n');
    const hash = await store.put(pdf, 'application/pdf');
    expect(hash).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await store.put(pdf, 'application/pdf')).toBe(hash);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM documents');
    expect(count).toBe(1);
    expect((await store.get(hash)).data.equals(pdf)).toBe(true);
    await expect(store.get('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

async function tokenFor(t: TestApp, email: string, role: 'caseworker'): Promise<string> {
  await t.createUser(email, [role]);
  return t.login(email);
}
