import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../src/platform/clock';
import { Steps } from '../applications/fixtures';
import { TestApp } from '../support/test-app';

/**
 * Issue 9, finding 5: every write operation of the OpenAPI document gets generated bodies (random JSON, its own schema
 * with a field mutated, deep nesting, NUL and unpaired surrogates) from each role; no answer may be a 5xx and every 4xx
 * has `{code, message}`. Seeded: FUZZ_SEED=<n> repeats a run; FUZZ_RUNS sets the bodies per operation.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

type Schema = { $ref?: string; type?: string; format?: string; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; oneOf?: Schema[]; anyOf?: Schema[]; allOf?: Schema[]; nullable?: boolean; minimum?: number; maximum?: number };
type Operation = { method: 'POST' | 'PUT' | 'PATCH'; path: string; schema?: Schema; json: boolean };

const weirdString = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\udfff', 'x\ud83d', '\u0000\ud800'), fc.string({ maxLength: 8 }))
  .map(([a, b, c]) => a + b + c);
const deepText = fc.integer({ min: 65, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  weirdString,
  fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', null, [], {}, true, '9'.repeat(400), 'x'.repeat(20_000)),
  fc.string({ maxLength: 200 }),
);

describe('fuzz: every write operation', () => {
  let t: TestApp;
  let tokens: string[];
  let ids: Record<string, string>;
  let schemas: Record<string, Schema>;
  let operations: Operation[];

  beforeAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`fuzz seed ${SEED} (repeat with FUZZ_SEED=${SEED}), ${RUNS} bodies per operation`);
    t = await TestApp.start({ env: { PUBLIC_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT: '1000' } });
    t.app.get(Clock).travelTo('2026-11-22T10:00:00+01:00');
    const org = await t.createOrganisation('Stadt Mittweida', '14522360');
    await t.createUser('admin@fuzz.example', ['admin']);
    await t.createUser('sachbearbeitung@fuzz.example', ['caseworker']);
    const applicantId = await t.createUser('antrag@fuzz.example', ['applicant'], org);
    tokens = [await t.login('admin@fuzz.example'), await t.login('sachbearbeitung@fuzz.example'), await t.login('antrag@fuzz.example')];
    const { caseId } = await new Steps(t).createConcept(tokens[2], 'frl-lifd', '2026-1');
    ids = { case: caseId, organisation: org, user: applicantId };
    const doc = (await t.request('GET', '/api/docs-json')).body;
    schemas = doc.components?.schemas ?? {};
    operations = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const method of ['post', 'put', 'patch'] as const) {
        const op = item[method];
        if (!op) continue;
        const content = op.requestBody?.content ?? {};
        operations.push({ method: method.toUpperCase() as Operation['method'], path, schema: content['application/json']?.schema, json: !!content['application/json'] || !op.requestBody });
      }
    }
    // sessions end last, so the other operations run with valid tokens
    operations.sort((a, b) => Number(/logout/.test(a.path)) - Number(/logout/.test(b.path)));
  });
  afterAll(() => t?.close());

  const resolve = (s: Schema): Schema => (s.$ref ? (schemas[s.$ref.split('/').pop()!] ?? {}) : s);

  function fromSchema(raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!raw || depth > 4) return fc.jsonValue({ maxDepth: 1 });
    const s = resolve(raw);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((x) => fromSchema(x, depth + 1)));
    if (s.allOf?.length) return fromSchema(s.allOf[0], depth + 1);
    switch (s.type) {
      case 'string':
        if (s.format === 'uuid') return fc.oneof(fc.uuid(), fc.constantFrom(...Object.values(ids)));
        if (s.format === 'date') return fc.constantFrom('2027-01-15', '2026-02-30', '1900-01-01');
        if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        if (s.format === 'email') return fc.emailAddress();
        return fc.string({ maxLength: 30 });
      case 'integer':
        return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000_000 });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
      default:
        if (s.properties) {
          const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
          return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
        }
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
    }
  }

  /** The operation's schema with one field mutated (or one unknown field added). */
  function mutated(schema: Schema | undefined): fc.Arbitrary<unknown> {
    return fc.tuple(fromSchema(schema), fc.nat(), weirdValue, fc.boolean()).map(([value, pick, weird, addKey]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return weird;
      const keys = Object.keys(value);
      const key = addKey || !keys.length ? 'unknownField' : keys[pick % keys.length];
      return { ...value, [key]: weird };
    });
  }

  function bodies(op: Operation, seed: number): string[] {
    const arbitrary = fc.oneof(
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
      { weight: 3, arbitrary: fromSchema(op.schema).map((v) => JSON.stringify(v)) },
      { weight: 4, arbitrary: mutated(op.schema).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: deepText.map((d) => `{"a":${d}}`) },
      { weight: 1, arbitrary: weirdString.map((w) => JSON.stringify({ [w]: w })) },
    );
    return [...fc.sample(arbitrary, { seed, numRuns: RUNS }), '{"a":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}', '{"a":', '"\\u0000"'];
  }

  function url(path: string, n: number): string {
    const real = n % 2 === 0;
    return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      if (name === 'code') return 'frl-lifd';
      if (name === 'call') return '2026-1';
      if (name === 'fiscalYear') return '2027';
      if (!real) return randomUUID();
      if (/case|^id$/.test(name) && /cases/.test(path)) return ids.case;
      if (/organisation/.test(path)) return ids.organisation;
      if (/users/.test(path)) return ids.user;
      return randomUUID();
    });
  }

  it('answers no 5xx, and every 4xx in the one error shape', async () => {
    const started = Date.now();
    const failures: string[] = [];
    let sent = 0;
    const statuses: Record<string, number> = {};
    for (const [i, op] of operations.entries()) {
      // the role this operation is for: the first whose token is not refused (most bodies go with it, some with the others)
      let role = 0;
      for (const [r, token] of tokens.entries()) {
        const probe = await t.app.inject({ method: op.method, url: url(op.path, 0), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{}' });
        if (probe.statusCode !== 403 && probe.statusCode !== 401) {
          role = r;
          break;
        }
      }
      for (const [n, body] of bodies(op, SEED + i).entries()) {
        const res = await t.app.inject({
          method: op.method,
          url: url(op.path, n),
          headers: { authorization: `Bearer ${tokens[n % 5 === 4 ? (role + 1) % 3 : role]}`, 'content-type': 'application/json' },
          payload: body,
        });
        sent++;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const answer = res.statusCode >= 400 ? safeJson(res.body) : undefined;
        const shaped = answer && typeof answer.code === 'string' && typeof answer.message === 'string';
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !shaped)) {
          failures.push(`${op.method} ${op.path} [${n}] → ${res.statusCode} ${res.body.slice(0, 200)} ← ${body.slice(0, 200)}`);
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz: ${operations.length} write operations, ${sent} requests in ${Date.now() - started} ms, seed ${SEED}; statuses ${JSON.stringify(statuses)}`);
    expect(operations.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  }, 240_000); // a few thousand requests: slow when the whole suite shares two cores
});

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
