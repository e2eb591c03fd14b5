import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGuideline } from '../../guidelines/guideline-loader';
import { calculateGrant, CostLine, PlanInput, validatePlan } from './grant-calculation';

// The real guideline definitions: every rate, cap and minimum below comes from config. Expected figures are worked
// out by hand in the comments (€ amounts; the code works in cents).
const load = (code: string) => {
  const file = path.join(__dirname, '../../../config/guidelines', `${code}.yaml`);
  return parseGuideline(file, readFileSync(file, 'utf8'));
};
const lifd = load('frl-lifd');
const st = load('st-digital');
const pairs = (problems: { code: string; field: string }[]) => problems.map((p) => [p.code, p.field]);
const line = (category: string, amountCents: number, fiscalYear?: number): CostLine => ({ category, amountCents, fiscalYear });

describe('calculateGrant with FRL LIfD', () => {
  it('rounds each category down to the cent at its maximum rate', () => {
    const c = calculateGrant(lifd, 'stationary', [
      line('equipment', 12345679), // 123.456,79 × 80 % = 98.765,432 → 98.765,43
      line('staff', 1000001), // 10.000,01 × 60 % = 6.000,006 → 6.000,00
    ]);
    expect(c).toEqual({
      totalCostsCents: 13345680,
      eligibleCostsCents: 13345680,
      perCategory: [
        { category: 'equipment', eligibleCents: 12345679, rateBp: 8000, grantCents: 9876543 },
        { category: 'staff', eligibleCents: 1000001, rateBp: 6000, grantCents: 600000 },
      ],
      uncappedGrantCents: 10476543, // 98.765,43 + 6.000,00
      grantCents: 10476543,
      capped: false,
      belowMinimum: false,
      capCents: 40000000,
      minimumCents: 250000,
    });
  });

  it('sums the lines of a category before rounding', () => {
    // 0,01 + 0,01 + 0,01 = 0,03 × 80 % = 0,024 → 0,02 (rounding each line would give 0,00)
    expect(calculateGrant(lifd, 'stationary', [line('equipment', 1), line('equipment', 1), line('equipment', 1)]).grantCents).toBe(2);
  });

  it("lists categories in the guideline's order, whatever the order of the lines", () => {
    const c = calculateGrant(lifd, 'stationary', [line('staff', 100000), line('running_costs', 100000), line('equipment', 100000)]);
    expect(c.perCategory.map((x) => x.category)).toEqual(['equipment', 'staff', 'running_costs']);
  });

  it('counts ineligible and unknown categories in the total costs only', () => {
    // 1.000 equipment + 500 preparatory (ineligible) + 100 teleportation (unknown) = 1.600 total; grant 1.000 × 80 % = 800
    const c = calculateGrant(lifd, 'stationary', [line('equipment', 100000), line('preparatory', 50000), line('teleportation', 10000)]);
    expect(c).toMatchObject({ totalCostsCents: 160000, eligibleCostsCents: 100000, grantCents: 80000 });
    expect(c.perCategory.map((x) => x.category)).toEqual(['equipment']);
  });

  it('uses a requested rate below the maximum', () => {
    // 10.000 staff at 50 % = 5.000 (at the maximum of 60 % it would be 6.000)
    expect(calculateGrant(lifd, 'stationary', [line('staff', 1000000)], { staff: 5000 }).perCategory).toEqual([
      { category: 'staff', eligibleCents: 1000000, rateBp: 5000, grantCents: 500000 },
    ]);
  });

  it('caps a stationary space at 400.000 € and a mobile one at 3.000.000 €', () => {
    const big = [line('equipment', 60000000)]; // 600.000 × 80 % = 480.000
    expect(calculateGrant(lifd, 'stationary', big)).toMatchObject({ uncappedGrantCents: 48000000, grantCents: 40000000, capped: true, capCents: 40000000 });
    expect(calculateGrant(lifd, 'mobile', big)).toMatchObject({ uncappedGrantCents: 48000000, grantCents: 48000000, capped: false });
    // 4.000.000 vehicle × 80 % = 3.200.000 → 3.000.000
    expect(calculateGrant(lifd, 'mobile', [line('vehicle', 400000000)])).toMatchObject({ uncappedGrantCents: 320000000, grantCents: 300000000, capped: true, capCents: 300000000 });
    // exactly at the cap is not capped: 500.000 × 80 % = 400.000
    expect(calculateGrant(lifd, 'stationary', [line('equipment', 50000000)])).toMatchObject({ grantCents: 40000000, capped: false });
  });

  it('marks a grant below the minimum of 2.500 €, and not one exactly at it', () => {
    // 3.124,99 × 80 % = 2.499,992 → 2.499,99
    expect(calculateGrant(lifd, 'stationary', [line('equipment', 312499)])).toMatchObject({ grantCents: 249999, belowMinimum: true, minimumCents: 250000 });
    // 3.125,00 × 80 % = 2.500,00
    expect(calculateGrant(lifd, 'stationary', [line('equipment', 312500)])).toMatchObject({ grantCents: 250000, belowMinimum: false });
  });

  it('stays exact where floating point would not', () => {
    // 9.007.199.254.740.991 ct × 80 % = 7.205.759.403.792.792,8 → …792; in doubles the product rounds up to …793
    expect(calculateGrant(lifd, 'mobile', [line('equipment', Number.MAX_SAFE_INTEGER)]).uncappedGrantCents).toBe(7205759403792792);
  });

  it('refuses an unknown variant', () => {
    expect(() => calculateGrant(lifd, 'floating', [line('equipment', 100)])).toThrow(/no variant floating/);
  });
});

describe('calculateGrant with Digitale Orte Sachsen-Anhalt (90 %, 120.000 €, 5.000 €)', () => {
  it('uses that guideline’s rate, cap and minimum', () => {
    // 5.555,56 × 90 % = 5.000,004 → 5.000,00: at the minimum
    expect(calculateGrant(st, 'standard', [line('equipment', 555556)])).toMatchObject({ grantCents: 500000, belowMinimum: false, minimumCents: 500000 });
    // 5.555,55 × 90 % = 4.999,995 → 4.999,99: below
    expect(calculateGrant(st, 'standard', [line('equipment', 555555)])).toMatchObject({ grantCents: 499999, belowMinimum: true });
    // 200.000 × 90 % = 180.000 → 120.000
    expect(calculateGrant(st, 'standard', [line('fit_out', 20000000)])).toMatchObject({ uncappedGrantCents: 18000000, grantCents: 12000000, capped: true, capCents: 12000000 });
  });
});

describe('validatePlan', () => {
  const plan = (over: Partial<PlanInput>): PlanInput => ({ variant: 'stationary', costs: [], ownContributionCents: 0, thirdPartyFundsCents: 0, ...over });
  const loose = { requireFiscalYears: false };

  it('accepts a balanced plan: total = grant + own contribution + third-party funds', () => {
    // 100.000 equipment → 80.000 grant; 15.000 own + 5.000 district = 20.000
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 10000000)], ownContributionCents: 1500000, thirdPartyFundsCents: 500000 }), loose);
    expect(r.problems).toEqual([]);
    expect(r.calculation?.grantCents).toBe(8000000);
  });

  it('counts ineligible costs in the total, to be covered by own funds, and gives the reason', () => {
    // 100.000 equipment + 1.000 preparatory = 101.000; grant 80.000; own 21.000
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 10000000), line('preparatory', 100000)], ownContributionCents: 2100000 }), loose);
    expect(pairs(r.problems)).toEqual([['CATEGORY_INELIGIBLE', 'costs.1.category']]);
    expect(r.problems[0].message).toContain('vor Beginn des Vorhabens');
    expect(r.calculation).toMatchObject({ totalCostsCents: 10100000, eligibleCostsCents: 10000000, grantCents: 8000000 });
  });

  it('uses a requested rate below the maximum in the balance', () => {
    // 100.000 staff at 50 % = 50.000 grant, so own 50.000 (at 60 % it would have to be 40.000)
    const costs = [line('staff', 10000000)];
    expect(validatePlan(lifd, plan({ costs, requestedRatesBp: { staff: 5000 }, ownContributionCents: 5000000 }), loose).problems).toEqual([]);
    expect(pairs(validatePlan(lifd, plan({ costs, requestedRatesBp: { staff: 5000 }, ownContributionCents: 4000000 }), loose).problems)).toEqual([
      ['PLAN_NOT_BALANCED', 'ownContributionCents'],
    ]);
  });

  it('names the own contribution that would balance the plan', () => {
    // 100.000 − 0 third-party − 80.000 grant = 20.000
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 10000000)], ownContributionCents: 1000000 }), loose);
    expect(r.problems).toEqual([
      {
        code: 'PLAN_NOT_BALANCED',
        field: 'ownContributionCents',
        message:
          'Total costs of 100.000,00 € must equal grant + own contribution + third-party funds: with a grant of 80.000,00 € and third-party funds of 0,00 €, the own contribution must be 20.000,00 €.',
      },
    ]);
  });

  it('says when grant and third-party funds already exceed the costs', () => {
    // 80.000 grant + 30.000 third-party = 110.000 > 100.000 costs, by 10.000
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 10000000)], thirdPartyFundsCents: 3000000 }), loose);
    expect(pairs(r.problems)).toEqual([['PLAN_NOT_BALANCED', 'ownContributionCents']]);
    expect(r.problems[0].message).toContain('by 10.000,00 €');
  });

  it('says when the plan needs more than the cap of a stationary space, and accepts it once own funds cover the rest', () => {
    // 600.000 − 120.000 own = 480.000 asked of a grant capped at 400.000; own must be 200.000
    const over = validatePlan(lifd, plan({ costs: [line('equipment', 60000000)], ownContributionCents: 12000000 }), loose);
    expect(pairs(over.problems)).toEqual([['GRANT_ABOVE_CAP', 'ownContributionCents']]);
    expect(over.problems[0].message).toMatch(/at most 400\.000,00 €.*own contribution or third-party funds must cover the rest.*own contribution of 200\.000,00 €/);
    expect(validatePlan(lifd, plan({ costs: [line('equipment', 60000000)], ownContributionCents: 20000000 }), loose).problems).toEqual([]);
  });

  it('balances a mobile space over the 3 M € cap', () => {
    // 4.000.000 vehicle → 3.200.000 capped to 3.000.000; own 1.000.000
    const r = validatePlan(lifd, plan({ variant: 'mobile', costs: [line('vehicle', 400000000)], ownContributionCents: 100000000 }), loose);
    expect(r.problems).toEqual([]);
    expect(r.calculation).toMatchObject({ grantCents: 300000000, capped: true });
  });

  it('names the right own contribution when the plan asks more than the cap but the computed grant is lower still', () => {
    // 450.000 equipment → 360.000 grant (< 400.000 cap); own 0 asks 450.000 > cap; own must be 90.000
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 45000000)] }), loose);
    expect(pairs(r.problems)).toEqual([['GRANT_ABOVE_CAP', 'ownContributionCents']]);
    expect(r.problems[0].message).toContain('own contribution of 90.000,00 €');
  });

  it('reports a grant below the minimum', () => {
    // 3.124,99 → 2.499,99 grant; own 625,00 balances it
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 312499)], ownContributionCents: 62500 }), loose);
    expect(r.problems).toEqual([
      { code: 'GRANT_BELOW_MINIMUM', field: 'costs', message: 'The grant of 2.499,99 € is below the minimum of 2.500,00 € and cannot be awarded.' },
    ]);
  });

  it('applies the other guideline: 90 %, and running costs are ineligible there', () => {
    // 100.000 × 90 % = 90.000; own 10.000
    expect(validatePlan(st, plan({ variant: 'standard', costs: [line('equipment', 10000000)], ownContributionCents: 1000000 }), loose).problems).toEqual([]);
    const r = validatePlan(st, plan({ variant: 'standard', costs: [line('equipment', 10000000), line('running_costs', 100000)], ownContributionCents: 1100000 }), loose);
    expect(pairs(r.problems)).toEqual([['CATEGORY_INELIGIBLE', 'costs.1.category']]);
    // 150.000 × 90 % = 135.000 → 120.000 cap; own 30.000 balances, 15.000 does not
    expect(validatePlan(st, plan({ variant: 'standard', costs: [line('equipment', 15000000)], ownContributionCents: 3000000 }), loose).problems).toEqual([]);
    expect(pairs(validatePlan(st, plan({ variant: 'standard', costs: [line('equipment', 15000000)], ownContributionCents: 1500000 }), loose).problems)).toEqual([
      ['GRANT_ABOVE_CAP', 'ownContributionCents'],
    ]);
  });

  it('reports five problems at once', () => {
    // Valid lines: 200.000 equipment → 160.000; 50.000 staff at 60 % (70 % refused) → 30.000; 10.000 running → 6.000.
    // Grant 196.000. Total 200.000 + 50.000 + 5.000 + 1 + 10.000 = 265.001; own must be 265.001 − 196.000 = 69.001.
    const r = validatePlan(
      lifd,
      plan({
        costs: [
          line('equipment', 20000000, 2025),
          line('staff', 5000000, 2025),
          line('preparatory', 500000, 2025),
          line('teleportation', 100, 2025),
          line('running_costs', 1000000),
        ],
        requestedRatesBp: { staff: 7000 },
        ownContributionCents: 6900000,
      }),
      { requireFiscalYears: true },
    );
    expect(pairs(r.problems)).toEqual([
      ['CATEGORY_INELIGIBLE', 'costs.2.category'],
      ['CATEGORY_UNKNOWN', 'costs.3.category'],
      ['FISCAL_YEAR_REQUIRED', 'costs.4.fiscalYear'],
      ['RATE_ABOVE_MAXIMUM', 'requestedRatesBp.staff'],
      ['PLAN_NOT_BALANCED', 'ownContributionCents'],
    ]);
    expect(r.problems[3].message).toBe('The requested rate of 70 % for "Personalausgaben" is above the maximum of 60 %.');
    expect(r.problems[4].message).toContain('the own contribution must be 69.001,00 €');
    expect(r.calculation).toMatchObject({ totalCostsCents: 26500100, eligibleCostsCents: 26000000, grantCents: 19600000 });
  });

  it('reports an unknown variant, an empty plan and bad amounts without computing', () => {
    const r = validatePlan(lifd, plan({ variant: 'floating', costs: [], ownContributionCents: -1, thirdPartyFundsCents: 1.5 }), loose);
    expect(pairs(r.problems)).toEqual([
      ['VARIANT_UNKNOWN', 'variant'],
      ['NO_COSTS', 'costs'],
      ['AMOUNT_INVALID', 'ownContributionCents'],
      ['AMOUNT_INVALID', 'thirdPartyFunds'],
    ]);
    expect(r.problems[0].message).toBe('The guideline has no variant "floating"; choose one of: stationary, mobile.');
    expect(r.calculation).toBeNull();
  });

  it('refuses non-positive and fractional costs, computes from the rest, but does not guess a balance', () => {
    const r = validatePlan(lifd, plan({ costs: [line('equipment', 0), line('equipment', -500), line('staff', 1.5), line('equipment', 10000000)] }), loose);
    expect(pairs(r.problems)).toEqual([
      ['AMOUNT_INVALID', 'costs.0.amountCents'],
      ['AMOUNT_INVALID', 'costs.1.amountCents'],
      ['AMOUNT_INVALID', 'costs.2.amountCents'],
    ]);
    expect(r.calculation).toMatchObject({ totalCostsCents: 10000000, grantCents: 8000000 });
  });

  it('checks requested rates: invalid, unknown and ineligible categories', () => {
    const r = validatePlan(
      lifd,
      plan({
        costs: [line('equipment', 10000000)],
        requestedRatesBp: { staff: -1, equipment: 7999.5, teleportation: 5000, preparatory: 1000, running_costs: 6000 },
        ownContributionCents: 2000000, // balanced at the maximum 80 %, which replaces the refused 79,995 %
      }),
      loose,
    );
    expect(pairs(r.problems)).toEqual([
      ['RATE_INVALID', 'requestedRatesBp.staff'],
      ['RATE_INVALID', 'requestedRatesBp.equipment'],
      ['CATEGORY_UNKNOWN', 'requestedRatesBp.teleportation'],
      ['CATEGORY_INELIGIBLE', 'requestedRatesBp.preparatory'],
    ]);
  });

  it('does not compute a plan of ineligible costs only', () => {
    const r = validatePlan(lifd, plan({ costs: [line('preparatory', 100000)] }), loose);
    expect(pairs(r.problems)).toEqual([['CATEGORY_INELIGIBLE', 'costs.0.category']]);
    expect(r.calculation).toBeNull();
  });

  it('asks for fiscal years only when required, and refuses a fractional one', () => {
    const costs = [line('equipment', 10000000), { ...line('equipment', 100), fiscalYear: null as unknown as number }, line('equipment', 100, 2027.5)];
    // first two: 100.001,00 × 80 % = 80.000,80 grant, own 20.000,20; all three: 100.002,00 → 80.001,60, own 20.000,40
    expect(validatePlan(lifd, plan({ costs: costs.slice(0, 2), ownContributionCents: 2000020 }), loose).problems).toEqual([]);
    expect(pairs(validatePlan(lifd, plan({ costs, ownContributionCents: 2000040 }), { requireFiscalYears: true }).problems)).toEqual([
      ['FISCAL_YEAR_REQUIRED', 'costs.0.fiscalYear'],
      ['FISCAL_YEAR_REQUIRED', 'costs.1.fiscalYear'],
      ['FISCAL_YEAR_INVALID', 'costs.2.fiscalYear'],
    ]);
  });
});
