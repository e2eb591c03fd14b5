import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the audit chain's head. The anchor is the checkpoint file outside the database
 * (AUDIT_CHECKPOINT_DIR); this table is a convenience copy, append-only like the audit trail.
 */
export class AuditCheckpoints1732610000000 implements MigrationInterface {
  name = 'AuditCheckpoints1732610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        seq bigint NOT NULL,
        hash char(64) NOT NULL,
        taken_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      );
      CREATE INDEX audit_checkpoints_seq_idx ON audit_checkpoints (seq);
      CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_checkpoints');
  }
}
