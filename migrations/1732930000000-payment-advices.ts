import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment runs (issue #12): the payment advice (Auszahlungsmitteilung) of each paid payment, stored by SHA-256 and
 * listed on the case; one per payment (the primary key), so a retried render job stores and mails it once. Run
 * numbers come from a sequence, so concurrent builds never pick the same one. Triggers keep an exported run and the
 * payments in a run from changing what the bank file says.
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

      -- The last line behind the service: what a run's file says never changes once the file exists, and a payment
      -- in a run keeps the amount, account and end-to-end id the run took (or the bank's file would lie).
      CREATE FUNCTION payment_runs_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'built' AND (NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.message_id IS DISTINCT FROM OLD.message_id
            OR NEW.execution_date IS DISTINCT FROM OLD.execution_date OR NEW.control_sum_cents IS DISTINCT FROM OLD.control_sum_cents
            OR NEW.transaction_count IS DISTINCT FROM OLD.transaction_count OR NEW.guideline_code IS DISTINCT FROM OLD.guideline_code
            OR NEW.status = 'built' OR (OLD.status = 'executed' AND NEW.status <> 'executed')) THEN
          RAISE EXCEPTION 'payment run % was exported: it cannot change', OLD.number USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER payment_runs_immutable BEFORE UPDATE ON payment_runs FOR EACH ROW EXECUTE FUNCTION payment_runs_immutable();

      CREATE FUNCTION payment_in_run_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.run_id IS NOT NULL AND (NEW.run_id IS DISTINCT FROM OLD.run_id OR NEW.payable_cents IS DISTINCT FROM OLD.payable_cents
            OR NEW.payee_account_id IS DISTINCT FROM OLD.payee_account_id OR NEW.end_to_end_id IS DISTINCT FROM OLD.end_to_end_id
            OR NEW.status NOT IN ('ordered', 'paid', 'returned')) THEN
          RAISE EXCEPTION 'payment request % is in a payment run: its amount, account and status are fixed', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER payment_in_run_immutable BEFORE UPDATE ON payment_requests FOR EACH ROW EXECUTE FUNCTION payment_in_run_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER payment_in_run_immutable ON payment_requests;
      DROP FUNCTION payment_in_run_immutable();
      DROP TRIGGER payment_runs_immutable ON payment_runs;
      DROP FUNCTION payment_runs_immutable();
      DROP SEQUENCE payment_run_numbers;
      DROP TABLE payment_advices;
    `);
  }
}
