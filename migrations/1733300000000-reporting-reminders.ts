import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders of reporting duties: one row per duty, kind (before or after the due date) and due date reminded of, so a
 * reminder goes out once however often the daily job runs; a due date moved by a caseworker gets its own pair.
 */
export class ReportingReminders1733300000000 implements MigrationInterface {
  name = 'ReportingReminders1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reporting_duty_reminders (
        duty_id uuid NOT NULL REFERENCES reporting_duties(id),
        kind text NOT NULL CHECK (kind IN ('before', 'after')),
        due_on date NOT NULL,
        outbox_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (duty_id, kind, due_on)
      );
      ALTER TABLE reporting_duties ADD COLUMN extended_by uuid NULL REFERENCES users(id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reporting_duties DROP COLUMN extended_by;
      DROP TABLE reporting_duty_reminders;
    `);
  }
}
