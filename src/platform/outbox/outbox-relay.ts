import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JOB_QUEUES, JobName } from './jobs';
import { QueuesService } from './queues.service';

const ENQUEUE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows into BullMQ, with jobId = outbox id so a row relayed twice
 * (a crash between add and mark) is still one job. Rows stay pending while Redis is away.
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

  /** Relays up to one batch; returns how many rows were delivered. Safe to run in several processes. */
  relayOnce(batch = 100): Promise<number> {
    this.running ??= this.relayBatch(batch).finally(() => (this.running = undefined));
    return this.running;
  }

  private relayBatch(batch: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string; job_name: JobName; payload: unknown; delay_ms: number }[] = await em.query(
        `SELECT id, job_name, payload, greatest(0, extract(epoch FROM available_at - now()) * 1000)::int AS delay_ms
           FROM outbox WHERE dispatched_at IS NULL AND available_at <= now() + interval '1 day'
          ORDER BY available_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      let delivered = 0;
      for (const row of rows) {
        try {
          // BullMQ waits for a lost connection to come back; don't hold the rows' locks that long.
          await withTimeout(
            this.queues.queue(JOB_QUEUES[row.job_name]).add(row.job_name, row.payload, {
              jobId: row.id,
              delay: row.delay_ms,
              attempts: 8,
              backoff: { type: 'exponential', delay: 1000 },
              removeOnComplete: { age: 7 * 24 * 3600 },
              removeOnFail: { age: 30 * 24 * 3600 },
            }),
            ENQUEUE_TIMEOUT_MS,
          );
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

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
