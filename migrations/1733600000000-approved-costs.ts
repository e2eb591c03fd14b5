import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each case's eligible costs as currently approved, summed per category and fiscal year: written by the approvals
 * module at sign-off so the budget report need not unpack every decision's jsonb cost lines (issue 14). Guideline,
 * call and district are the case's at sign-off: none of them changes after a decision (the application is no longer
 * editable, an organisation's AGS never), and on the row they spare the report its joins.
 */
export class ApprovedCosts1733600000000 implements MigrationInterface {
  name = 'ApprovedCosts1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approved_costs (
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        guideline_code text NOT NULL,
        call_code text NOT NULL,
        -- the first five AGS digits of the project's place, else of the applicant's seat; '' if neither is known
        district text NOT NULL,
        category text NOT NULL,
        fiscal_year int NOT NULL,
        cents bigint NOT NULL,
        -- the sign-off's day in Germany, which the report's date range selects by
        approved_on date NOT NULL,
        PRIMARY KEY (case_id, category, fiscal_year)
      );

      INSERT INTO approved_costs (case_id, decision_id, guideline_code, call_code, district, category, fiscal_year, cents, approved_on)
      SELECT d.case_id, d.id, c.guideline_code, c.call_code, coalesce(left(c.location_ags, 5), left(o.ags, 5), ''),
             l->>'category', (l->>'fiscalYear')::int, sum((l->>'amountCents')::bigint), (d.approved_at AT TIME ZONE 'Europe/Berlin')::date
        FROM (SELECT DISTINCT ON (case_id) id, case_id, costs, approved_at FROM decisions
               WHERE status = 'approved' AND kind IN ('approval', 'amendment') ORDER BY case_id, approved_at DESC) d
        JOIN cases c ON c.id = d.case_id JOIN organisations o ON o.id = c.organisation_id
       CROSS JOIN jsonb_array_elements(d.costs) l
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 9;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approved_costs`);
  }
}
