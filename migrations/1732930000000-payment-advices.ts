import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment runs (issue #12): the payment advice (Auszahlungsmitteilung) of each paid payment, stored by SHA-256 and
 * listed on the case; one per payment (the primary key), so a retried render job stores and mails it once. Run
 * numbers come from a sequence, so concurrent builds never pick the same one.
 */
export class PaymentAdvices1732930000000 implements MigrationInterface {
  name = 'PaymentAdvices1732930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_advices (
        payment_request_id uuid PRIMARY KEY REFERENCES payment_requests(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        sha256 char(64) NOT NULL REFERENCES documents(sha256),
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payment_advices_case_idx ON payment_advices (case_id);
      CREATE SEQUENCE payment_run_numbers;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP SEQUENCE payment_run_numbers;
      DROP TABLE payment_advices;
    `);
  }
}
