import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DISTRICT } from '../applications/domain/district';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { NotFoundError } from '../platform/errors/domain-error';
import { once, type ReportColumn, type ReportPart } from './domain/programme-report-format';
import type {
  BudgetReportDto,
  DashboardDto,
  FunnelReportDto,
  GrantRowDto,
  PaymentsReportDto,
  ProcessingTimesReportDto,
  ReportFiltersDto,
} from './dto/programme-reports.dto';
import { RecoveryService } from './recovery.service';
import { ReportingDutiesService } from './reporting-duties.service';

export const REPORTS = ['budget', 'funnel', 'processing-times', 'payments', 'grants'] as const;
export type ReportName = (typeof REPORTS)[number];

/** A WHERE clause built from the filters; each report says which column a filter applies to. */
class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  /** Adds the condition when the (first) value is given; each `?` takes the next value. */
  add(sql: string, ...values: unknown[]): this {
    if (values[0] === undefined || values[0] === null) return this;
    let i = 0;
    this.parts.push(
      sql.replace(/\?/g, () => {
        this.params.push(values[i++]);
        return `$${this.params.length}`;
      }),
    );
    return this;
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
  and(): string {
    return this.parts.length ? `AND ${this.parts.join(' AND ')}` : '';
  }
}

const n = (v: unknown): number => Number(v ?? 0);
const euro = (key: string, header: string): ReportColumn => ({ key, header, type: 'euro' });
const int = (key: string, header: string): ReportColumn => ({ key, header, type: 'int' });
const text = (key: string, header: string): ReportColumn => ({ key, header, type: 'text' });
const days = (key: string, header: string): ReportColumn => ({ key, header, type: 'days' });

/** The main steps, in order, of the processing-time report (first time a case reached each). */
const STEPS: [string, string][] = [
  ['submission', `min(t.occurred_at) FILTER (WHERE t.transition = 'submit_concept')`],
  ['formal_check', `min(t.occurred_at) FILTER (WHERE t.to_state = 'concept_in_review' AND t.transition <> 'submit_concept')`],
  ['jury', `min(t.occurred_at) FILTER (WHERE t.to_state = 'concept_ranked')`],
  ['invitation', `min(t.occurred_at) FILTER (WHERE t.to_state = 'invited')`],
  ['application', `min(t.occurred_at) FILTER (WHERE t.to_state = 'application_submitted')`],
  ['decision', `min(t.occurred_at) FILTER (WHERE t.transition IN ('approve_decision', 'approve_rejection'))`],
  ['notice_final', `min(t.occurred_at) FILTER (WHERE t.to_state = 'notice_final')`],
  ['first_payment', `(SELECT min(b.booked_on)::timestamp AT TIME ZONE 'Europe/Berlin' FROM ledger_bookings b WHERE b.case_id = t.case_id AND b.kind = 'payment')`],
  ['settlement', `min(t.occurred_at) FILTER (WHERE t.to_state = 'settled')`],
];

type Sql = [string, unknown[]];

/** How the exports name the cases whose formal check was done by someone without a team. */
const NO_TEAM = 'ohne Teamzuordnung';

/** The budget report's three statements (exported so the benchmark runs the very same SQL bare). */
export function budgetQueries(f: ReportFiltersDto): { byCall: Sql; byDistrict: Sql; byCategory: Sql } {
  // the ledger balances: date range and district do not apply (a balance has no date or place)
  const w1 = new Where().add('b.guideline_code = ?', f.guideline).add('b.call_code = ?', f.call).add('b.fiscal_year = ?', f.fiscalYear);
  // open commitments and bookings by the case's district: they add up to the balances
  const w2 = new Where()
    .add('x.guideline_code = ?', f.guideline)
    .add('x.call_code = ?', f.call)
    .add('x.fiscal_year = ?', f.fiscalYear)
    .add('x.district = ?', f.district)
    .add('x.on_day >= ?::date', f.from)
    .add('x.on_day <= ?::date', f.to);
  // eligible costs per category as approved: each case's current approved decision, summed by the approvals module at sign-off
  const w3 = new Where()
    .add('a.guideline_code = ?', f.guideline)
    .add('a.call_code = ?', f.call)
    .add('a.fiscal_year = ?', f.fiscalYear)
    .add('a.district = ?', f.district)
    .add('a.approved_on >= ?::date', f.from)
    .add('a.approved_on <= ?::date', f.to);
  return {
    byCall: [
      `SELECT b.guideline_code, b.call_code, b.fiscal_year, b.budget_cents, b.committed_cents, b.paid_cents, b.recovered_cents
         FROM call_budgets b ${w1.sql} ORDER BY b.guideline_code, b.call_code, b.fiscal_year`,
      w1.params,
    ],
    byDistrict: [
      `SELECT x.guideline_code, x.call_code, x.fiscal_year, x.district,
              sum(x.committed)::bigint AS committed, sum(x.paid)::bigint AS paid, sum(x.recovered)::bigint AS recovered
         FROM (SELECT m.guideline_code, m.call_code, m.fiscal_year, ${DISTRICT} AS district, m.created_at::date AS on_day,
                      m.amount_cents AS committed, 0 AS paid, 0 AS recovered
                 FROM commitments m JOIN cases c ON c.id = m.case_id JOIN organisations o ON o.id = c.organisation_id
                WHERE m.released_at IS NULL
               UNION ALL
               SELECT l.guideline_code, l.call_code, l.fiscal_year, ${DISTRICT}, l.booked_on, 0,
                      CASE l.kind WHEN 'payment' THEN l.amount_cents WHEN 'return' THEN -l.amount_cents ELSE 0 END,
                      CASE l.kind WHEN 'recovery' THEN l.amount_cents ELSE 0 END
                 FROM ledger_bookings l JOIN cases c ON c.id = l.case_id JOIN organisations o ON o.id = c.organisation_id
                WHERE l.kind IN ('payment', 'return', 'recovery')) x
        ${w2.sql}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      w2.params,
    ],
    byCategory: [
      // the rows carry guideline, call and district; only withdrawn and rejected cases (few) are looked up, to leave out
      `SELECT a.guideline_code, a.district, a.category, a.fiscal_year, count(*)::int AS cases, sum(a.cents)::bigint AS cents
         FROM approved_costs a
        WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = a.case_id AND c.state IN ('withdrawn', 'rejected')) ${w3.and()}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      w3.params,
    ],
  };
}

/**
 * The milestones kept on the case (`cases.milestones`, migration FunnelMilestones1733800000000), in bit order from 2:
 * bit 1 means the case has any transition (the funnel counts only those).
 */
const MILESTONES = ['submitted', 'accepted', 'concept_rejected', 'invited', 'applied', 'approved', 'rejected', 'withdrawn', 'settled'] as const;

/** The funnel's statement (exported for the benchmark). The date range and fiscal year select cases by the day they were opened. */
export function funnelQuery(f: ReportFiltersDto): Sql {
  const w = new Where()
    .add('c.guideline_code = ?', f.guideline)
    .add('c.call_code = ?', f.call)
    .add(`extract(year FROM c.created_at AT TIME ZONE 'Europe/Berlin') = ?`, f.fiscalYear)
    .add(`${DISTRICT} = ?`, f.district)
    .add(`(c.created_at AT TIME ZONE 'Europe/Berlin')::date >= ?::date`, f.from)
    .add(`(c.created_at AT TIME ZONE 'Europe/Berlin')::date <= ?::date`, f.to);
  const counts = MILESTONES.map((m, i) => `count(*) FILTER (WHERE c.milestones & ${2 << i} <> 0)::int AS ${m}`);
  return [
    `WITH p AS (SELECT DISTINCT case_id FROM ledger_bookings WHERE kind = 'payment')
     SELECT c.guideline_code, c.call_code, ${counts.join(', ')}, count(p.case_id)::int AS paid
       FROM cases c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN p ON p.case_id = c.id
      WHERE c.milestones <> 0 ${w.and()}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    w.params,
  ];
}

/**
 * The programme reports (issue 14): read-only SQL over the ledger (call_budgets, commitments, ledger_bookings), the
 * cases and their transitions. Each report is one typed JSON and a list of parts that the CSV/XLSX writers stream.
 */
@Injectable()
export class ProgrammeReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly recovery: RecoveryService,
    private readonly duties: ReportingDutiesService,
  ) {}

  // --- budget

  async budget(f: ReportFiltersDto): Promise<BudgetReportDto> {
    const q = budgetQueries(f);
    const [calls, districts, categories] = await Promise.all([q.byCall, q.byDistrict, q.byCategory].map(([sql, params]) => this.db.query(sql, params)));
    const byCall = calls.map((r: any) => ({
      guidelineCode: r.guideline_code,
      callCode: r.call_code,
      fiscalYear: n(r.fiscal_year),
      budgetCents: n(r.budget_cents),
      committedCents: n(r.committed_cents),
      paidCents: n(r.paid_cents),
      recoveredCents: n(r.recovered_cents),
      availableCents: n(r.budget_cents) - n(r.committed_cents),
    }));
    const byDistrict = districts.map((r: any) => ({
      guidelineCode: r.guideline_code,
      callCode: r.call_code,
      fiscalYear: n(r.fiscal_year),
      district: r.district,
      committedCents: n(r.committed),
      paidCents: n(r.paid),
      recoveredCents: n(r.recovered),
    }));
    const byCategory = categories.map((r: any) => ({ guidelineCode: r.guideline_code, district: r.district, category: r.category, fiscalYear: n(r.fiscal_year), cases: n(r.cases), approvedCostsCents: n(r.cents) }));
    return { byCall, byDistrict, byCategory };
  }

  // --- funnel

  async funnel(f: ReportFiltersDto): Promise<FunnelReportDto> {
    const rows = await this.db.query(...funnelQuery(f));
    return {
      byCall: rows.map((r: any) => ({
        guidelineCode: r.guideline_code,
        callCode: r.call_code,
        conceptsSubmitted: r.submitted,
        conceptsAccepted: r.accepted,
        conceptsRejected: r.concept_rejected,
        invited: r.invited,
        applicationsSubmitted: r.applied,
        approved: r.approved,
        rejected: r.rejected,
        withdrawn: r.withdrawn,
        paid: r.paid,
        settled: r.settled,
      })),
    };
  }

  // --- processing times

  async processingTimes(f: ReportFiltersDto): Promise<ProcessingTimesReportDto> {
    // a step's time counts in the range when the later step was reached in it
    const w = new Where()
      .add('c.guideline_code = ?', f.guideline)
      .add('c.call_code = ?', f.call)
      .add(`extract(year FROM s.b AT TIME ZONE 'Europe/Berlin') = ?`, f.fiscalYear)
      .add(`${DISTRICT} = ?`, f.district)
      .add(`(s.b AT TIME ZONE 'Europe/Berlin')::date >= ?::date`, f.from)
      .add(`(s.b AT TIME ZONE 'Europe/Berlin')::date <= ?::date`, f.to);
    const pairs = STEPS.slice(1).map(([name], i) => `('${STEPS[i][0]}→${name}', ${i}, s${i}, s${i + 1})`).join(', ');
    const sql = (group: string, groupBy: string) => `
      WITH steps AS (
        SELECT t.case_id, ${STEPS.map(([, e], i) => `${e} AS s${i}`).join(', ')},
               (array_agg(t.actor_id ORDER BY t.id) FILTER (WHERE t.to_state = 'concept_in_review' AND t.transition <> 'submit_concept'))[1] AS checker
          FROM case_transitions t GROUP BY t.case_id
      ), s AS (
        SELECT st.case_id, st.checker, v.step, v.ord, v.a, v.b FROM steps st CROSS JOIN LATERAL (VALUES ${pairs}) v(step, ord, a, b)
         WHERE v.a IS NOT NULL AND v.b IS NOT NULL
      )
      SELECT ${group}, s.step, min(s.ord) AS ord, count(*)::int AS cases,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.b - s.a) / 86400) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.b - s.a) / 86400) AS p90
        FROM s JOIN cases c ON c.id = s.case_id JOIN organisations o ON o.id = c.organisation_id ${groupBy.includes('u.') ? 'LEFT JOIN users u ON u.id = s.checker' : ''}
       ${w.sql}
       GROUP BY ${groupBy}, s.step ORDER BY ${groupBy}, min(s.ord)`;
    const times = (r: any) => ({ step: r.step, cases: r.cases, medianDays: round1(r.median), p90Days: round1(r.p90) });
    const calls = await this.db.query(sql('c.guideline_code AS g, c.call_code AS call', 'c.guideline_code, c.call_code'), w.params);
    // the team of the caseworker who did the formal check; "" where they have none
    const teams = await this.db.query(sql(`coalesce(u.team, '') AS team`, `coalesce(u.team, '')`), w.params);
    return {
      byCall: calls.map((r: any) => ({ guidelineCode: r.g, callCode: r.call, ...times(r) })),
      byTeam: teams.map((r: any) => ({ team: r.team, ...times(r) })),
    };
  }

  // --- payments and claims

  async payments(f: ReportFiltersDto): Promise<PaymentsReportDto> {
    const w = new Where()
      .add('l.guideline_code = ?', f.guideline)
      .add('l.call_code = ?', f.call)
      .add('l.fiscal_year = ?', f.fiscalYear)
      .add(`${DISTRICT} = ?`, f.district)
      .add('l.booked_on >= ?::date', f.from)
      .add('l.booked_on <= ?::date', f.to);
    const byMonth = (
      await this.db.query(
        `SELECT l.guideline_code, l.call_code, to_char(l.booked_on, 'YYYY-MM') AS month,
                coalesce(sum(l.amount_cents) FILTER (WHERE l.kind = 'payment'), 0)::bigint AS paid,
                coalesce(sum(l.amount_cents) FILTER (WHERE l.kind = 'return'), 0)::bigint AS returned,
                coalesce(sum(l.amount_cents) FILTER (WHERE l.kind = 'recovery'), 0)::bigint AS recovered,
                coalesce(sum(l.amount_cents) FILTER (WHERE l.kind = 'recovery_interest'), 0)::bigint AS interest
           FROM ledger_bookings l JOIN cases c ON c.id = l.case_id JOIN organisations o ON o.id = c.organisation_id
           ${w.sql}
          GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`,
        w.params,
      )
    ).map((r: any) => ({ guidelineCode: r.guideline_code, callCode: r.call_code, month: r.month, paidCents: n(r.paid), returnedCents: n(r.returned), recoveredCents: n(r.recovered), interestCents: n(r.interest) }));
    // claims and duties through their own services (interest to date, the overdue rule), narrowed to the filtered cases
    const cases = await this.caseFilter(f);
    const openClaims = (await this.recovery.listOpen())
      .filter((c) => cases.has(c.caseId))
      .map((c) => ({
        fileNumber: c.fileNumber,
        callCode: cases.get(c.caseId)!,
        organisationName: c.organisationName,
        dueOn: c.dueOn,
        principalOpenCents: c.principalOpenCents,
        interestOpenCents: c.interestOpenCents,
        totalOpenCents: c.totalOpenCents,
      }));
    const overdueProofs = (await this.duties.overdue())
      .filter((d) => cases.has(d.caseId))
      .map((d) => ({ fileNumber: d.fileNumber, callCode: cases.get(d.caseId)!, organisationName: d.organisationName, kind: d.kind, dueOn: d.dueOn }));
    return { byMonth, openClaims, overdueProofs };
  }

  /** Cases (id → call) matching guideline, call and district; fiscal year and dates select by the claim's or duty's own day. */
  private async caseFilter(f: ReportFiltersDto): Promise<Map<string, string>> {
    const w = new Where().add('c.guideline_code = ?', f.guideline).add('c.call_code = ?', f.call).add(`${DISTRICT} = ?`, f.district);
    const rows = await this.db.query(
      `SELECT c.id, c.call_code FROM cases c JOIN organisations o ON o.id = c.organisation_id
        WHERE c.id IN (SELECT case_id FROM recovery_claims WHERE status = 'open' UNION SELECT case_id FROM reporting_duties WHERE fulfilled_at IS NULL) ${w.and()}`,
      w.params,
    );
    return new Map(rows.map((r: any) => [r.id, r.call_code]));
  }

  // --- the case list (the one large report): keyset pages, never all rows at once (the order has its index, cases_export_order_idx)

  async *grantPages(f: ReportFiltersDto, pageSize = 2000): AsyncIterable<GrantRowDto[]> {
    let after: [string, string] = ['', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const w = new Where()
        .add('c.guideline_code = ?', f.guideline)
        .add('c.call_code = ?', f.call)
        .add(`${DISTRICT} = ?`, f.district)
        .add(`(c.created_at AT TIME ZONE 'Europe/Berlin')::date >= ?::date`, f.from)
        .add(`(c.created_at AT TIME ZONE 'Europe/Berlin')::date <= ?::date`, f.to)
        .add(`(coalesce(c.file_number, ''), c.id) > (?, ?::uuid)`, after[0], after[1]);
      const params = [...w.params, pageSize];
      const where = w.sql;
      const rows = await this.db.query(
        `SELECT c.id, c.file_number, c.guideline_code, c.call_code, ${DISTRICT} AS district, o.name AS organisation_name, o.kind, c.title, c.state,
                (SELECT coalesce(sum(m.amount_cents), 0) FROM commitments m WHERE m.case_id = c.id AND m.released_at IS NULL
                   ${f.fiscalYear ? `AND m.fiscal_year = ${Number(f.fiscalYear)}` : ''})::bigint AS committed,
                (SELECT coalesce(sum(CASE b.kind WHEN 'payment' THEN b.amount_cents WHEN 'return' THEN -b.amount_cents ELSE 0 END), 0) FROM ledger_bookings b WHERE b.case_id = c.id
                   ${f.fiscalYear ? `AND b.fiscal_year = ${Number(f.fiscalYear)}` : ''})::bigint AS paid,
                (SELECT coalesce(sum(b.amount_cents), 0) FROM ledger_bookings b WHERE b.case_id = c.id AND b.kind = 'recovery'
                   ${f.fiscalYear ? `AND b.fiscal_year = ${Number(f.fiscalYear)}` : ''})::bigint AS recovered
           FROM cases c JOIN organisations o ON o.id = c.organisation_id
           ${where}
          ORDER BY coalesce(c.file_number, ''), c.id LIMIT $${params.length}`,
        params,
      );
      if (!rows.length) return;
      yield rows.map((r: any) => ({
        fileNumber: r.file_number,
        guidelineCode: r.guideline_code,
        callCode: r.call_code,
        district: r.district,
        organisationName: r.organisation_name,
        title: r.title,
        state: r.state,
        committedCents: n(r.committed),
        paidCents: n(r.paid),
        recoveredCents: n(r.recovered),
      }));
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.file_number ?? '', last.id];
    }
  }

  // --- parts for CSV/XLSX

  async parts(report: ReportName, f: ReportFiltersDto): Promise<ReportPart[]> {
    switch (report) {
      case 'budget': {
        const r = await this.budget(f);
        return [
          { name: 'byCall', title: 'Budget je Aufruf und Jahr', rows: once(r.byCall as any), columns: [text('guidelineCode', 'Richtlinie'), text('callCode', 'Aufruf'), int('fiscalYear', 'Haushaltsjahr'), euro('budgetCents', 'Budget'), euro('committedCents', 'Gebunden'), euro('paidCents', 'Ausgezahlt'), euro('recoveredCents', 'Zurückgefordert'), euro('availableCents', 'Verfügbar')] },
          { name: 'byDistrict', title: 'Je Kreis', rows: once(r.byDistrict as any), columns: [text('guidelineCode', 'Richtlinie'), text('callCode', 'Aufruf'), int('fiscalYear', 'Haushaltsjahr'), text('district', 'Kreis (AGS)'), euro('committedCents', 'Gebunden'), euro('paidCents', 'Ausgezahlt'), euro('recoveredCents', 'Zurückgefordert')] },
          { name: 'byCategory', title: 'Je Kreis und Kostenart', rows: once(r.byCategory as any), columns: [text('guidelineCode', 'Richtlinie'), text('district', 'Kreis (AGS)'), text('category', 'Kostenart'), int('fiscalYear', 'Haushaltsjahr'), int('cases', 'Fälle'), euro('approvedCostsCents', 'Bewilligte förderfähige Kosten')] },
        ];
      }
      case 'funnel': {
        const r = await this.funnel(f);
        return [
          { name: 'byCall', title: 'Trichter je Aufruf', rows: once(r.byCall as any), columns: [text('guidelineCode', 'Richtlinie'), text('callCode', 'Aufruf'), int('conceptsSubmitted', 'Skizzen eingereicht'), int('conceptsAccepted', 'Skizzen angenommen'), int('conceptsRejected', 'Skizzen abgelehnt'), int('invited', 'Aufgefordert'), int('applicationsSubmitted', 'Anträge eingereicht'), int('approved', 'Bewilligt'), int('rejected', 'Abgelehnt'), int('withdrawn', 'Zurückgezogen'), int('paid', 'Ausgezahlt'), int('settled', 'Abgerechnet')] },
        ];
      }
      case 'processing-times': {
        const r = await this.processingTimes(f);
        const cols = (first: ReportColumn[]) => [...first, text('step', 'Schritt'), int('cases', 'Fälle'), days('medianDays', 'Median (Tage)'), days('p90Days', '90. Perzentil (Tage)')];
        return [
          { name: 'byCall', title: 'Je Aufruf', rows: once(r.byCall as any), columns: cols([text('guidelineCode', 'Richtlinie'), text('callCode', 'Aufruf')]) },
          {
            name: 'byTeam',
            title: 'Je Team',
            rows: once(r.byTeam.map((x) => ({ ...x, team: x.team || NO_TEAM })) as any),
            columns: cols([text('team', 'Team der formalen Prüfung')]),
          },
        ];
      }
      case 'payments': {
        const r = await this.payments(f);
        return [
          { name: 'byMonth', title: 'Zahlungen je Monat', rows: once(r.byMonth as any), columns: [text('guidelineCode', 'Richtlinie'), text('callCode', 'Aufruf'), text('month', 'Monat'), euro('paidCents', 'Ausgezahlt'), euro('returnedCents', 'Zurückgebucht'), euro('recoveredCents', 'Zurückgefordert (Hauptforderung)'), euro('interestCents', 'Zinsen')] },
          { name: 'openClaims', title: 'Offene Rückforderungen', rows: once(r.openClaims as any), columns: [text('fileNumber', 'Aktenzeichen'), text('callCode', 'Aufruf'), text('organisationName', 'Zuwendungsempfänger'), text('dueOn', 'Fällig am'), euro('principalOpenCents', 'Hauptforderung offen'), euro('interestOpenCents', 'Zinsen bis heute'), euro('totalOpenCents', 'Gesamt offen')] },
          { name: 'overdueProofs', title: 'Überfällige Nachweise', rows: once(r.overdueProofs as any), columns: [text('fileNumber', 'Aktenzeichen'), text('callCode', 'Aufruf'), text('organisationName', 'Zuwendungsempfänger'), text('kind', 'Art'), text('dueOn', 'Fällig am')] },
        ];
      }
      case 'grants':
        return [
          {
            name: 'cases',
            title: 'Fälle',
            rows: () => this.grantPages(f) as AsyncIterable<Record<string, unknown>[]>,
            columns: [text('fileNumber', 'Aktenzeichen'), text('guidelineCode', 'Richtlinie'), text('callCode', 'Aufruf'), text('district', 'Kreis (AGS)'), text('organisationName', 'Zuwendungsempfänger'), text('title', 'Vorhaben'), text('state', 'Status'), euro('committedCents', 'Gebunden'), euro('paidCents', 'Ausgezahlt'), euro('recoveredCents', 'Zurückgefordert')],
          },
        ];
      default:
        throw new NotFoundError('The report', 'REPORT_NOT_FOUND');
    }
  }

  // --- dashboard: two aggregate queries (call_budgets has one row per call and year; cases by state from an index scan)

  async dashboard(): Promise<DashboardDto> {
    const today = berlinDate(this.clock.now());
    const [calls, [counts]] = await Promise.all([
      this.db.query(
        `SELECT guideline_code, call_code, sum(budget_cents)::bigint AS budget, sum(committed_cents)::bigint AS committed,
                sum(paid_cents)::bigint AS paid, sum(recovered_cents)::bigint AS recovered
           FROM call_budgets GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
      this.db.query(
        `SELECT (SELECT coalesce(jsonb_object_agg(state, n), '{}') FROM (SELECT state, count(*)::int AS n FROM cases GROUP BY state) s) AS states,
                (SELECT count(*)::int FROM reporting_duties d JOIN cases c ON c.id = d.case_id
                  WHERE d.fulfilled_at IS NULL AND coalesce(d.extended_due_on, d.due_on) < $1::date
                    AND c.state NOT IN ('settlement_prepared', 'settled', 'recovery_pending', 'closed')) AS proofs,
                (SELECT count(*)::int FROM information_requests WHERE answered_at IS NULL AND due_on < $1::date) AS info,
                (SELECT count(*)::int FROM recovery_claims WHERE status = 'open' AND due_on < $1::date) AS claims`,
        [today],
      ),
    ]);
    return {
      calls: calls.map((r: any) => ({
        guidelineCode: r.guideline_code,
        callCode: r.call_code,
        budgetCents: n(r.budget),
        committedCents: n(r.committed),
        paidCents: n(r.paid),
        recoveredCents: n(r.recovered),
        availableCents: n(r.budget) - n(r.committed),
      })),
      states: Object.entries(counts.states as Record<string, number>)
        .map(([state, cases]) => ({ state, cases }))
        .sort((a, b) => a.state.localeCompare(b.state)),
      overdue: { proofs: counts.proofs, informationRequests: counts.info, recoveryClaims: counts.claims },
    };
  }
}

function round1(v: unknown): number {
  return Math.round(Number(v) * 10) / 10;
}
