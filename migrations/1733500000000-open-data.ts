import { MigrationInterface, QueryRunner } from 'typeorm';

/** Published 360Giving packages: the exact bytes served (so the SHA-256 shown is the file's), newest wins. */
export class OpenData1733500000000 implements MigrationInterface {
  name = 'OpenData1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_data_packages (
        id bigserial PRIMARY KEY,
        sha256 char(64) NOT NULL,
        grant_count int NOT NULL CHECK (grant_count > 0),
        body text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE open_data_packages`);
  }
}
