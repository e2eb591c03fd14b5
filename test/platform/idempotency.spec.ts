import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentActor, type Actor } from '../../src/platform/auth/actor';
import { Roles } from '../../src/platform/auth/roles.decorator';
import { UnprocessableError } from '../../src/platform/errors/domain-error';
import { Idempotent } from '../../src/platform/http/idempotency';
import { TestApp } from '../support/test-app';

/** A money-moving route made up for the test: it books a charge slowly, so that concurrent requests overlap. */
@Controller('test-charges')
class ChargesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Post()
  @Roles('finance')
  @Idempotent()
  async charge(@Body() body: { amountCents: number }, @CurrentActor() actor: Actor): Promise<{ id: number; amountCents: number; booked: { when: string; by: string } }> {
    if (!(body.amountCents > 0)) throw new UnprocessableError('AMOUNT_INVALID', 'The amount must be positive.');
    const [row] = await this.db.query(`INSERT INTO test_charges (user_id, amount_cents) SELECT $1, $2 FROM pg_sleep(0.2) RETURNING id`, [actor.id, body.amountCents]);
    // keys not in alphabetical order: a replay must send them as the first answer did
    return { id: Number(row.id), amountCents: body.amountCents, booked: { when: 'now', by: actor.id } };
  }

  @Post('confirm')
  @HttpCode(200)
  @Roles('finance')
  @Idempotent()
  async confirm(): Promise<{ confirmed: true }> {
    return { confirmed: true };
  }
}

@Module({ controllers: [ChargesController] })
class ChargesModule {}

describe('Idempotency-Key on money-moving POSTs', () => {
  let t: TestApp;
  let finance: string;
  let other: string;

  beforeAll(async () => {
    t = await TestApp.start({ imports: [ChargesModule] });
    await t.db.query(`CREATE TABLE test_charges (id bigserial PRIMARY KEY, user_id uuid NOT NULL, amount_cents bigint NOT NULL)`);
    await t.createUser('kasse@sab.example', ['finance']);
    await t.createUser('kasse2@sab.example', ['finance']);
    finance = await t.login('kasse@sab.example');
    other = await t.login('kasse2@sab.example');
  });
  afterAll(() => t.close());

  const charge = (token: string, key: string | undefined, amountCents: number) =>
    t.request('POST', '/api/v1/test-charges', { token, body: { amountCents }, headers: key === undefined ? {} : { 'idempotency-key': key } });

  it('50 concurrent identical requests with one key act once and all get the first answer', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, () => charge(finance, 'key-50', 12_345)));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM test_charges WHERE amount_cents = 12345`))[0].n).toBe(1);
    const [first] = replies;
    expect(first.status).toBe(201);
    for (const r of replies) expect({ status: r.status, body: r.body }).toEqual({ status: 201, body: first.body });
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
  });

  it('a later retry replays; the same key with another body is refused; keys are per user', async () => {
    const first = await charge(finance, 'key-a', 100);
    const again = await charge(finance, 'key-a', 100);
    expect(again).toMatchObject({ status: 201, body: first.body });
    const reused = await charge(finance, 'key-a', 200);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const otherRoute = await t.request('POST', '/api/v1/test-charges/confirm', { token: finance, headers: { 'idempotency-key': 'key-a' } });
    expect(otherRoute.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // another user's key space is their own
    const theirs = await charge(other, 'key-a', 200);
    expect(theirs.status).toBe(201);
    expect((await t.db.query(`SELECT amount_cents FROM test_charges WHERE amount_cents IN (100, 200) ORDER BY id`)).map((r: any) => Number(r.amount_cents))).toEqual([100, 200]);
  });

  it('replays the same bytes and content type as the first answer', async () => {
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/test-charges', headers: { authorization: `Bearer ${finance}`, 'idempotency-key': 'bytes-1' }, payload: { amountCents: 333 } });
    const first = await send();
    const replay = await send();
    expect(replay.body).toBe(first.body);
    expect(first.body.indexOf('"id"')).toBeLessThan(first.body.indexOf('"amountCents"'));
    expect([replay.statusCode, replay.headers['content-type']]).toEqual([first.statusCode, first.headers['content-type']]);
  });

  it('replays the status of the route (200), and a failed request is not remembered', async () => {
    const ok = await t.request('POST', '/api/v1/test-charges/confirm', { token: finance, headers: { 'idempotency-key': 'c-1' } });
    const replay = await t.request('POST', '/api/v1/test-charges/confirm', { token: finance, headers: { 'idempotency-key': 'c-1' } });
    expect([ok.status, replay.status]).toEqual([200, 200]);
    expect(replay.body).toEqual({ confirmed: true });

    const bad = await charge(finance, 'key-bad', -1);
    expect(bad.status).toBe(422);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'key-bad'`))[0].n).toBe(0);
    // same key, corrected body: a fresh action, not a conflict
    expect((await charge(finance, 'key-bad', 5)).status).toBe(201);
  });

  it('refuses a malformed key with 400 and acts without a key as before', async () => {
    const bad = await charge(finance, 'ä'.repeat(3), 7);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect((await charge(finance, 'x'.repeat(201), 7)).status).toBe(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM test_charges WHERE amount_cents = 7`))[0].n).toBe(0);
    const [a, b] = await Promise.all([charge(finance, undefined, 8), charge(finance, undefined, 8)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('old keys are swept after a week', async () => {
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE key = 'key-a'`);
    const { DueSweep } = await import('../../src/platform/outbox/due-sweep');
    await t.app.get(DueSweep).run();
    const left = await t.db.query(`SELECT key FROM idempotency_keys WHERE key = 'key-a'`);
    expect(left).toEqual([]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'key-50'`))[0].n).toBe(1);
  });
});
