import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { storage, Store } from 'nestjs-pino/storage';
import type { Logger as PinoRoot } from 'pino';
import { jobRequestId } from '../outbox/jobs';
import { ROOT_LOGGER } from './logging';
import { Metrics } from './metrics';

/**
 * Runs a job inside a log context bound to the request that caused it: the start, end or failure line and every
 * line the handler logs carry that request id, and outbox rows the handler adds inherit it.
 */
@Injectable()
export class JobTelemetry {
  constructor(
    @Inject(ROOT_LOGGER) private readonly root: PinoRoot,
    private readonly metrics: Metrics,
  ) {}

  run(job: Job, handle: () => Promise<void>): Promise<void> {
    const log = this.root.child({ reqId: jobRequestId(job.data), job: { queue: job.queueName, name: job.name, id: job.id, attempt: job.attemptsMade + 1 } });
    return storage.run(new Store(log), async () => {
      const end = this.metrics.jobs.startTimer({ queue: job.queueName, name: job.name });
      log.info('job started');
      try {
        await handle();
      } catch (e) {
        log.error({ err: e, durationMs: Math.round(end({ outcome: 'failed' }) * 1000) }, 'job failed');
        throw e;
      }
      log.info({ durationMs: Math.round(end({ outcome: 'completed' }) * 1000) }, 'job completed');
    });
  }
}
