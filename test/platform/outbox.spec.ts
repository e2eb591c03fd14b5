import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { MailService } from '../../src/platform/mail/mail.service';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay';
import { OutboxService } from '../../src/platform/outbox/outbox.service';
import { judgeRedisSettings, QueuesService } from '../../src/platform/outbox/queues.service';
import { RedisProcess } from '../support/redis-process';
import { TestApp, waitUntil } from '../support/test-app';

describe('outbox: side effects survive a Redis outage and happen exactly once', () => {
  let redis: RedisProcess;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    t = await TestApp.start({ env: { REDIS_URL: redis.url, OUTBOX_REDISPATCH_AFTER_MS: '1000' } });
    await t.createUser('admin@agency.example', ['admin']);
    admin = await t.login('admin@agency.example');
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('delivers an invitation committed while Redis is stopped once Redis is back, exactly once', async () => {
    await redis.stop();
    const health = await t.request('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { database: 'up', redis: 'down' } });

    const invite = await t.request('POST', '/api/v1/users/invitations', {
      token: admin,
      body: { email: 'ausfall@agency.example', displayName: 'Während Ausfall', roles: ['caseworker'] },
    });
    expect(invite.status).toBe(201);

    // The relay keeps trying; the row stays pending and no mail leaves.
    await waitUntil('the relay has tried at least twice', async () => {
      const [row] = await t.db.query(`SELECT attempts, dispatched_at FROM outbox WHERE payload->>'to' = 'ausfall@agency.example'`);
      return row.attempts >= 2 && row.dispatched_at === null;
    });
    expect(t.smtp.to('ausfall@agency.example')).toHaveLength(0);

    await redis.start();
    const [mail] = await t.smtp.waitFor('ausfall@agency.example');
    expect(mail.subject).toBe('Einladung zu Förderwerk');
    const [row] = await t.db.query(`SELECT id, dispatched_at, last_error FROM outbox WHERE payload->>'to' = 'ausfall@agency.example'`);
    expect(row.dispatched_at).not.toBeNull();
    expect(row.last_error).toBeNull();
    await waitUntil('the row is completed', async () => (await t.db.query('SELECT completed_at FROM outbox WHERE id = $1', [row.id]))[0].completed_at !== null);

    // Relaying the same row again (as after a crash between enqueue and marking) adds no second job and no second mail.
    await t.db.query('UPDATE outbox SET dispatched_at = NULL WHERE id = $1', [row.id]);
    await waitUntil('the row is relayed again', async () => (await t.db.query('SELECT dispatched_at FROM outbox WHERE id = $1', [row.id]))[0].dispatched_at !== null);
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.to('ausfall@agency.example')).toHaveLength(1);
    expect((await t.request('GET', '/health')).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('sends a mail job run twice only once', async () => {
    const mail = t.app.get(MailService);
    const job = { to: 'zweimal@agency.example', subject: 'Test', text: 'Einmal, bitte.' };
    await mail.handle(job, { outboxId: 'manual-1', attempt: 1 });
    await mail.handle(job, { outboxId: 'manual-1', attempt: 2 });
    await t.smtp.waitFor('zweimal@agency.example');
    await new Promise((r) => setTimeout(r, 200));
    expect(t.smtp.to('zweimal@agency.example')).toHaveLength(1);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM mail_deliveries WHERE idempotency_key = 'manual-1' AND sent_at IS NOT NULL`);
    expect(count).toBe(1);
  });

  it('gives a mail delivered twice (crash between SMTP acceptance and commit) the same Message-ID, derived from the outbox id', async () => {
    const mail = t.app.get(MailService);
    const outboxId = '0b6a3c1e-5d2f-4e8a-9c7b-1f2e3d4c5b6a';
    const job = { to: 'doppelt@agency.example', subject: 'Test', text: 'Zweimal zugestellt.' };
    await mail.handle(job, { outboxId, attempt: 1 });
    // The crash: the SMTP server accepted the mail, but our record of it never committed.
    await t.db.query('DELETE FROM mail_deliveries WHERE idempotency_key = $1', [outboxId]);
    await mail.handle(job, { outboxId, attempt: 2 });
    const mails = await t.smtp.waitFor('doppelt@agency.example', 2);
    expect(mails).toHaveLength(2);
    expect(mails[0].messageId).toBe(`<${outboxId}@foerderwerk.example>`);
    expect(mails[1].messageId).toBe(mails[0].messageId);
    const [row] = await t.db.query('SELECT message_id FROM mail_deliveries WHERE idempotency_key = $1', [outboxId]);
    expect(row.message_id).toBe(mails[0].messageId);
  });

  it('delivers nothing from a transaction that rolled back', async () => {
    const outbox = t.app.get(OutboxService);
    await expect(
      t.db.transaction(async (em) => {
        await outbox.add(em, 'mail.send', { to: 'nie@agency.example', subject: 'Nie', text: 'Diese Mail darf nicht ankommen.' });
        throw new Error('use case failed after writing its outbox row');
      }),
    ).rejects.toThrow('use case failed');
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.to('nie@agency.example')).toHaveLength(0);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM outbox WHERE payload->>'to' = 'nie@agency.example'`);
    expect(count).toBe(0);
  });

  it('delivers a job that Redis lost in a restart without persistence, after the re-dispatch time, exactly once', async () => {
    const queues = t.app.get(QueuesService);
    const id = await t.db.transaction((em) =>
      t.app.get(OutboxService).add(em, 'mail.send', { to: 'verloren@agency.example', subject: 'Verloren?', text: 'Nein.' }, { availableAt: new Date(Date.now() + 3000) }),
    );
    await waitUntil('the row is dispatched', async () => (await t.db.query('SELECT dispatched_at FROM outbox WHERE id = $1', [id]))[0].dispatched_at !== null);
    expect(await (await queues.queue('notifications').getJob(id))?.getState()).toBe('delayed');

    // Redis restarts empty (no persistence): the job is gone, the row says dispatched.
    await redis.stop();
    await redis.start();
    await waitUntil('Redis answers without the job', async () => (await queues.queue('notifications').getJob(id).catch(() => 'down')) === undefined);
    expect((await t.db.query('SELECT completed_at FROM outbox WHERE id = $1', [id]))[0].completed_at).toBeNull();

    await t.smtp.waitFor('verloren@agency.example');
    await waitUntil('the row is completed', async () => (await t.db.query('SELECT completed_at FROM outbox WHERE id = $1', [id]))[0].completed_at !== null);
    await new Promise((r) => setTimeout(r, 1500)); // longer than the re-dispatch time: no second mail
    expect(t.smtp.to('verloren@agency.example')).toHaveLength(1);
  });

  it('hands delayed work to Redis only shortly before it is due', async () => {
    const queues = t.app.get(QueuesService);
    const id = await t.db.transaction((em) =>
      t.app.get(OutboxService).add(em, 'reminder.information-request', { requestId: randomUUID() }, { availableAt: new Date(Date.now() + 3600_000) }),
    );
    await t.app.get(OutboxRelay).relayOnce();
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.db.query('SELECT dispatched_at FROM outbox WHERE id = $1', [id]))[0].dispatched_at).toBeNull();
    expect(await queues.queue('reminders').getJob(id)).toBeUndefined();

    // Half a minute before it is due, Redis gets it, as a delayed job.
    await t.db.query(`UPDATE outbox SET available_at = now() + interval '30 seconds' WHERE id = $1`, [id]);
    await waitUntil('the row is dispatched', async () => (await t.db.query('SELECT dispatched_at FROM outbox WHERE id = $1', [id]))[0].dispatched_at !== null);
    const job = await queues.queue('reminders').getJob(id);
    expect(await job?.getState()).toBe('delayed');
    await job?.remove();
    await t.db.query('UPDATE outbox SET completed_at = now() WHERE id = $1', [id]);
  });

  it('checks at start that Redis never evicts jobs (refusing in production) and warns without persistence', async () => {
    const queues = t.app.get(QueuesService);
    expect(await queues.redisSettings()).toEqual({ maxmemoryPolicy: 'noeviction', appendonly: 'no', save: '' });
    expect(judgeRedisSettings(await queues.redisSettings())).toEqual({ errors: [], warnings: [expect.stringContaining('no persistence')] });
    expect(judgeRedisSettings({ maxmemoryPolicy: 'noeviction', appendonly: 'yes', save: '' })).toEqual({ errors: [], warnings: [] });
    expect(judgeRedisSettings(null).warnings).toEqual([expect.stringContaining('could not check')]);

    const admin = new IORedis(redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(queues.checkRedis('production')).rejects.toThrow(/Refusing to start: Redis has maxmemory-policy allkeys-lru/);
      await expect(queues.checkRedis('test')).resolves.toBeUndefined();
    } finally {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      admin.disconnect();
    }
    await expect(queues.checkRedis('production')).resolves.toBeUndefined();
  });
});
