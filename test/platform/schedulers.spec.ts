import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DocumentStore } from '../../src/platform/documents/document-store';
import { JOB_QUEUES } from '../../src/platform/outbox/jobs';
import { QueuesService } from '../../src/platform/outbox/queues.service';
import { TestApp, waitUntil } from '../support/test-app';

/** The UTC instant of hh:mm on the Berlin calendar day of `day` (YYYY-MM-DD), whichever of CET and CEST holds then. */
function berlinTime(day: string, hh: number, mm: number): number {
  const [y, m, d] = day.split('-').map(Number);
  for (const offsetHours of [1, 2]) {
    const at = Date.UTC(y, m - 1, d, hh, mm) - offsetHours * 3_600_000;
    const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    if (shown === `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`) return at;
  }
  throw new Error(`no ${hh}:${mm} in Berlin on ${day}`);
}

const berlinDay = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);

describe('timed work runs through BullMQ job schedulers, once across all workers', () => {
  it('signs one audit checkpoint per tick however many workers run (two app instances on one database and Redis)', async () => {
    const shared = await mkdtemp(path.join(tmpdir(), 'fw-sched-'));
    const env = {
      AUDIT_CHECKPOINT_INTERVAL_MS: '1000',
      AUDIT_SIGNING_KEY_FILE: path.join(shared, 'signing-key.pem'),
      AUDIT_CHECKPOINT_DIR: path.join(shared, 'checkpoints'),
    };
    const a = await TestApp.start({ env });
    // same database, and so the same QUEUE_PREFIX (TestApp derives it from the database's name)
    const b = await TestApp.start({ env, database: a.dbName });
    try {
      expect(b.config.queuePrefix).toBe(a.config.queuePrefix);
      await new Promise((r) => setTimeout(r, 6500));
      await b.app.close(); // no more ticks are taken while we count
      await a.app.get(QueuesService).schedule('audit.checkpoint', null);
      const [{ n }] = await a.db.query('SELECT count(*)::int AS n FROM audit_checkpoints');
      const jobs = await a.app.get(QueuesService).queue(JOB_QUEUES['audit.checkpoint']).getJobs(['completed']);
      // each tick is one job whose id carries its planned time; a timer per process gave two checkpoints a tick
      const ticks = jobs.filter((j) => j.name === 'audit.checkpoint').map((j) => Number(/:(\d+)$/.exec(j.id!)![1]));
      expect(ticks.length).toBeGreaterThanOrEqual(4);
      expect(ticks.length).toBeLessThanOrEqual(9);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(n).toBe(ticks.length);
    } finally {
      await b.close().catch(() => undefined);
      await a.close();
      await rm(shared, { recursive: true, force: true });
    }
  }, 60_000);

  it('sweeps due work daily at 00:05 Europe/Berlin by default', async () => {
    const t = await TestApp.start();
    try {
      const queue = t.app.get(QueuesService).queue(JOB_QUEUES['outbox.sweep-due']);
      let scheduler: Awaited<ReturnType<typeof queue.getJobScheduler>>;
      await waitUntil('the sweep is scheduled', async () => !!(scheduler = await queue.getJobScheduler('outbox.sweep-due')));
      expect(scheduler!).toMatchObject({ pattern: '5 0 * * *', tz: 'Europe/Berlin' });
      const now = Date.now();
      const today = berlinTime(berlinDay(now), 0, 5);
      const expected = today > now ? today : berlinTime(berlinDay(now + 86_400_000), 0, 5);
      expect(scheduler!.next).toBe(expected);
      // the audit checkpoint is off (AUDIT_CHECKPOINT_INTERVAL_MS=0 in tests): no scheduler for it
      expect(await queue.getJobScheduler('audit.checkpoint')).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('gives due work whose job failed all its attempts another run in the sweep, delivering it once', async () => {
    // a sweep every second here; the relay's own re-dispatch is kept out of the way
    const t = await TestApp.start({ env: { DUE_SWEEP_CRON: '* * * * * *', OUTBOX_REDISPATCH_AFTER_MS: '86400000' } });
    try {
      const pdf = Buffer.from('%PDF-1.4 Bescheid, erst später gespeichert');
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const payload = { to: 'spaet@example.org', subject: 'Bescheid', text: 'Anbei.', attachments: [{ filename: 'b.pdf', sha256, mediaType: 'application/pdf' }] };
      // due an hour ago, handed to Redis, and failed there (its attachment was missing at the time)
      const [{ id }] = await t.db.query(
        `INSERT INTO outbox (job_name, payload, available_at, dispatched_at) VALUES ('mail.send', $1, now() - interval '1 hour', now() - interval '1 hour') RETURNING id`,
        [payload],
      );
      const queue = t.app.get(QueuesService).queue(JOB_QUEUES['mail.send']);
      await queue.add('mail.send', payload, { jobId: id, attempts: 1 });
      await waitUntil('the job failed', async () => (await queue.getJob(id))?.failedReason !== undefined && (await (await queue.getJob(id))!.getState()) === 'failed');

      await t.app.get(DocumentStore).put(pdf, 'application/pdf');
      await t.smtp.waitFor('spaet@example.org');
      await waitUntil('the outbox row is completed', async () => !!(await t.db.query('SELECT completed_at FROM outbox WHERE id = $1', [id]))[0].completed_at);
      await new Promise((r) => setTimeout(r, 1500)); // further sweeps send nothing more
      expect(t.smtp.to('spaet@example.org')).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
