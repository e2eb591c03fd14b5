import { MigrationInterface, QueryRunner } from 'typeorm';

/** TOTP as a second factor: the secret (encrypted), a secret being enrolled, and the last time step used (no reuse). */
export class Totp1732620000000 implements MigrationInterface {
  name = 'Totp1732620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret text NULL,
        ADD COLUMN totp_pending_secret text NULL,
        ADD COLUMN totp_enabled_at timestamptz NULL,
        ADD COLUMN totp_last_step bigint NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step');
  }
}
