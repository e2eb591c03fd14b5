import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls become managed records: the guideline's `calls:` are templates, filled in at start for calls that do not
 * exist yet; staff open further calls, move their dates, close them early and set their budgets. Every such
 * change is kept with its reason (and audited).
 */
export class Calls1732530000000 implements MigrationInterface {
  name = 'Calls1732530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        guideline_code text NOT NULL REFERENCES guidelines(code),
        call_code text NOT NULL CHECK (call_code ~ '^[0-9A-Za-z][0-9A-Za-z-]*$' AND length(call_code) <= 40),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        opens_on date NOT NULL,
        deadline date NOT NULL,
        -- planned budget per fiscal year, [{fiscalYear, amountCents}]; the ledger keeps its own rows in step
        budgets jsonb NOT NULL DEFAULT '[]',
        closed_at timestamptz NULL,
        close_reason text NULL,
        from_template boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_by uuid NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (guideline_code, call_code),
        CHECK (deadline >= opens_on),
        CHECK ((closed_at IS NULL) = (close_reason IS NULL))
      );

      CREATE TABLE call_changes (
        id bigserial PRIMARY KEY,
        guideline_code text NOT NULL,
        call_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('opened','changed','closed','budget')),
        reason text NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        actor_id uuid NULL REFERENCES users(id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (guideline_code, call_code) REFERENCES calls(guideline_code, call_code)
      );
      CREATE INDEX call_changes_call_idx ON call_changes (guideline_code, call_code, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE call_changes;
      DROP TABLE calls;
    `);
  }
}
