import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request (X-Request-Id) that created an outbox row, so its job's log lines can be found with the request's;
 * and an index for the backlog that each metrics scrape counts (rows not completed).
 */
export class OutboxRequestId1732700000000 implements MigrationInterface {
  name = 'OutboxRequestId1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN request_id text NULL;
      CREATE INDEX outbox_open_idx ON outbox (available_at) WHERE completed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX outbox_open_idx;
      ALTER TABLE outbox DROP COLUMN request_id;
    `);
  }
}
