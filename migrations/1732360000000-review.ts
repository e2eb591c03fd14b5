import { MigrationInterface, QueryRunner } from 'typeorm';

export class Review1732360000000 implements MigrationInterface {
  name = 'Review1732360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Where a jury member belongs: they are excluded from concepts of these organisations and districts.
      CREATE TABLE reviewer_affiliations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reviewer_id uuid NOT NULL REFERENCES users(id),
        organisation_id uuid NULL REFERENCES organisations(id),
        district char(5) NULL CHECK (district ~ '^[0-9]{5}$'),
        CHECK ((organisation_id IS NULL) <> (district IS NULL))
      );
      CREATE INDEX reviewer_affiliations_reviewer_idx ON reviewer_affiliations (reviewer_id);

      CREATE TABLE review_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        reviewer_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('active','conflict')),
        declared_at timestamptz NULL,
        conflict_reason text NULL,
        assigned_by uuid NOT NULL REFERENCES users(id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, reviewer_id)
      );
      CREATE INDEX review_assignments_reviewer_idx ON review_assignments (reviewer_id);

      -- Every exclusion, automatic (affiliation) or declared (Befangenheit), is kept.
      CREATE TABLE review_exclusions (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        reviewer_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('automatic','declared')),
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, reviewer_id, kind)
      );

      CREATE TABLE reviews (
        assignment_id uuid PRIMARY KEY REFERENCES review_assignments(id),
        scores jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('draft','submitted')),
        total numeric(8,4) NULL,
        submitted_at timestamptz NULL,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- A caseworker's note that a disagreement between reviewers was looked at.
      CREATE TABLE review_resolutions (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        note text NOT NULL,
        resolved_by uuid NOT NULL REFERENCES users(id),
        resolved_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE review_resolutions;
      DROP TABLE reviews;
      DROP TABLE review_exclusions;
      DROP TABLE review_assignments;
      DROP TABLE reviewer_affiliations;
    `);
  }
}
