import Ajv from 'ajv';
import { TestApp } from '../support/test-app';

/**
 * The OpenAPI document is the contract clients are generated from: it must be a valid OpenAPI 3 document, every
 * operation must describe its success body, every error response must be the one ErrorDto, and every operation
 * with a UUID path id must document the 400 that ParseUUIDPipe answers.
 */

// No OpenAPI schema package is installed: this is a compact hand-written JSON Schema (draft-07) of the parts of
// OpenAPI 3.0 the document uses, strict where clients depend on it (paths, operations, responses, parameters, $refs).
const ref = { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string', pattern: '^#/components/schemas/[A-Za-z0-9_.-]+$' } } };
const schemaOrRef = { type: 'object' };
const mediaTypes = { type: 'object', patternProperties: { '^[a-z]+/[a-z0-9.+*-]+$': { type: 'object', properties: { schema: schemaOrRef } } }, additionalProperties: false };
const response = { type: 'object', required: ['description'], properties: { description: { type: 'string' }, content: mediaTypes, headers: { type: 'object' } } };
const parameter = {
  type: 'object',
  required: ['name', 'in'],
  properties: { name: { type: 'string', minLength: 1 }, in: { enum: ['path', 'query', 'header', 'cookie'] }, required: { type: 'boolean' }, schema: schemaOrRef, description: { type: 'string' } },
  if: { properties: { in: { const: 'path' } } },
  then: { required: ['name', 'in', 'required'], properties: { required: { const: true } } },
};
const operation = {
  type: 'object',
  required: ['responses'],
  properties: {
    operationId: { type: 'string' },
    summary: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    parameters: { type: 'array', items: { anyOf: [parameter, ref] } },
    requestBody: { type: 'object', required: ['content'], properties: { content: mediaTypes, required: { type: 'boolean' } } },
    responses: { type: 'object', minProperties: 1, propertyNames: { pattern: '^([1-5][0-9]{2}|[1-5]XX|default)$' }, additionalProperties: { anyOf: [response, ref] } },
    security: { type: 'array' },
  },
};
const OPENAPI_3 = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.[01]\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string' }, version: { type: 'string' }, description: { type: 'string' } } },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'parameters', 'summary', 'description', 'servers'] },
        properties: Object.fromEntries(['get', 'put', 'post', 'delete', 'patch'].map((m) => [m, operation])),
      },
    },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', propertyNames: { pattern: '^[A-Za-z0-9_.-]+$' }, additionalProperties: schemaOrRef },
        securitySchemes: { type: 'object' },
      },
    },
  },
};

type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
type Operation = { parameters?: { name: string; in: string; schema?: { format?: string } }[]; responses: Record<string, { content?: Record<string, { schema?: unknown }>; description: string }>; requestBody?: unknown };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let t: TestApp;
let doc: Doc;

beforeAll(async () => {
  t = await TestApp.start();
  const res = await t.request('GET', '/api/docs-json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => t?.close());

function operations(): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m): [string, Operation] => [`${m.toUpperCase()} ${path}`, item[m]]));
}

/** Every `$ref` anywhere in the document names an existing component. */
function danglingRefs(node: unknown, at = '#'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => danglingRefs(n, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => {
    if (k === '$ref' && typeof v === 'string') {
      const name = v.replace('#/components/schemas/', '');
      return doc.components.schemas[name] ? [] : [`${at}: ${v}`];
    }
    return danglingRefs(v, `${at}/${k}`);
  });
}

describe('the OpenAPI document', () => {
  it('is a structurally valid OpenAPI 3 document whose references all resolve', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(OPENAPI_3, doc);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(danglingRefs(doc)).toEqual([]);
    const ids = operations().map(([, op]) => (op as { operationId?: string }).operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every operation a 2xx response with a body schema (204 No Content has no body)', () => {
    const missing = operations()
      .filter(([, op]) => !Object.entries(op.responses).some(([status, r]) => status === '204' || (/^2/.test(status) && Object.values(r.content ?? {}).some((m) => m.schema))))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('documents every 4xx/5xx response as the one ErrorDto', () => {
    const wrong = operations().flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => /^[45]/.test(status))
        .filter(([, r]) => JSON.stringify(r.content ?? {}) !== JSON.stringify({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } }))
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('documents the 400 of every operation with a UUID path parameter', () => {
    const missing = operations()
      .filter(([, op]) => (op.parameters ?? []).some((p) => p.in === 'path' && p.schema?.format === 'uuid'))
      .filter(([, op]) => !op.responses['400'] || !/BAD_REQUEST/.test(op.responses['400'].description))
      .map(([name]) => name);
    expect(missing).toEqual([]);
    // the UUID ids are found from the routes' pipes: the case id is one, a guideline code is not
    const caseId = doc.paths['/api/v1/cases/{id}'].get.parameters!.find((p) => p.name === 'id')!;
    expect(caseId.schema?.format).toBe('uuid');
    const code = doc.paths['/api/v1/guidelines/{code}/versions'].get.parameters!.find((p) => p.name === 'code')!;
    expect(code.schema?.format).toBeUndefined();
  });

  it('answers a path id that is not a UUID with the documented 400', async () => {
    const admin = await t.createUser('admin@openapi.example', ['caseworker']);
    expect(admin).toBeTruthy();
    const res = await t.request('GET', '/api/v1/cases/not-a-uuid', { token: await t.login('admin@openapi.example') });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_REQUEST');
  });

  it('documents the request bodies of multipart uploads and of the PDF verification', () => {
    const upload = doc.paths['/api/v1/cases/{id}/attachments'].post.requestBody as { content: Record<string, { schema: { $ref: string } }> };
    const form = doc.components.schemas[upload.content['multipart/form-data'].schema.$ref.split('/').pop()!] as { properties: Record<string, { format?: string }> };
    expect(form.properties.file.format).toBe('binary');
    const verify = doc.paths['/api/v1/notices/verify'].post.requestBody as { content: Record<string, { schema: { format?: string } }> };
    expect(verify.content['application/pdf'].schema.format).toBe('binary');
  });

  it('keeps schemas of the same class name apart: opening a call takes the call to open, the open calls answer their view', () => {
    // two DTO classes named alike used to share one component, so the generated client typed the request wrongly
    const schemaOf = (node: unknown) => doc.components.schemas[(node as { $ref: string }).$ref.split('/').pop()!] as { properties: Record<string, unknown> };
    const open = doc.paths['/api/v1/guidelines/{code}/calls'].post.requestBody as { content: Record<string, { schema: unknown }> };
    expect(Object.keys(schemaOf(open.content['application/json'].schema).properties)).toEqual(expect.arrayContaining(['code', 'opensOn', 'deadline', 'budgets']));
    const list = doc.paths['/api/v1/calls'].get.responses['200'].content!['application/json'].schema as { items: unknown };
    expect(Object.keys(schemaOf(list.items).properties)).toEqual(expect.arrayContaining(['guidelineCode', 'callCode', 'conceptForm']));
  });

  it('documents the one error details shape in ErrorDto', () => {
    const error = doc.components.schemas.ErrorDto as { properties: { details: { properties: { problems: { items: { required: string[] } } } } } };
    expect(error.properties.details.properties.problems.items.required).toEqual(['code', 'message']);
  });
});
