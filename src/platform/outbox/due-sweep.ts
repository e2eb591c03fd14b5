import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOB_QUEUES, JobName } from './jobs';
import { QueuesService } from './queues.service';

/**
 * The daily `outbox.sweep-due` job (00:05 Europe/Berlin by default, DUE_SWEEP_CRON): deadlines end at midnight
 * Berlin time, so this runs just after the day's reminders and finality fell due. Work that is due but not done
 * gets another run: a job that failed all its attempts (e.g. the database was away at midnight) is retried with
 * fresh attempts, one that Redis no longer has goes back to the relay at once (without waiting for
 * OUTBOX_REDISPATCH_AFTER_MS). Handlers are idempotent per outbox id, so a repeat does nothing twice. It also
 * forgets Idempotency-Keys older than a week.
 */
@Injectable()
export class DueSweep {
  private readonly logger = new Logger('DueSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueuesService,
  ) {}

  async run(): Promise<{ retried: number; redispatched: number }> {
    const rows: { id: string; job_name: JobName }[] = await this.dataSource.query(
      `SELECT id, job_name FROM outbox WHERE dispatched_at IS NOT NULL AND completed_at IS NULL AND available_at <= now() ORDER BY available_at`,
    );
    let retried = 0;
    let redispatched = 0;
    for (const row of rows) {
      const job = await this.queues.queue(JOB_QUEUES[row.job_name]).getJob(row.id);
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed') {
        await job!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        this.logger.warn(`outbox ${row.id} (${row.job_name}) was due and had failed (${job!.failedReason}); retried`);
        retried++;
      } else if (state === 'missing' || state === 'unknown') {
        await this.dataSource.query('UPDATE outbox SET dispatched_at = NULL WHERE id = $1 AND completed_at IS NULL', [row.id]);
        this.logger.warn(`outbox ${row.id} (${row.job_name}) was due and Redis no longer had its job; handed to the relay again`);
        redispatched++;
      } else if (state === 'completed') {
        await this.dataSource.query('UPDATE outbox SET completed_at = now() WHERE id = $1 AND completed_at IS NULL', [row.id]);
      }
    }
    // Idempotency keys promise a replay for at least 24 hours; a week leaves room for long retry loops.
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '7 days'`);
    return { retried, redispatched };
  }
}
