import { MigrationInterface, QueryRunner } from 'typeorm';

export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000001';

export class Approvals1732420000000 implements MigrationInterface {
  name = 'Approvals1732420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The actor of scheduled steps (a notice becoming final); it cannot log in.
      INSERT INTO users (id, email, display_name, roles, status)
      VALUES ('${SYSTEM_USER_ID}', 'system@foerderwerk.invalid', 'Förderwerk (automatisch)', '{caseworker}', 'disabled');

      -- The budget ledger: one row per call and fiscal year; the CHECK is the last line of defence against overspending.
      CREATE TABLE call_budgets (
        guideline_code text NOT NULL,
        call_code text NOT NULL,
        fiscal_year int NOT NULL,
        budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
        committed_cents bigint NOT NULL DEFAULT 0 CHECK (committed_cents >= 0),
        paid_cents bigint NOT NULL DEFAULT 0,
        recovered_cents bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (guideline_code, call_code, fiscal_year),
        CHECK (committed_cents <= budget_cents)
      );

      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL CHECK (kind IN ('approval','rejection','amendment')),
        status text NOT NULL CHECK (status IN ('prepared','returned','approved')),
        costs jsonb NOT NULL DEFAULT '[]',
        requested_rates_bp jsonb NOT NULL DEFAULT '{}',
        reductions jsonb NOT NULL DEFAULT '[]',
        reasons jsonb NOT NULL DEFAULT '[]',
        grant_cents bigint NOT NULL DEFAULT 0,
        calculation jsonb NULL,
        own_contribution_cents bigint NOT NULL DEFAULT 0,
        third_party_funds jsonb NOT NULL DEFAULT '[]',
        funding_start date NULL,
        funding_end date NULL,
        supersedes uuid NULL REFERENCES decisions(id),
        prepared_by uuid NOT NULL REFERENCES users(id),
        prepared_at timestamptz NOT NULL DEFAULT now(),
        approved_by uuid NULL REFERENCES users(id),
        approved_at timestamptz NULL,
        return_comment text NULL,
        verification_code text NULL UNIQUE,
        notice_date date NULL,
        deemed_received_on date NULL,
        objection_deadline date NULL,
        waived_at timestamptz NULL,
        CHECK (approved_by IS NULL OR approved_by <> prepared_by)
      );
      CREATE UNIQUE INDEX decisions_one_prepared ON decisions (case_id) WHERE status = 'prepared';

      CREATE TABLE commitments (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        guideline_code text NOT NULL,
        call_code text NOT NULL,
        fiscal_year int NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz NULL
      );
      CREATE INDEX commitments_case_idx ON commitments (case_id) WHERE released_at IS NULL;

      -- One document per decision: a retried render job finds it and stops.
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_id uuid NOT NULL UNIQUE REFERENCES decisions(id),
        kind text NOT NULL,
        sha256 char(64) NOT NULL REFERENCES documents(sha256),
        verification_code text NOT NULL,
        issued_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notices_sha_idx ON notices (sha256);

      CREATE TABLE objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_id uuid NULL REFERENCES decisions(id),
        reason text NOT NULL,
        lodged_by uuid NOT NULL REFERENCES users(id),
        lodged_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz NULL,
        outcome text NULL
      );
      CREATE UNIQUE INDEX objections_one_open ON objections (case_id) WHERE closed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE objections;
      DROP TABLE notices;
      DROP TABLE commitments;
      DROP TABLE decisions;
      DROP TABLE call_budgets;
      DELETE FROM users WHERE id = '${SYSTEM_USER_ID}';
    `);
  }
}
