import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel report counts cases by the milestones they have reached. Aggregating every transition per case on each
 * call was too slow, so the milestones are kept on the case as bits (`case_milestones` says which bit a transition
 * sets), by a statement trigger on `case_transitions` (one grouped update also for bulk inserts), and the funnel is one
 * scan of `cases`. Bit 1 means "has a transition at all": the funnel counts only such cases.
 *
 * The case list export (`grants` report) pages by `(coalesce(file_number, ''), id)`; without an index on exactly that
 * each page sorted every remaining case (half of a 100,000-row XLSX export's time).
 */
export class FunnelMilestones1733800000000 implements MigrationInterface {
  name = 'FunnelMilestones1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION case_milestones(transition text, from_state text, to_state text) RETURNS int
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT 1
          | CASE WHEN transition = 'submit_concept' THEN 2 ELSE 0 END
          | CASE WHEN to_state = 'concept_in_review' THEN 4 ELSE 0 END
          | CASE WHEN to_state = 'concept_rejected' THEN 8 ELSE 0 END
          | CASE WHEN to_state = 'invited' OR from_state = 'invited' THEN 16 ELSE 0 END
          | CASE WHEN to_state = 'application_submitted' THEN 32 ELSE 0 END
          | CASE WHEN transition = 'approve_decision' THEN 64 ELSE 0 END
          | CASE WHEN to_state = 'rejected' THEN 128 ELSE 0 END
          | CASE WHEN to_state = 'withdrawn' THEN 256 ELSE 0 END
          | CASE WHEN to_state = 'settled' THEN 512 ELSE 0 END
      $$;
      ALTER TABLE cases ADD COLUMN milestones int NOT NULL DEFAULT 0;

      CREATE FUNCTION case_transitions_milestones() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cases c SET milestones = c.milestones | n.bits
          FROM (SELECT case_id, bit_or(case_milestones(transition, from_state, to_state)) AS bits FROM new_rows GROUP BY case_id) n
         WHERE c.id = n.case_id AND c.milestones | n.bits <> c.milestones;
        RETURN NULL;
      END $$;
      CREATE TRIGGER case_transitions_milestones AFTER INSERT ON case_transitions REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION case_transitions_milestones();
      UPDATE cases c SET milestones = n.bits
        FROM (SELECT case_id, bit_or(case_milestones(transition, from_state, to_state)) AS bits FROM case_transitions GROUP BY case_id) n
       WHERE c.id = n.case_id;

      CREATE INDEX cases_export_order_idx ON cases ((coalesce(file_number, '')), id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_export_order_idx;
      DROP TRIGGER case_transitions_milestones ON case_transitions;
      DROP FUNCTION case_transitions_milestones();
      ALTER TABLE cases DROP COLUMN milestones;
      DROP FUNCTION case_milestones(text, text, text);
    `);
  }
}
