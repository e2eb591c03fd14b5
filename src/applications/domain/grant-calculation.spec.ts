import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGuideline } from '../../guidelines/guideline-loader';
import { calculateGrant, validatePlan } from './grant-calculation';

const load = (code: string) => {
  const file = path.join(__dirname, '../../../config/guidelines', `${code}.yaml`);
  return parseGuideline(file, readFileSync(file, 'utf8'));
};
const lifd = load('frl-lifd');
const st = load('st-digital');
const codes = (problems: { code: string }[]) => problems.map((p) => p.code).sort();

describe('calculateGrant (FRL LIfD, figures checked by hand)', () => {
  it('rounds each category down to the cent at its maximum rate', () => {
    const c = calculateGrant(lifd, 'stationary', [
      { category: 'equipment', amountCents: 12345679 }, // 123.456,79 € × 80 % = 98.765,432 € → 98.765,43 €
      { category: 'staff', amountCents: 1000001 }, // 10.000,01 € × 60 % = 6.000,006 € → 6.000,00 €
    ]);
    expect(c.perCategory).toEqual([
      { category: 'equipment', eligibleCents: 12345679, rateBp: 8000, grantCents: 9876543 },
      { category: 'staff', eligibleCents: 1000001, rateBp: 6000, grantCents: 600000 },
    ]);
    expect(c.grantCents).toBe(10476543);
    expect(c).toMatchObject({ totalCostsCents: 13345680, eligibleCostsCents: 13345680, capped: false, belowMinimum: false });
  });

  it('sums lines of one category before rounding', () => {
    // 0,01 € + 0,01 € + 0,01 € = 0,03 € × 80 % = 0,024 € → 0,02 € (not 3 × 0,00 €)
    const c = calculateGrant(lifd, 'stationary', [1, 1, 1].map((amountCents) => ({ category: 'equipment', amountCents })));
    expect(c.perCategory[0].grantCents).toBe(2);
  });

  it('uses a requested rate below the maximum', () => {
    const c = calculateGrant(lifd, 'stationary', [{ category: 'staff', amountCents: 1000000 }], { staff: 5000 });
    expect(c.grantCents).toBe(500000);
  });

  it('caps a stationary space at 400.000 € and a mobile one at 3.000.000 €', () => {
    const big = [{ category: 'equipment', amountCents: 60000000 }]; // 600.000 € × 80 % = 480.000 €
    expect(calculateGrant(lifd, 'stationary', big)).toMatchObject({ uncappedGrantCents: 48000000, grantCents: 40000000, capped: true });
    expect(calculateGrant(lifd, 'mobile', big)).toMatchObject({ grantCents: 48000000, capped: false });
    expect(calculateGrant(lifd, 'mobile', [{ category: 'vehicle', amountCents: 400000000 }])).toMatchObject({ grantCents: 300000000, capped: true });
  });

  it('marks a grant below the minimum of 2.500 €', () => {
    // 3.124,99 € × 80 % = 2.499,992 € → 2.499,99 €
    expect(calculateGrant(lifd, 'stationary', [{ category: 'equipment', amountCents: 312499 }])).toMatchObject({ grantCents: 249999, belowMinimum: true });
    expect(calculateGrant(lifd, 'stationary', [{ category: 'equipment', amountCents: 312500 }])).toMatchObject({ grantCents: 250000, belowMinimum: false });
  });

  it('reads other numbers from another guideline (Saxony-Anhalt style: 90 %, 120.000 €, 5.000 €)', () => {
    const variant = st.variants[0].code;
    const category = st.costCategories.find((c) => c.eligible)!.code;
    expect(calculateGrant(st, variant, [{ category, amountCents: 555556 }])).toMatchObject({ grantCents: 500000, belowMinimum: false }); // 5.555,56 × 90 % = 5.000,004
    expect(calculateGrant(st, variant, [{ category, amountCents: 555555 }])).toMatchObject({ grantCents: 499999, belowMinimum: true });
    expect(calculateGrant(st, variant, [{ category, amountCents: 20000000 }])).toMatchObject({ grantCents: 12000000, capped: true });
  });
});

describe('validatePlan', () => {
  const base = { variant: 'stationary', ownContributionCents: 0, thirdPartyFundsCents: 0 };

  it('accepts a balanced plan: total = grant + own contribution + third-party funds', () => {
    // 100.000 € equipment → 80.000 € grant; 15.000 € own, 5.000 € district
    const r = validatePlan(lifd, { ...base, costs: [{ category: 'equipment', amountCents: 10000000 }], ownContributionCents: 1500000, thirdPartyFundsCents: 500000 }, { requireFiscalYears: false });
    expect(r.problems).toEqual([]);
    expect(r.calculation?.grantCents).toBe(8000000);
  });

  it('counts ineligible costs in the total, to be covered by own funds', () => {
    const costs = [
      { category: 'equipment', amountCents: 10000000 },
      { category: 'preparatory', amountCents: 100000 },
    ];
    const r = validatePlan(lifd, { ...base, costs, ownContributionCents: 2100000 }, { requireFiscalYears: false });
    expect(codes(r.problems)).toEqual(['CATEGORY_INELIGIBLE']);
    expect(r.problems[0]).toMatchObject({ field: 'costs.1.category', message: expect.stringContaining('vor Beginn des Vorhabens') });
  });

  it('names the own contribution that would balance the plan', () => {
    const r = validatePlan(lifd, { ...base, costs: [{ category: 'equipment', amountCents: 10000000 }], ownContributionCents: 1000000 }, { requireFiscalYears: false });
    expect(r.problems).toEqual([{ code: 'PLAN_NOT_BALANCED', field: 'ownContributionCents', message: expect.stringContaining('must be 20.000,00 €') }]);
  });

  it('says when the plan needs more than the cap', () => {
    const r = validatePlan(lifd, { ...base, costs: [{ category: 'equipment', amountCents: 60000000 }], ownContributionCents: 12000000 }, { requireFiscalYears: false });
    expect(codes(r.problems)).toEqual(['GRANT_ABOVE_CAP']);
    // covering the rest with own funds balances it: 600.000 − 400.000 = 200.000 €
    expect(validatePlan(lifd, { ...base, costs: [{ category: 'equipment', amountCents: 60000000 }], ownContributionCents: 20000000 }, { requireFiscalYears: false }).problems).toEqual([]);
  });

  it('reports every problem at once', () => {
    const r = validatePlan(
      lifd,
      {
        ...base,
        costs: [
          { category: 'preparatory', amountCents: 50000 },
          { category: 'equipment', amountCents: 200000 },
          { category: 'teleportation', amountCents: 100 },
        ],
        requestedRatesBp: { staff: 7000 },
        ownContributionCents: 0,
      },
      { requireFiscalYears: true },
    );
    expect(codes(r.problems)).toEqual(
      ['CATEGORY_INELIGIBLE', 'CATEGORY_UNKNOWN', 'FISCAL_YEAR_REQUIRED', 'FISCAL_YEAR_REQUIRED', 'FISCAL_YEAR_REQUIRED', 'GRANT_BELOW_MINIMUM', 'PLAN_NOT_BALANCED', 'RATE_ABOVE_MAXIMUM'].sort(),
    );
  });

  it('reports an unknown variant and an empty plan without computing', () => {
    const r = validatePlan(lifd, { ...base, variant: 'floating', costs: [] }, { requireFiscalYears: false });
    expect(codes(r.problems)).toEqual(['NO_COSTS', 'VARIANT_UNKNOWN']);
    expect(r.calculation).toBeNull();
  });
});
