import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows record when their job completed. A row dispatched but not completed after a while is dispatched
 * again (the job may have been lost in Redis). Rows dispatched before this migration whose time has come are
 * taken as completed (the guarantee they were written under); rows still waiting for their time stay open, so
 * the relay checks that Redis still has them.
 */
export class OutboxCompletion1732600000000 implements MigrationInterface {
  name = 'OutboxCompletion1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN completed_at timestamptz NULL;
      UPDATE outbox SET completed_at = dispatched_at WHERE dispatched_at IS NOT NULL AND available_at <= now();
      CREATE INDEX outbox_incomplete_idx ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL AND completed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX outbox_incomplete_idx;
      ALTER TABLE outbox DROP COLUMN completed_at;
    `);
  }
}
