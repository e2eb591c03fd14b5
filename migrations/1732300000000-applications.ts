import { MigrationInterface, QueryRunner } from 'typeorm';

export class Applications1732300000000 implements MigrationInterface {
  name = 'Applications1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN application_due_on date NULL,
        ADD COLUMN closed_at timestamptz NULL;
      CREATE INDEX cases_call_idx ON cases (call_code);

      -- Stage 1 (concept) and stage 2 (application) of a case: the applicant's plan, edited as drafts with a version.
      CREATE TABLE proposals (
        case_id uuid NOT NULL REFERENCES cases(id),
        stage text NOT NULL CHECK (stage IN ('concept','application')),
        variant text NULL,
        location_ags char(8) NULL CHECK (location_ags ~ '^[0-9]{8}$'),
        fields jsonb NOT NULL DEFAULT '{}',
        costs jsonb NOT NULL DEFAULT '[]',
        requested_rates_bp jsonb NOT NULL DEFAULT '{}',
        own_contribution_cents bigint NOT NULL DEFAULT 0 CHECK (own_contribution_cents >= 0),
        third_party_funds jsonb NOT NULL DEFAULT '[]',
        funding_start date NULL,
        funding_end date NULL,
        iban text NULL,
        account_holder text NULL,
        -- computed by the server from the guideline, never set by a client
        grant_cents bigint NULL,
        calculation jsonb NULL,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, stage)
      );
      CREATE INDEX proposals_district_idx ON proposals (left(location_ags, 5));

      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        stage text NOT NULL,
        type text NOT NULL,
        filename text NOT NULL,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL REFERENCES documents(sha256),
        information_request_id uuid NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz NULL
      );
      CREATE INDEX attachments_case_idx ON attachments (case_id) WHERE removed_at IS NULL;

      -- Nachforderung: the caseworker asks for information with a deadline in the authority's calendar.
      CREATE TABLE information_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        message text NOT NULL,
        due_on date NOT NULL,
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        answer text NULL,
        answered_by uuid NULL REFERENCES users(id),
        answered_at timestamptz NULL,
        reminder_sent_at timestamptz NULL
      );
      CREATE UNIQUE INDEX information_requests_one_open ON information_requests (case_id) WHERE answered_at IS NULL;
      ALTER TABLE attachments ADD CONSTRAINT attachments_information_request_fk FOREIGN KEY (information_request_id) REFERENCES information_requests(id);

      -- Vorzeitiger Maßnahmebeginn: starting before the decision needs the authority's consent.
      CREATE TABLE early_start_requests (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        requested_start date NOT NULL,
        reason text NOT NULL,
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        approved boolean NULL,
        decided_by uuid NULL REFERENCES users(id),
        decided_at timestamptz NULL,
        decision_note text NULL
      );

      CREATE TABLE file_number_counters (
        prefix text NOT NULL,
        call_code text NOT NULL,
        last_seq int NOT NULL,
        PRIMARY KEY (prefix, call_code)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE file_number_counters;
      DROP TABLE early_start_requests;
      ALTER TABLE attachments DROP CONSTRAINT attachments_information_request_fk;
      DROP TABLE information_requests;
      DROP TABLE attachments;
      DROP TABLE proposals;
      DROP INDEX cases_call_idx;
      ALTER TABLE cases DROP COLUMN closed_at, DROP COLUMN application_due_on;
    `);
  }
}
