import { addMonths } from '../../platform/calendar/calendar';

export interface ReportingDuty {
  kind: 'interim' | 'final';
  periodEnd: string;
  dueOn: string;
}

/**
 * The proofs a recipient owes for a funding period: an interim proof for every calendar year that ends before the
 * funding period does, due on `interimReportDue` (MM-DD) of the following year; the final proof of use
 * `finalReportMonthsAfterPeriod` months after the period's end.
 */
export function reportingDuties(fundingStart: string, fundingEnd: string, rules: { interimReportDue: string; finalReportMonthsAfterPeriod: number }): ReportingDuty[] {
  const out: ReportingDuty[] = [];
  for (let year = Number(fundingStart.slice(0, 4)); `${year}-12-31` < fundingEnd; year++) {
    out.push({ kind: 'interim', periodEnd: `${year}-12-31`, dueOn: `${year + 1}-${rules.interimReportDue}` });
  }
  out.push({ kind: 'final', periodEnd: fundingEnd, dueOn: addMonths(fundingEnd, rules.finalReportMonthsAfterPeriod) });
  return out;
}
