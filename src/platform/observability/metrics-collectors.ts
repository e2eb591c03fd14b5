import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { JOB_QUEUES } from '../outbox/jobs';
import { QueuesService } from '../outbox/queues.service';
import { Metrics } from './metrics';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape must answer even when Redis or PostgreSQL hang: their series are then left out. */
const COLLECT_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), COLLECT_TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Gauges read on each scrape: the queues in Redis, the outbox in PostgreSQL, the connection pool. */
@Injectable()
export class MetricsCollectors implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queues: QueuesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const queueNames = [...new Set(Object.values(JOB_QUEUES))];

    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'foerderwerk_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers,
      collect: async () => {
        jobs.reset();
        await Promise.all(
          queueNames.map(async (queue) => {
            const counts = await withTimeout(this.queues.queue(queue).getJobCounts(...QUEUE_STATES)).catch(() => null);
            for (const state of QUEUE_STATES) if (counts) jobs.set({ queue, state }, counts[state] ?? 0);
          }),
        );
      },
    });

    const oldest: Gauge<'queue'> = new Gauge({
      name: 'foerderwerk_queue_oldest_waiting_age_seconds',
      help: 'Age of the oldest job waiting in each queue (0 when none waits)',
      labelNames: ['queue'],
      registers,
      collect: async () => {
        oldest.reset();
        await Promise.all(
          queueNames.map(async (queue) => {
            const jobs = await withTimeout(this.queues.queue(queue).getJobs(['wait'], 0, 0, true)).catch(() => null);
            if (jobs) oldest.set({ queue }, jobs[0] ? Math.max(0, (Date.now() - jobs[0].timestamp) / 1000) : 0);
          }),
        );
      },
    });

    const backlog = new Gauge({ name: 'foerderwerk_outbox_backlog', help: 'Outbox rows due and not completed', registers });
    const backlogAge = new Gauge({
      name: 'foerderwerk_outbox_oldest_age_seconds',
      help: 'How long the oldest outbox row due and not completed has been due (0 when none)',
      registers,
      collect: async () => {
        backlog.reset();
        backlogAge.reset();
        const [row] = await withTimeout(
          this.dataSource.query(
            `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(available_at)), 0)::float AS age
               FROM outbox WHERE completed_at IS NULL AND available_at <= now()`,
          ),
        ).catch(() => [null]);
        if (!row) return;
        backlog.set(row.n);
        backlogAge.set(row.age);
      },
    });

    const pool: Gauge<'state'> = new Gauge({
      name: 'foerderwerk_db_pool_connections',
      help: 'PostgreSQL connections of the pool: total, idle, and requests waiting for one',
      labelNames: ['state'],
      registers,
      collect: () => {
        const pg = (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
        if (!pg) return;
        pool.set({ state: 'total' }, pg.totalCount);
        pool.set({ state: 'idle' }, pg.idleCount);
        pool.set({ state: 'waiting' }, pg.waitingCount);
      },
    });
  }
}
