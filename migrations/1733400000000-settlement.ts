import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settlement, revocation and closing (issue #13 items 4–6): the settlement of a case (Schlussabrechnung) with its
 * computation, the revocation drafts (Widerruf), the kind of a payment request (the final payment after settlement
 * is not a Mittelabruf of the recipient), and the receipts' retention date recorded when a case closes.
 * The rules that must hold whatever the service does are constraints: a final grant never above the approved grant,
 * never signed off by the person who prepared it.
 */
export class Settlement1733400000000 implements MigrationInterface {
  name = 'Settlement1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settlements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        status text NOT NULL CHECK (status IN ('prepared', 'returned', 'approved')),
        computation jsonb NOT NULL,
        approved_grant_cents bigint NOT NULL CHECK (approved_grant_cents >= 0),
        final_grant_cents bigint NOT NULL CHECK (final_grant_cents >= 0),
        paid_cents bigint NOT NULL CHECK (paid_cents >= 0),
        outcome text NOT NULL CHECK (outcome IN ('final_payment', 'recovery', 'balanced')),
        outcome_cents bigint NOT NULL CHECK (outcome_cents >= 0),
        prepared_by uuid NOT NULL REFERENCES users(id),
        prepared_at timestamptz NOT NULL,
        approved_by uuid NULL REFERENCES users(id),
        approved_at timestamptz NULL,
        settled_on date NULL,
        returned_reason text NULL,
        final_payment_request_id uuid NULL REFERENCES payment_requests(id),
        verification_code text NULL UNIQUE,
        sha256 char(64) NULL REFERENCES documents(sha256),
        -- "a final grant above the approved grant impossible"
        CONSTRAINT settlements_final_within_approved CHECK (final_grant_cents <= approved_grant_cents),
        CONSTRAINT settlements_four_eyes CHECK (approved_by IS NULL OR approved_by <> prepared_by),
        CHECK (status <> 'approved' OR approved_at IS NOT NULL)
      );
      -- one settlement in work per case; approved ones stay as the record
      CREATE UNIQUE INDEX settlements_one_open ON settlements (case_id) WHERE status = 'prepared';
      CREATE UNIQUE INDEX settlements_one_approved ON settlements (case_id) WHERE status = 'approved';

      CREATE TABLE revocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        status text NOT NULL CHECK (status IN ('drafted', 'signed', 'discarded')),
        scope text NOT NULL CHECK (scope IN ('partial', 'full')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        interest_from date NOT NULL,
        due_on date NOT NULL,
        reasons text NOT NULL,
        drafted_by uuid NOT NULL REFERENCES users(id),
        drafted_at timestamptz NOT NULL,
        signed_by uuid NULL REFERENCES users(id),
        signed_at timestamptz NULL,
        claim_id uuid NULL REFERENCES recovery_claims(id),
        verification_code text NULL UNIQUE,
        sha256 char(64) NULL REFERENCES documents(sha256),
        CONSTRAINT revocations_four_eyes CHECK (signed_by IS NULL OR signed_by <> drafted_by)
      );
      CREATE UNIQUE INDEX revocations_one_draft ON revocations (case_id) WHERE status = 'drafted';

      ALTER TABLE payment_requests ADD COLUMN kind text NOT NULL DEFAULT 'request' CHECK (kind IN ('request', 'final'));
      ALTER TABLE cases ADD COLUMN receipts_retained_until date NULL;

      -- Settlement and revocation notices are notices like the others: one table, one verification, one list.
      ALTER TABLE notices ALTER COLUMN decision_id DROP NOT NULL;
      ALTER TABLE notices ADD COLUMN settlement_id uuid NULL UNIQUE REFERENCES settlements(id);
      ALTER TABLE notices ADD COLUMN revocation_id uuid NULL UNIQUE REFERENCES revocations(id);
      ALTER TABLE notices ADD CONSTRAINT notices_one_source CHECK (num_nonnulls(decision_id, settlement_id, revocation_id) = 1);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notices WHERE decision_id IS NULL;
      ALTER TABLE notices DROP CONSTRAINT notices_one_source;
      ALTER TABLE notices DROP COLUMN revocation_id;
      ALTER TABLE notices DROP COLUMN settlement_id;
      ALTER TABLE notices ALTER COLUMN decision_id SET NOT NULL;
      ALTER TABLE cases DROP COLUMN receipts_retained_until;
      ALTER TABLE payment_requests DROP COLUMN kind;
      DROP TABLE revocations;
      DROP TABLE settlements;
    `);
  }
}
