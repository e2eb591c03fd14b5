import { reportingDuties } from './reporting-duties';

const RULES = { interimReportDue: '04-30', finalReportMonthsAfterPeriod: 6 };

describe('reporting duties of a funding period', () => {
  it('owes an interim proof for each year ending inside the period and the final proof months after it', () => {
    expect(reportingDuties('2027-04-01', '2028-12-31', RULES)).toEqual([
      { kind: 'interim', periodEnd: '2027-12-31', dueOn: '2028-04-30' },
      { kind: 'final', periodEnd: '2028-12-31', dueOn: '2029-06-30' },
    ]);
  });

  it('owes only the final proof for a period inside one year; the month end is kept (31 Aug + 6 months = 29 Feb of the leap year 2028)', () => {
    expect(reportingDuties('2027-04-01', '2027-08-31', RULES)).toEqual([{ kind: 'final', periodEnd: '2027-08-31', dueOn: '2028-02-29' }]);
  });
});
