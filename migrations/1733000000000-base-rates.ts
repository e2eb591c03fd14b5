import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The base rate (Basiszinssatz, § 247 BGB) as dated records: recovery interest is counted from them. Values come from
 * config/base-rates.yaml (entered_by NULL) or from an admin with the Bundesbank's announcement as source (audited).
 */
export class BaseRates1733000000000 implements MigrationInterface {
  name = 'BaseRates1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE base_rates (
        valid_from date PRIMARY KEY CHECK (extract(day FROM valid_from) = 1 AND extract(month FROM valid_from) IN (1, 7)),
        rate_bp int NOT NULL CHECK (rate_bp BETWEEN -10000 AND 10000),
        source text NOT NULL CHECK (length(source) > 0),
        entered_by uuid NULL REFERENCES users(id),
        entered_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE base_rates`);
  }
}
