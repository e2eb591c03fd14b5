import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Internal notes on transitions, apart from the public reason (applicants never see them); the instant a notice was
 * issued, from which its printed date is derived (so a re-rendered notice has the same bytes).
 */
export class LettersAndInternalNotes1732520000000 implements MigrationInterface {
  name = 'LettersAndInternalNotes1732520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_transitions ADD COLUMN internal_note text NULL CHECK (length(internal_note) BETWEEN 1 AND 4000);

      -- An approver's send-back comment was stored as the step's public reason; it is a working note of the agency.
      UPDATE case_transitions t SET internal_note = t.reason, reason = NULL
        FROM decisions d WHERE d.case_id = t.case_id AND d.return_comment IS NOT NULL AND d.return_comment = t.reason;

      ALTER TABLE decisions ADD COLUMN notice_issued_at timestamptz NULL;
      -- Notices issued before: noon in Germany of their notice date, which gives back the same printed date.
      UPDATE decisions SET notice_issued_at = (notice_date + time '12:00') AT TIME ZONE 'Europe/Berlin' WHERE notice_date IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE decisions DROP COLUMN notice_issued_at;
      UPDATE case_transitions SET reason = coalesce(reason, internal_note) WHERE internal_note IS NOT NULL;
      ALTER TABLE case_transitions DROP COLUMN internal_note;
    `);
  }
}
