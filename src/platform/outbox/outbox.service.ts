import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from './jobs';

/** Use cases record side effects here, in their own transaction; the relay delivers them after commit. */
@Injectable()
export class OutboxService {
  async add<N extends JobName>(em: EntityManager, jobName: N, payload: JobPayloads[N], opts: { availableAt?: Date } = {}): Promise<string> {
    const [row] = await em.query('INSERT INTO outbox (job_name, payload, available_at) VALUES ($1, $2, coalesce($3, now())) RETURNING id', [
      jobName,
      payload,
      opts.availableAt ?? null,
    ]);
    return row.id;
  }
}
