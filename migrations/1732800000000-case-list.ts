import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sort columns of the case list (`ListCasesQuery.sort`) and the expression each is ordered by. */
const SORTS: [string, string][] = [
  ['created', 'created_at'],
  ['updated', 'updated_at'],
  ['file_number', 'file_number'],
  ['title', 'lower(title)'],
  ['state', 'state'],
];

/**
 * The case list filters and sorts on `cases` alone. The facts it filters by (guideline, variant, location) are kept
 * on the case by triggers, so every way a case or proposal is written (service, workflow effect, fixtures) keeps them
 * right; each filter and each sort (both directions, tie-broken by id) has an index.
 */
export class CaseList1732800000000 implements MigrationInterface {
  name = 'CaseList1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      ALTER TABLE cases
        ADD COLUMN guideline_code text NULL,
        ADD COLUMN variant text NULL,
        ADD COLUMN location_ags char(8) NULL,
        ADD COLUMN grant_cents bigint NULL;
      UPDATE cases c SET guideline_code = v.guideline_code FROM guideline_versions v WHERE v.id = c.guideline_version_id;
      ALTER TABLE cases ALTER COLUMN guideline_code SET NOT NULL;

      CREATE FUNCTION cases_guideline_code() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.guideline_code := (SELECT guideline_code FROM guideline_versions WHERE id = NEW.guideline_version_id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER cases_guideline_code BEFORE INSERT OR UPDATE OF guideline_version_id ON cases
        FOR EACH ROW EXECUTE FUNCTION cases_guideline_code();

      -- The list shows the application's plan once there is one, else the concept's.
      CREATE FUNCTION proposals_list_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cases c SET variant = p.variant, location_ags = p.location_ags, grant_cents = p.grant_cents
          FROM (SELECT variant, location_ags, grant_cents FROM proposals WHERE case_id = NEW.case_id
                 ORDER BY (stage = 'application') DESC LIMIT 1) p
         WHERE c.id = NEW.case_id
           AND (c.variant, c.location_ags, c.grant_cents) IS DISTINCT FROM (p.variant, p.location_ags, p.grant_cents);
        RETURN NULL;
      END $$;
      CREATE TRIGGER proposals_list_facts AFTER INSERT OR UPDATE OF variant, location_ags, grant_cents ON proposals
        FOR EACH ROW EXECUTE FUNCTION proposals_list_facts();
      UPDATE cases c SET variant = p.variant, location_ags = p.location_ags, grant_cents = p.grant_cents
        FROM (SELECT DISTINCT ON (case_id) case_id, variant, location_ags, grant_cents FROM proposals
               ORDER BY case_id, (stage = 'application') DESC) p
       WHERE p.case_id = c.id;

      CREATE INDEX cases_guideline_idx ON cases (guideline_code);
      CREATE INDEX cases_variant_idx ON cases (variant);
      -- with the column itself, so a count by district is read from the index alone
      CREATE INDEX cases_district_idx ON cases (left(location_ags, 5)) INCLUDE (location_ags);
      CREATE INDEX cases_title_trgm_idx ON cases USING gin (title gin_trgm_ops);
      CREATE INDEX cases_file_number_trgm_idx ON cases USING gin (file_number gin_trgm_ops);
      ${SORTS.map(
        ([name, expr]) => `
      CREATE INDEX cases_list_${name}_desc_idx ON cases (${expr} DESC NULLS LAST, id);
      CREATE INDEX cases_list_${name}_asc_idx ON cases (${expr} ASC NULLS LAST, id);`,
      ).join('')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${SORTS.map(([name]) => `DROP INDEX cases_list_${name}_desc_idx; DROP INDEX cases_list_${name}_asc_idx;`).join('\n')}
      DROP INDEX cases_file_number_trgm_idx;
      DROP INDEX cases_title_trgm_idx;
      DROP INDEX cases_district_idx;
      DROP INDEX cases_variant_idx;
      DROP INDEX cases_guideline_idx;
      DROP TRIGGER proposals_list_facts ON proposals;
      DROP FUNCTION proposals_list_facts();
      DROP TRIGGER cases_guideline_code ON cases;
      DROP FUNCTION cases_guideline_code();
      ALTER TABLE cases DROP COLUMN grant_cents, DROP COLUMN location_ags, DROP COLUMN variant, DROP COLUMN guideline_code;
    `);
  }
}
