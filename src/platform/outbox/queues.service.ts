import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JOB_QUEUES, JobHandler, JobName } from './jobs';

type QueueName = (typeof JOB_QUEUES)[JobName];

/**
 * BullMQ queues and workers. Producers fail fast while Redis is away (the outbox keeps the work);
 * workers reconnect on their own.
 */
@Injectable()
export class QueuesService implements OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly handlers = new Map<JobName, JobHandler<JobName>[]>();
  private producerConnection?: IORedis;
  private healthConnection?: IORedis;
  private readonly connections: IORedis[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
      const worker = new Worker(queueName, (job) => this.process(job), {
        connection: this.connection({ maxRetriesPerRequest: null }),
        prefix: this.config.queuePrefix,
        concurrency: 4,
      });
      worker.on('error', (e) => this.logger.warn(`worker ${queueName}: ${e.message}`));
      worker.on('failed', (job, e) => this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`));
      this.workers.push(worker);
    }
  }

  private async process(job: Job): Promise<void> {
    const [handler] = this.handlers.get(job.name as JobName) ?? [];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await handler(job.data, { outboxId: String(job.id), attempt: job.attemptsMade + 1 });
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

  async onApplicationShutdown(): Promise<void> {
    // Closing waits for Redis; with Redis away, give up after a few seconds and drop the connections.
    const closing = Promise.allSettled([...this.workers.map((w) => w.close()), ...[...this.queues.values()].map((q) => q.close())]);
    await Promise.race([closing, new Promise((r) => setTimeout(r, 3000).unref())]);
    // BullMQ leaves connections it was given open.
    for (const conn of this.connections) conn.disconnect();
  }
}
