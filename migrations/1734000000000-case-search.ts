import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case list's text search (`q`) matched `title ILIKE p OR file_number ILIKE p` with a trigram index per column,
 * and PostgreSQL lower-cased every candidate's title and file number (and the pattern) again to recheck it: most of
 * a search's time. The lower-cased text is now kept on the case, and one trigram index serves `search LIKE lower(p)`,
 * which answers the same (ILIKE lower-cases both sides in the same way). A line break separates the two, so a
 * pattern matches across them only if it contains one.
 */
export class CaseSearch1734000000000 implements MigrationInterface {
  name = 'CaseSearch1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases ADD COLUMN search text NOT NULL
        GENERATED ALWAYS AS (lower(title) || E'\\n' || lower(coalesce(file_number, ''))) STORED;
      DROP INDEX cases_title_trgm_idx;
      DROP INDEX cases_file_number_trgm_idx;
      CREATE INDEX cases_search_trgm_idx ON cases USING gin (search gin_trgm_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_search_trgm_idx;
      ALTER TABLE cases DROP COLUMN search;
      CREATE INDEX cases_title_trgm_idx ON cases USING gin (title gin_trgm_ops);
      CREATE INDEX cases_file_number_trgm_idx ON cases USING gin (file_number gin_trgm_ops);
    `);
  }
}
