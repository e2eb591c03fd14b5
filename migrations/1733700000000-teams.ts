import { MigrationInterface, QueryRunner } from 'typeorm';

/** The caseworker team (Referat, Sachgebiet) of agency staff, for the processing-time report; applicants have none. */
export class Teams1733700000000 implements MigrationInterface {
  name = 'Teams1733700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN team text CHECK (team IS NULL OR (length(team) BETWEEN 1 AND 80 AND team = btrim(team)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN team`);
  }
}
