import { costYearProblems } from './proposal-rules';
import type { ProposalData } from './proposal-rules';

const base: ProposalData = {
  stage: 'application',
  variant: 'stationary',
  locationAgs: '14522360',
  fields: {},
  costs: [],
  requestedRatesBp: {},
  ownContributionCents: 0,
  thirdPartyFunds: [],
  fundingStart: '2027-04-01',
  fundingEnd: '2028-06-30',
  iban: null,
  accountHolder: null,
};
const line = (fiscalYear?: number) => ({ category: 'equipment', amountCents: 100, ...(fiscalYear === undefined ? {} : { fiscalYear }) });

describe('costYearProblems', () => {
  it('accepts lines within the funding period and the budget years, and lines without a year', () => {
    expect(costYearProblems({ ...base, costs: [line(2027), line(2028), line()] }, [2027, 2028])).toEqual([]);
  });

  it('names each line outside the funding period or the budget years', () => {
    const problems = costYearProblems({ ...base, costs: [line(2027), line(2026), line(2029)] }, [2026, 2027, 2028]);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_FUNDING_PERIOD', field: 'costs.1.fiscalYear' }),
      expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_FUNDING_PERIOD', field: 'costs.2.fiscalYear' }),
      expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_CALL_BUDGET', field: 'costs.2.fiscalYear' }),
    ]);
  });

  it('checks a concept against the budget years only; a missing or backwards period checks no period', () => {
    expect(costYearProblems({ ...base, stage: 'concept', costs: [line(2030)] }, [2027])).toEqual([
      expect.objectContaining({ code: 'COST_YEAR_OUTSIDE_CALL_BUDGET', field: 'costs.0.fiscalYear' }),
    ]);
    expect(costYearProblems({ ...base, fundingEnd: '2026-01-01', costs: [line(2030)] }, [])).toEqual([]);
    expect(costYearProblems({ ...base, fundingStart: null, costs: [line(2030)] }, [])).toEqual([]);
  });
});
