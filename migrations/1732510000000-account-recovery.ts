import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that do not get stuck: one-time password-reset links and refresh tokens with rotation.
 * Only SHA-256 hashes of the tokens are stored; the tokens themselves exist only in the mail or at the client.
 */
export class AccountRecovery1732510000000 implements MigrationInterface {
  name = 'AccountRecovery1732510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- an invitation replaced by a renewed one stops working
      ALTER TABLE invitations ADD COLUMN revoked_at timestamptz NULL;
      -- access tokens issued before this instant are refused (set by a password reset and by logout everywhere)
      ALTER TABLE users ADD COLUMN sessions_valid_after timestamptz NULL;

      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX password_resets_user_idx ON password_resets (user_id);

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        family_id uuid NOT NULL,
        parent_id uuid NULL REFERENCES refresh_tokens(id),
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE refresh_tokens; DROP TABLE password_resets; ALTER TABLE invitations DROP COLUMN revoked_at; ALTER TABLE users DROP COLUMN sessions_valid_after;');
  }
}
