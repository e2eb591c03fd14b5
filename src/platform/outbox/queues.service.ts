import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobTelemetry } from '../observability/job-telemetry';
import { JOB_QUEUES, JobHandler, JobName, jobPayload } from './jobs';

type QueueName = (typeof JOB_QUEUES)[JobName];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Redis answered to CONFIG GET; `null` when CONFIG is not allowed (e.g. on managed Redis). */
export type RedisSettings = { maxmemoryPolicy: string; appendonly: string; save: string } | null;

/**
 * Judges Redis's settings for the job queues. `errors`: BullMQ loses jobs when Redis evicts keys (anything but
 * `maxmemory-policy noeviction`); `warnings`: without persistence a restart loses the queued jobs (the outbox
 * dispatches them again after OUTBOX_REDISPATCH_AFTER_MS), or the settings could not be read.
 */
export function judgeRedisSettings(settings: RedisSettings): { errors: string[]; warnings: string[] } {
  if (!settings) {
    return { errors: [], warnings: ['Redis does not allow CONFIG GET: could not check that maxmemory-policy is noeviction and that persistence is on'] };
  }
  const errors =
    settings.maxmemoryPolicy === 'noeviction'
      ? []
      : [`Redis has maxmemory-policy ${settings.maxmemoryPolicy}: it may evict queued jobs; set maxmemory-policy noeviction`];
  const warnings =
    settings.appendonly === 'yes' || settings.save.trim() !== ''
      ? []
      : ['Redis has no persistence (appendonly no, save ""): a restart loses queued jobs until the outbox dispatches them again'];
  return { errors, warnings };
}

/**
 * BullMQ queues and workers. Producers fail fast while Redis is away (the outbox keeps the work);
 * workers reconnect on their own.
 */
@Injectable()
export class QueuesService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly handlers = new Map<JobName, JobHandler<JobName>[]>();
  private producerConnection?: IORedis;
  private healthConnection?: IORedis;
  private readonly connections: IORedis[] = [];

  private recheck?: NodeJS.Timeout;
  private readonly scheduling = new Map<JobName, NodeJS.Timeout>();
  /** Handlers running now: shutdown lets them finish (up to SHUTDOWN_TIMEOUT_MS) before the connections close. */
  private readonly active = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly telemetry: JobTelemetry,
  ) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as JobHandler<JobName>]);
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.producer(), prefix: this.config.queuePrefix });
      q.on('error', (e) => this.logger.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, q);
    }
    return q;
  }

  /** Starts one worker per queue, after checking that every job has exactly one handler. */
  startWorkers(): void {
    const problems = (Object.keys(JOB_QUEUES) as JobName[])
      .map((name) => [name, this.handlers.get(name)?.length ?? 0] as const)
      .filter(([, n]) => n !== 1)
      .map(([name, n]) => `${name} has ${n} handlers`);
    if (problems.length) throw new Error(`Job handlers are not set up right: ${problems.join('; ')}`);

    for (const queueName of new Set(Object.values(JOB_QUEUES))) {
      const worker = new Worker(queueName, (job) => this.telemetry.run(job, () => this.process(job)), {
        connection: this.connection({ maxRetriesPerRequest: null }),
        prefix: this.config.queuePrefix,
        concurrency: 4,
      });
      worker.on('error', (e) => this.logger.warn(`worker ${queueName}: ${e.message}`));
      worker.on('failed', (job, e) => this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`));
      this.workers.push(worker);
    }
  }

  /**
   * Makes `name` periodic through a BullMQ job scheduler (stored in Redis under the job's name, so however many
   * workers upsert it, each tick is one job): `every` ms, or a cron `pattern` in Europe/Berlin time; `null`
   * removes the scheduler. While Redis is away, tries again every few seconds.
   */
  async schedule(name: JobName, repeat: { every: number } | { pattern: string } | null): Promise<void> {
    clearTimeout(this.scheduling.get(name));
    const queue = this.queue(JOB_QUEUES[name]);
    try {
      // the producer connection refuses commands until it is ready (no offline queue)
      await Promise.race([queue.waitUntilReady(), new Promise((_, reject) => setTimeout(() => reject(new Error('Redis is not ready')), 2000).unref())]);
      if (repeat === null) await queue.removeJobScheduler(name);
      else
        await queue.upsertJobScheduler(name, 'pattern' in repeat ? { pattern: repeat.pattern, tz: 'Europe/Berlin' } : repeat, {
          name,
          data: {},
          opts: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } },
        });
    } catch (e) {
      this.logger.warn(`could not schedule ${name} (${(e as Error).message}); trying again`);
      const retry = setTimeout(() => void this.schedule(name, repeat), 5000);
      retry.unref();
      this.scheduling.set(name, retry);
    }
  }

  private process(job: Job): Promise<void> {
    const run = this.run(job).finally(() => this.active.delete(run));
    this.active.add(run);
    return run;
  }

  private async run(job: Job): Promise<void> {
    const [handler] = this.handlers.get(job.name as JobName) ?? [];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const outboxId = String(job.id);
    await handler(jobPayload(job.data) as Parameters<typeof handler>[0], { outboxId, attempt: job.attemptsMade + 1 });
    // The row is done. Should this fail, the job fails and is retried: the handler is idempotent per outbox id.
    if (UUID.test(outboxId)) await this.dataSource.query('UPDATE outbox SET completed_at = now() WHERE id = $1 AND completed_at IS NULL', [outboxId]);
  }

  /** Redis's eviction policy and persistence, or null when CONFIG is not allowed. Throws when Redis does not answer. */
  async redisSettings(): Promise<RedisSettings> {
    // A connection of its own that waits for Redis to come up (the producer's fails fast).
    const conn = new IORedis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
    conn.on('error', () => undefined);
    const get = async (key: string): Promise<string> => ((await conn.call('CONFIG', 'GET', key)) as string[])[1] ?? '';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not answer within 3000 ms')), 3000)));
    const read = (async (): Promise<RedisSettings> => {
      await conn.connect();
      try {
        return { maxmemoryPolicy: await get('maxmemory-policy'), appendonly: await get('appendonly'), save: await get('save') };
      } catch (e) {
        if (/unknown command|NOPERM|not allowed|disabled|CONFIG/i.test((e as Error).message)) return null;
        throw e;
      }
    })();
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
      conn.disconnect();
    }
  }

  /**
   * The start-up check of Redis for the job queues. An eviction policy other than noeviction refuses the start
   * in production and is logged as an error elsewhere; missing persistence, or settings that cannot be read,
   * are warnings. When Redis is away at start, the check runs again until Redis answers (then only logged).
   */
  async checkRedis(env: AppConfig['env'] = this.config.env): Promise<void> {
    let settings: RedisSettings;
    try {
      settings = await this.redisSettings();
    } catch (e) {
      this.logger.warn(`could not check Redis's settings at start (${(e as Error).message}); checking again when it answers`);
      this.recheck = setTimeout(() => void this.checkRedis(env).catch((err) => this.logger.error(err.message)), 5000);
      this.recheck.unref();
      return;
    }
    const { errors, warnings } = judgeRedisSettings(settings);
    for (const w of warnings) this.logger.warn(w);
    if (!errors.length) return;
    if (env === 'production') throw new Error(`Refusing to start: ${errors.join('; ')}`);
    for (const e of errors) this.logger.error(`${e} (allowed outside production only)`);
  }

  /** True when Redis answers within a second. */
  async ping(): Promise<boolean> {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref());
    // Its own connection: commands wait while it (re)connects, so a fresh process does not report Redis down.
    this.healthConnection ??= this.connection({ maxRetriesPerRequest: 1 });
    return Promise.race([this.healthConnection.ping().then((r) => r === 'PONG', () => false), timeout]);
  }

  private producer(): IORedis {
    this.producerConnection ??= this.connection({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    return this.producerConnection;
  }

  private connection(opts: { enableOfflineQueue?: boolean; maxRetriesPerRequest: number | null }): IORedis {
    const conn = new IORedis(this.config.redisUrl, { ...opts, retryStrategy: (times) => Math.min(times * 200, 2000) });
    conn.on('error', () => undefined); // reported by the queue and worker listeners; ioredis keeps reconnecting
    this.connections.push(conn);
    return conn;
  }

  private closingWorkers?: Promise<unknown>;

  /**
   * Before anything closes (the database pool closes in the shutdown hooks): workers stop fetching, and jobs
   * running now finish. The process's SHUTDOWN_TIMEOUT_MS bounds this; a job still running then is handed back
   * when its lock expires and runs again elsewhere (handlers are idempotent).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closingWorkers = Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.active]);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.recheck);
    for (const t of this.scheduling.values()) clearTimeout(t);
    const closing = Promise.allSettled([this.closingWorkers, ...[...this.queues.values()].map((q) => q.close())]);
    // Closing waits for Redis; with Redis away, give up after a few seconds and drop the connections.
    await Promise.race([closing, new Promise((r) => setTimeout(r, 3000).unref())]);
    // A queue closed while it was still connecting drops its listeners, and its connection attempt then fails
    // when the connections are dropped below: without a listener that error would crash the process.
    for (const q of this.queues.values()) (q as unknown as { connection?: { on(e: 'error', f: () => void): void } }).connection?.on('error', () => undefined);
    // BullMQ leaves connections it was given open.
    for (const conn of this.connections) conn.disconnect();
  }
}
