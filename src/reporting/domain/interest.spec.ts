import { claimState, MissingBaseRateError, nextHalfYear, ratePeriods, simpleInterest } from './interest';

// Basiszinssatz (Deutsche Bundesbank, § 247 BGB), as in config/base-rates.yaml
const RATES = [
  { validFrom: '2023-01-01', rateBp: 162 },
  { validFrom: '2023-07-01', rateBp: 312 },
  { validFrom: '2024-01-01', rateBp: 362 },
  { validFrom: '2024-07-01', rateBp: 337 },
  { validFrom: '2025-01-01', rateBp: 227 },
  { validFrom: '2025-07-01', rateBp: 127 },
  { validFrom: '2026-01-01', rateBp: 127 },
];
const ABOVE = 500; // § 49a Abs. 3 VwVfG: 5 percentage points above the base rate

describe('recovery interest (§ 49a VwVfG, actual/365, split at base-rate changes)', () => {
  it('splits at the change of 1 July 2025', () => {
    // 30.000,00 € from 15 May to 15 Sep 2025:
    //   15.05.–30.06.: 47 days × 7,27 % (2,27 + 5)  → 3.000.000 ct × 727 × 47 / 3.650.000 = 28.082,88 ct
    //   01.07.–14.09.: 76 days × 6,27 % (1,27 + 5)  → 3.000.000 ct × 627 × 76 / 3.650.000 = 39.167,26 ct
    //   sum 67.250,14 ct → 672,50 € (rounded down once, at the end)
    expect(ratePeriods('2025-05-15', '2025-09-15', RATES)).toEqual([
      { from: '2025-05-15', to: '2025-07-01', rateBp: 227 },
      { from: '2025-07-01', to: '2025-09-15', rateBp: 127 },
    ]);
    expect(simpleInterest(3_000_000, '2025-05-15', '2025-09-15', ABOVE, RATES)).toBe(67_250);
  });

  it('spans three periods across the leap year 2024 (366 days, still divided by 365)', () => {
    // 10.000,00 € from 1 Dec 2023 to 1 Aug 2024:
    //   31 days × 8,12 % + 182 days (Jan–Jun 2024, with 29 Feb) × 8,62 % + 31 days × 8,37 %
    //   1.000.000 × (25.172 + 156.884 + 25.947) / 3.650.000 = 56.987,12 ct → 569,87 €
    expect(ratePeriods('2023-12-01', '2024-08-01', RATES).map((p) => p.rateBp)).toEqual([312, 362, 337]);
    expect(simpleInterest(1_000_000, '2023-12-01', '2024-08-01', ABOVE, RATES)).toBe(56_987);
    // the whole year 2024 on 36.500,00 €: 182 × 8,62 % + 184 × 8,37 % = 3.108,92 € (366 days' interest)
    expect(simpleInterest(3_650_000, '2024-01-01', '2025-01-01', ABOVE, RATES)).toBe(310_892);
  });

  it('counts the first day and not the last, and nothing for an empty span', () => {
    // one day of 7,27 % on 365.000,00 €: 36.500.000 × 727 / 3.650.000 = 7.270 ct
    expect(simpleInterest(36_500_000, '2025-03-03', '2025-03-04', ABOVE, RATES)).toBe(7_270);
    expect(simpleInterest(36_500_000, '2025-03-03', '2025-03-03', ABOVE, RATES)).toBe(0);
  });

  it('refuses a period beyond the last known half-year, naming the missing date', () => {
    // 1 Jan 2026 is known (1,27 %), so interest through 30 June 2026 is fine; 1 July 2026 is not entered
    expect(simpleInterest(1_000_000, '2026-06-01', '2026-07-01', ABOVE, RATES)).toBe(Math.floor((1_000_000 * 627 * 30) / 3_650_000));
    expect(() => simpleInterest(1_000_000, '2026-03-01', '2026-08-01', ABOVE, RATES)).toThrow(MissingBaseRateError);
    try {
      simpleInterest(1_000_000, '2026-03-01', '2026-08-01', ABOVE, RATES);
    } catch (e) {
      expect((e as MissingBaseRateError).missingFrom).toBe('2026-07-01');
      expect((e as Error).message).toContain('2026-07-01');
    }
    // before the first known rate, too
    expect(() => simpleInterest(1_000_000, '2022-12-01', '2023-02-01', ABOVE, RATES)).toThrow(/2022-07-01/);
    expect(nextHalfYear('2026-01-01')).toBe('2026-07-01');
    expect(nextHalfYear('2026-07-01')).toBe('2027-01-01');
  });

  it('sets a repayment against costs, then interest, then principal (§ 367 BGB), and accrues on what is left', () => {
    // claim 30.000,00 €, interest from 15 May 2025, costs 20,00 €; 10.000,00 € arrive on 15 Sep 2025:
    //   interest to then 672,50 € (above); 20,00 € costs, 672,50 € interest, 9.307,50 € principal → 20.692,50 € open
    //   to 15 Dec 2025: 91 days × 6,27 % on 20.692,50 € = 2.069.250 × 627 × 91 / 3.650.000 = 32.346,63 ct → 323,46 €
    const state = claimState({ principalCents: 3_000_000, interestFrom: '2025-05-15', costsCents: 2_000, aboveBp: ABOVE }, [{ on: '2025-09-15', amountCents: 1_000_000 }], '2025-12-15', RATES);
    expect(state.allocations).toEqual([{ on: '2025-09-15', amountCents: 1_000_000, toCostsCents: 2_000, toInterestCents: 67_250, toPrincipalCents: 930_750, surplusCents: 0 }]);
    expect(state).toMatchObject({ principalOpenCents: 2_069_250, costsOpenCents: 0, interestOpenCents: 32_346, interestAccruedCents: 67_250 + 32_346, totalOpenCents: 2_069_250 + 32_346 });
  });

  it('a payment smaller than the interest leaves the principal (and its interest) untouched; a payment in full closes it', () => {
    const terms = { principalCents: 3_000_000, interestFrom: '2025-05-15', aboveBp: ABOVE };
    const small = claimState(terms, [{ on: '2025-09-15', amountCents: 50_000 }], '2025-09-15', RATES);
    expect(small.allocations[0]).toMatchObject({ toInterestCents: 50_000, toPrincipalCents: 0 });
    expect(small).toMatchObject({ principalOpenCents: 3_000_000, interestOpenCents: 17_250 });
    const full = claimState(terms, [{ on: '2025-09-15', amountCents: 3_067_250 + 100 }], '2025-12-31', RATES);
    expect(full).toMatchObject({ principalOpenCents: 0, interestOpenCents: 0, totalOpenCents: 0 });
    expect(full.allocations[0].surplusCents).toBe(100);
  });
});
