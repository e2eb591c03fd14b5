import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment requests (issue #12): the receipts uploaded to a request (by content, in the document store), the project
 * start the first submission records on the case, and the reporting duties scheduled with it (issue 13 reminds on them).
 */
export class PaymentRequests1732920000000 implements MigrationInterface {
  name = 'PaymentRequests1732920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A line may only name a receipt uploaded to its own request: no reaching another organisation's file by its hash.
      CREATE TABLE payment_request_receipts (
        request_id uuid NOT NULL REFERENCES payment_requests(id) ON DELETE CASCADE,
        sha256 char(64) NOT NULL REFERENCES documents(sha256),
        filename text NOT NULL,
        media_type text NOT NULL,
        size_bytes int NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, sha256)
      );

      ALTER TABLE cases ADD COLUMN project_started_on date NULL;

      CREATE TABLE reporting_duties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL CHECK (kind IN ('interim', 'final')),
        period_end date NOT NULL,
        due_on date NOT NULL,
        extended_due_on date NULL,
        reason text NULL,
        fulfilled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, kind, period_end)
      );
      CREATE INDEX reporting_duties_open_idx ON reporting_duties (due_on) WHERE fulfilled_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE reporting_duties;
      ALTER TABLE cases DROP COLUMN project_started_on;
      DROP TABLE payment_request_receipts;
    `);
  }
}
