import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery claims (Rückforderung, § 49a VwVfG) and the repayments booked against them. A repayment's split into costs,
 * interest and principal (§ 367 BGB) is stored as booked; repayments are booked in the order of their value dates, so
 * an earlier split never changes.
 */
export class Recovery1733200000000 implements MigrationInterface {
  name = 'Recovery1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recovery_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        number int NOT NULL,
        grounds text NOT NULL CHECK (grounds IN ('settlement', 'revocation')),
        principal_cents bigint NOT NULL CHECK (principal_cents > 0),
        costs_cents bigint NOT NULL DEFAULT 0 CHECK (costs_cents >= 0),
        interest_from date NOT NULL,
        interest_above_bp int NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled')),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_on date NULL,
        UNIQUE (case_id, number)
      );
      CREATE INDEX recovery_claims_open_idx ON recovery_claims (case_id) WHERE status = 'open';

      CREATE TABLE recovery_repayments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES recovery_claims(id),
        received_on date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        to_costs_cents bigint NOT NULL CHECK (to_costs_cents >= 0),
        to_interest_cents bigint NOT NULL CHECK (to_interest_cents >= 0),
        to_principal_cents bigint NOT NULL CHECK (to_principal_cents >= 0),
        surplus_cents bigint NOT NULL CHECK (surplus_cents >= 0),
        reference text NULL,
        booked_by uuid NOT NULL REFERENCES users(id),
        booked_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_costs_cents + to_interest_cents + to_principal_cents + surplus_cents = amount_cents)
      );
      CREATE INDEX recovery_repayments_claim_idx ON recovery_repayments (claim_id, received_on);

      ALTER TABLE ledger_bookings ADD COLUMN recovery_repayment_id uuid NULL REFERENCES recovery_repayments(id);
      ALTER TABLE ledger_bookings DROP CONSTRAINT ledger_bookings_kind_check;
      ALTER TABLE ledger_bookings ADD CONSTRAINT ledger_bookings_kind_check CHECK (kind IN ('payment', 'return', 'recovery', 'recovery_interest'));
      CREATE UNIQUE INDEX ledger_bookings_repayment_once ON ledger_bookings (recovery_repayment_id, kind) WHERE recovery_repayment_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ledger_bookings_repayment_once;
      DELETE FROM ledger_bookings WHERE recovery_repayment_id IS NOT NULL;
      ALTER TABLE ledger_bookings DROP CONSTRAINT ledger_bookings_kind_check;
      ALTER TABLE ledger_bookings ADD CONSTRAINT ledger_bookings_kind_check CHECK (kind IN ('payment', 'return', 'recovery'));
      ALTER TABLE ledger_bookings DROP COLUMN recovery_repayment_id;
      DROP TABLE recovery_repayments;
      DROP TABLE recovery_claims;
    `);
  }
}
