import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentRequestId } from '../observability/logging';
import { JobName, JobPayloads } from './jobs';

/**
 * Use cases record side effects here, in their own transaction; the relay delivers them after commit. Each row
 * keeps the id of the request (or of the job's request) that made it, for following it through the logs.
 */
@Injectable()
export class OutboxService {
  async add<N extends JobName>(em: EntityManager, jobName: N, payload: JobPayloads[N], opts: { availableAt?: Date } = {}): Promise<string> {
    const [row] = await em.query('INSERT INTO outbox (job_name, payload, available_at, request_id) VALUES ($1, $2, coalesce($3, now()), $4) RETURNING id', [
      jobName,
      payload,
      opts.availableAt ?? null,
      currentRequestId() ?? null,
    ]);
    return row.id;
  }
}
