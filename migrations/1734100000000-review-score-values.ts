import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ranking read each submitted review's scores out of its jsonb (five lookups per review, 15,000 reviews in a
 * call of 5,000 concepts): about 30 ms of PostgreSQL on the ranking's longest read. A review now keeps, from its
 * submission until it is reopened, its scores as numbers in the order of its guideline version's criteria, as
 * `total` keeps their weighted mean. Reviews submitted before are filled in here.
 */
export class ReviewScoreValues1734100000000 implements MigrationInterface {
  name = 'ReviewScoreValues1734100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reviews ADD COLUMN score_values double precision[];
      UPDATE reviews r SET score_values = coalesce((
        SELECT array_agg(CASE WHEN jsonb_typeof(r.scores -> (cr ->> 'code') -> 'score') = 'number'
                              THEN (r.scores -> (cr ->> 'code') ->> 'score')::double precision END ORDER BY x.n)
          FROM review_assignments a
          JOIN cases c ON c.id = a.case_id
          JOIN guideline_versions v ON v.id = c.guideline_version_id
          CROSS JOIN LATERAL jsonb_array_elements(v.definition -> 'jury' -> 'criteria') WITH ORDINALITY AS x(cr, n)
         WHERE a.id = r.assignment_id), '{}')
       WHERE r.status = 'submitted';
      ALTER TABLE reviews ADD CONSTRAINT reviews_score_values_check CHECK ((status = 'submitted') = (score_values IS NOT NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reviews DROP CONSTRAINT reviews_score_values_check; ALTER TABLE reviews DROP COLUMN score_values;`);
  }
}
