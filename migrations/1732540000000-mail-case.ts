import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mails remember the case they are about (for the case timeline) and whether they went to the agency only. */
export class MailCase1732540000000 implements MigrationInterface {
  name = 'MailCase1732540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mail_deliveries
        ADD COLUMN case_id uuid NULL,
        ADD COLUMN internal boolean NOT NULL DEFAULT false;
      CREATE INDEX mail_deliveries_case_idx ON mail_deliveries (case_id) WHERE case_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX mail_deliveries_case_idx;
      ALTER TABLE mail_deliveries DROP COLUMN case_id, DROP COLUMN internal;
    `);
  }
}
