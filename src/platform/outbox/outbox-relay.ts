import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JOB_QUEUES, JobName, withRequestId } from './jobs';
import { QueuesService } from './queues.service';

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Delayed work (reminders, finality) is handed to Redis only this shortly before it is due, so a Redis that
 * loses its data loses at most this much of the future; until then the row waits in PostgreSQL.
 */
export const HANDOVER_MS = 60_000;

interface OutboxRow {
  id: string;
  job_name: JobName;
  payload: unknown;
  request_id: string | null;
  delay_ms: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows into BullMQ, with jobId = outbox id so a row relayed twice
 * (a crash between add and mark) is still one job. Rows stay pending while Redis is away.
 * A row is done only when its job completed (`completed_at`, set by QueuesService after the handler);
 * rows dispatched but not completed in time are dispatched again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueuesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    const tick = async () => {
      await this.relayOnce().catch((e) => this.logger.warn(`relay: ${e.message}`));
      if (this.timer) this.timer = setTimeout(tick, this.config.outboxPollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Relays up to one batch; returns how many rows were (re)dispatched. Safe to run in several processes. */
  relayOnce(batch = 100): Promise<number> {
    this.running ??= this.relayBatch(batch).finally(() => (this.running = undefined));
    return this.running;
  }

  private async relayBatch(batch: number): Promise<number> {
    const dispatched = await this.dispatchDue(batch);
    return dispatched + (await this.redispatchStale(batch));
  }

  /** Rows not yet dispatched whose time comes within HANDOVER_MS: delayed work waits here, not in Redis. */
  private dispatchDue(batch: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, job_name, payload, request_id, greatest(0, extract(epoch FROM available_at - now()) * 1000)::int AS delay_ms
           FROM outbox WHERE dispatched_at IS NULL AND available_at <= now() + $2 * interval '1 millisecond'
          ORDER BY available_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch, HANDOVER_MS],
      );
      let delivered = 0;
      for (const row of rows) {
        try {
          await this.enqueue(row);
        } catch (e) {
          await em.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [row.id, String((e as Error).message).slice(0, 500)]);
          break; // Redis is most likely away: keep the rest for the next tick
        }
        await em.query('UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [row.id]);
        delivered++;
      }
      return delivered;
    });
  }

  /**
   * Rows dispatched but not completed OUTBOX_REDISPATCH_AFTER_MS after they were dispatched or due, whichever is
   * later. Redis may have lost their job (a restart without persistence, eviction): a job Redis no longer has
   * is added again (processors are idempotent per outbox id); one it completed marks the row completed; one it
   * still holds (waiting, running, failed) only restarts the row's clock.
   */
  private redispatchStale(batch: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, job_name, payload, request_id, greatest(0, extract(epoch FROM available_at - now()) * 1000)::int AS delay_ms
           FROM outbox WHERE dispatched_at IS NOT NULL AND completed_at IS NULL
            AND greatest(dispatched_at, available_at) < now() - $2 * interval '1 millisecond'
          ORDER BY dispatched_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch, this.config.outboxRedispatchAfterMs],
      );
      let redispatched = 0;
      for (const row of rows) {
        try {
          const queue = this.queues.queue(JOB_QUEUES[row.job_name]);
          const job = await withTimeout(queue.getJob(row.id), ENQUEUE_TIMEOUT_MS);
          const state = job ? await withTimeout(job.getState(), ENQUEUE_TIMEOUT_MS) : 'missing';
          if (state === 'completed') {
            await em.query('UPDATE outbox SET completed_at = now() WHERE id = $1 AND completed_at IS NULL', [row.id]);
          } else if (state === 'missing' || state === 'unknown') {
            await this.enqueue(row);
            await em.query('UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [row.id]);
            this.logger.warn(`outbox ${row.id} (${row.job_name}): Redis no longer had its job; dispatched again`);
            redispatched++;
          } else {
            const failed = state === 'failed' ? `job failed in Redis: ${job?.failedReason ?? ''}`.slice(0, 500) : null;
            await em.query('UPDATE outbox SET dispatched_at = now(), last_error = $2 WHERE id = $1', [row.id, failed]);
          }
        } catch (e) {
          await em.query('UPDATE outbox SET last_error = $2 WHERE id = $1', [row.id, String((e as Error).message).slice(0, 500)]);
          break;
        }
      }
      return redispatched;
    });
  }

  private enqueue(row: OutboxRow): Promise<unknown> {
    // BullMQ waits for a lost connection to come back; don't hold the rows' locks that long.
    return withTimeout(
      this.queues.queue(JOB_QUEUES[row.job_name]).add(row.job_name, withRequestId(row.payload, row.request_id), {
        jobId: row.id,
        delay: row.delay_ms,
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      }),
      ENQUEUE_TIMEOUT_MS,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
