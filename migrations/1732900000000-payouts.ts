import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts (issue #12): payee accounts, payment requests (Mittelabruf) with their expense lines, payment runs, the
 * ledger's bookings, and the idempotency keys of money-moving requests. The rules that must hold even if the service
 * had a bug are constraints here: one certifier is never the one who orders, a payment is in at most one run, an
 * organisation has at most one active and one pending account.
 */
export class Payouts1732900000000 implements MigrationInterface {
  name = 'Payouts1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Rows are never changed in substance: a change of account is a new row, confirmed (active) or not (pending).
      CREATE TABLE payee_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        holder text NOT NULL,
        iban text NOT NULL,
        bic text NULL,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'superseded', 'rejected')),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid NULL REFERENCES users(id),
        confirmed_at timestamptz NULL,
        decided_comment text NULL,
        CHECK (confirmed_by IS NULL OR confirmed_by <> created_by)
      );
      CREATE UNIQUE INDEX payee_accounts_one_active ON payee_accounts (organisation_id) WHERE status = 'active';
      CREATE UNIQUE INDEX payee_accounts_one_pending ON payee_accounts (organisation_id) WHERE status = 'pending';

      CREATE TABLE payment_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        guideline_code text NOT NULL,
        execution_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('built', 'exported', 'executed')),
        transaction_count int NOT NULL DEFAULT 0,
        control_sum_cents bigint NOT NULL DEFAULT 0,
        message_id text NULL UNIQUE,
        sha256 char(64) NULL REFERENCES documents(sha256),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        exported_by uuid NULL REFERENCES users(id),
        exported_at timestamptz NULL,
        executed_by uuid NULL REFERENCES users(id),
        executed_at timestamptz NULL,
        CHECK (status = 'built' OR sha256 IS NOT NULL)
      );

      CREATE TABLE payment_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        number int NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'certified', 'ordered', 'paid', 'returned')),
        version int NOT NULL DEFAULT 1,
        decision_id uuid NULL REFERENCES decisions(id),
        requested_cents bigint NULL CHECK (requested_cents >= 0),
        payable_cents bigint NULL CHECK (payable_cents >= 0),
        calculation jsonb NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid NULL REFERENCES users(id),
        submitted_at timestamptz NULL,
        certified_by uuid NULL REFERENCES users(id),
        certified_at timestamptz NULL,
        ordered_by uuid NULL REFERENCES users(id),
        ordered_at timestamptz NULL,
        sent_back_by uuid NULL REFERENCES users(id),
        sent_back_at timestamptz NULL,
        sent_back_comment text NULL,
        -- a payment is in at most one run: the column holds one
        run_id uuid NULL REFERENCES payment_runs(id),
        payee_account_id uuid NULL REFERENCES payee_accounts(id),
        end_to_end_id text NULL UNIQUE,
        paid_on date NULL,
        returned_at timestamptz NULL,
        return_reason_code text NULL,
        return_note text NULL,
        UNIQUE (case_id, number),
        -- four eyes, as the last line behind the service's own check
        CONSTRAINT payment_requests_four_eyes CHECK (ordered_by IS NULL OR certified_by IS NULL OR ordered_by <> certified_by),
        CHECK (status NOT IN ('ordered', 'paid', 'returned') OR (certified_by IS NOT NULL AND ordered_by IS NOT NULL)),
        CHECK (status NOT IN ('paid', 'returned') OR run_id IS NOT NULL)
      );
      CREATE INDEX payment_requests_case_idx ON payment_requests (case_id);
      CREATE INDEX payment_requests_status_idx ON payment_requests (status) WHERE status IN ('submitted', 'certified', 'ordered');
      CREATE INDEX payment_requests_run_idx ON payment_requests (run_id) WHERE run_id IS NOT NULL;

      -- The expense list (Belegliste); accepted_cents is the caseworker's reduction (NULL = as requested).
      CREATE TABLE payment_request_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES payment_requests(id) ON DELETE CASCADE,
        position int NOT NULL,
        category text NOT NULL,
        invoice_number text NOT NULL,
        supplier text NOT NULL,
        invoice_date date NOT NULL,
        due_date date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        description text NOT NULL DEFAULT '',
        receipt_sha256 char(64) NULL REFERENCES documents(sha256),
        receipt_filename text NULL,
        accepted_cents bigint NULL CHECK (accepted_cents >= 0 AND accepted_cents <= amount_cents),
        reduction_reason text NULL,
        UNIQUE (request_id, position),
        CHECK (accepted_cents IS NULL OR accepted_cents = amount_cents OR reduction_reason IS NOT NULL)
      );

      -- What moved money in the ledger, per call and fiscal year (the call_budgets row carries the sums).
      CREATE TABLE ledger_bookings (
        id bigserial PRIMARY KEY,
        guideline_code text NOT NULL,
        call_code text NOT NULL,
        fiscal_year int NOT NULL,
        case_id uuid NOT NULL REFERENCES cases(id),
        payment_request_id uuid NULL REFERENCES payment_requests(id),
        kind text NOT NULL CHECK (kind IN ('payment', 'return', 'recovery')),
        amount_cents bigint NOT NULL,
        booked_on date NOT NULL,
        booked_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ledger_bookings_case_idx ON ledger_bookings (case_id);
      CREATE UNIQUE INDEX ledger_bookings_once ON ledger_bookings (payment_request_id, kind) WHERE payment_request_id IS NOT NULL;

      -- Idempotency-Key of money-moving POSTs: the first response is kept and replayed for the same key and body.
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code int NULL,
        -- the body as sent, so that a replay is the same bytes (jsonb would reorder keys)
        response text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz NULL,
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_keys;
      DROP TABLE ledger_bookings;
      DROP TABLE payment_request_lines;
      DROP TABLE payment_requests;
      DROP TABLE payment_runs;
      DROP TABLE payee_accounts;
    `);
  }
}
