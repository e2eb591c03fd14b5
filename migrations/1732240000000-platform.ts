import { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1732240000000 implements MigrationInterface {
  name = 'Platform1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        kind text NOT NULL CHECK (kind IN ('agency','municipality','district','municipal_association','company','association','partnership','freelancer','other_public_body')),
        ags char(8) NULL CHECK (ags ~ '^[0-9]{8}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX organisations_ags_key ON organisations (ags) WHERE ags IS NOT NULL;

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        organisation_id uuid NULL REFERENCES organisations(id),
        password_hash text NULL,
        status text NOT NULL CHECK (status IN ('invited','active','disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));
      CREATE INDEX users_organisation_idx ON users (organisation_id);

      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        created_by uuid NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX invitations_user_idx ON invitations (user_id);

      CREATE TABLE audit_entries (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id uuid NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NULL,
        data jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      );
      CREATE INDEX audit_entries_entity_idx ON audit_entries (entity_type, entity_id);
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text NULL
      );
      CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE dispatched_at IS NULL;

      CREATE TABLE mail_deliveries (
        idempotency_key text PRIMARY KEY,
        recipient text NOT NULL,
        subject text NOT NULL,
        message_id text NULL,
        sent_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE documents (
        sha256 char(64) PRIMARY KEY,
        size_bytes bigint NOT NULL,
        media_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE guideline_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_code text NOT NULL,
        edition text NOT NULL,
        content_hash char(64) NOT NULL,
        definition jsonb NOT NULL,
        source_file text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (guideline_code, content_hash)
      );
      CREATE TABLE guidelines (
        code text PRIMARY KEY,
        current_version_id uuid NOT NULL REFERENCES guideline_versions(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_version_id uuid NOT NULL REFERENCES guideline_versions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        call_code text NOT NULL,
        title text NOT NULL,
        state text NOT NULL,
        version int NOT NULL DEFAULT 1,
        file_number text NULL UNIQUE,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cases_organisation_idx ON cases (organisation_id);
      CREATE INDEX cases_state_idx ON cases (state);

      CREATE TABLE case_transitions (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        transition text NOT NULL,
        from_state text NULL,
        to_state text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id),
        reason text NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_transitions_case_idx ON case_transitions (case_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE case_transitions;
      DROP TABLE cases;
      DROP TABLE guidelines;
      DROP TABLE guideline_versions;
      DROP TABLE documents;
      DROP TABLE mail_deliveries;
      DROP TABLE outbox;
      DROP TABLE audit_entries;
      DROP FUNCTION audit_entries_append_only();
      DROP TABLE invitations;
      DROP TABLE users;
      DROP TABLE organisations;
    `);
  }
}
