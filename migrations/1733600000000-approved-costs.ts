import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each case's eligible costs as currently approved, summed per category and fiscal year: written by the approvals
 * module at sign-off so the budget report need not unpack every decision's jsonb cost lines (issue 14).
 */
export class ApprovedCosts1733600000000 implements MigrationInterface {
  name = 'ApprovedCosts1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approved_costs (
        case_id uuid NOT NULL REFERENCES cases(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        category text NOT NULL,
        fiscal_year int NOT NULL,
        cents bigint NOT NULL,
        -- the sign-off's day in Germany, which the report's date range selects by
        approved_on date NOT NULL,
        PRIMARY KEY (case_id, category, fiscal_year)
      );

      INSERT INTO approved_costs (case_id, decision_id, category, fiscal_year, cents, approved_on)
      SELECT d.case_id, d.id, l->>'category', (l->>'fiscalYear')::int, sum((l->>'amountCents')::bigint), (d.approved_at AT TIME ZONE 'Europe/Berlin')::date
        FROM (SELECT DISTINCT ON (case_id) id, case_id, costs, approved_at FROM decisions
               WHERE status = 'approved' AND kind IN ('approval', 'amendment') ORDER BY case_id, approved_at DESC) d
       CROSS JOIN jsonb_array_elements(d.costs) l
       GROUP BY 1, 2, 3, 4, 6;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approved_costs`);
  }
}
