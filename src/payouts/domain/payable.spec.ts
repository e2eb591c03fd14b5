import { assessPayable, BindingPlan, share } from './payable';

// The plan of test/approvals' completeCase: equipment 123.456,79 € × 80 % = 98.765,43 €, staff 10.000,01 € × 60 % = 6.000,00 €.
const PLAN: BindingPlan = {
  grantCents: 10476543,
  categories: [
    { category: 'equipment', rateBp: 8000, grantCents: 9876543 },
    { category: 'staff', rateBp: 6000, grantCents: 600000 },
  ],
  fundingStart: '2027-04-01',
  fundingEnd: '2028-12-31',
  retentionBp: 1000,
  requestWindowMonths: 2,
};
const NONE = { totalCents: 0, perCategory: {} };
const line = (category: string, amountCents: number, extra: Partial<{ invoiceDate: string; dueDate: string; acceptedCents: number }> = {}) => ({
  category,
  amountCents,
  invoiceDate: '2027-05-10',
  dueDate: '2027-06-10',
  ...extra,
});

describe('payable of a payment request', () => {
  it('rounds down per category, not per line', () => {
    expect(share(333, 6000)).toBe(199); // 199,8 → 199
    // equipment (10.000,01 + 0,01) × 80 % = 8.000,016 → 8.000,01 €; staff 3,33 € × 60 % = 1,998 → 1,99 €
    const { calculation, problems } = assessPayable(PLAN, [line('equipment', 1000001), line('equipment', 1), line('staff', 333)], NONE, '2027-06-01');
    expect(problems).toEqual([]);
    expect(calculation.perCategory).toEqual([
      { category: 'equipment', rateBp: 8000, acceptedCents: 1000002, payableCents: 800001, planGrantCents: 9876543, earlierCents: 0 },
      { category: 'staff', rateBp: 6000, acceptedCents: 333, payableCents: 199, planGrantCents: 600000, earlierCents: 0 },
    ]);
    expect(calculation.payableCents).toBe(800200);
    // retention 10 % of 104.765,43 € = 10.476,543 → 10.476,54 €; open 104.765,43 − 10.476,54 = 94.288,89 €
    expect(calculation.retentionCents).toBe(1047654);
    expect(calculation.openBeforeCents).toBe(9428889);
    expect(calculation.dueByDate).toBe('2027-08-01');
  });

  it('uses the accepted (reduced) amount where the caseworker reduced a line', () => {
    // staff 5.000 € reduced to 4.000,01 € × 60 % = 2.400,006 → 2.400,00 €
    const { calculation } = assessPayable(PLAN, [line('staff', 500000, { acceptedCents: 400001 })], NONE, '2027-06-01');
    expect(calculation.payableCents).toBe(240000);
  });

  it('names every line with a problem: window, funding period, unknown category; those lines count for nothing', () => {
    const { calculation, problems } = assessPayable(
      PLAN,
      [
        line('equipment', 100000),
        line('equipment', 100000, { dueDate: '2027-08-02' }), // one day after 1 June + 2 months
        line('equipment', 100000, { dueDate: '2027-08-01' }), // the last day inside
        line('staff', 100000, { invoiceDate: '2027-03-31' }),
        line('preparatory', 100000),
      ],
      NONE,
      '2027-06-01',
    );
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['DUE_OUTSIDE_WINDOW', 'lines[1].dueDate'],
      ['OUTSIDE_FUNDING_PERIOD', 'lines[3].invoiceDate'],
      ['CATEGORY_NOT_IN_PLAN', 'lines[4].category'],
    ]);
    expect(calculation.payableCents).toBe(160000); // 2 × 1.000 € × 80 %
  });

  it('names the line that takes a category over its approved grant, counting earlier requests', () => {
    // staff grant 6.000 €; earlier 5.000 € drawn; 1.000 € open = 1.666,66 € of costs at 60 %
    const earlier = { totalCents: 500000, perCategory: { staff: 500000 } };
    const ok = assessPayable(PLAN, [line('staff', 166666)], earlier, '2027-06-01'); // 999,99 €
    expect(ok.problems).toEqual([]);
    const over = assessPayable(PLAN, [line('staff', 100000), line('staff', 66669), line('staff', 10)], earlier, '2027-06-01'); // with the second line 1.666,69 € × 60 % = 1.000,014 → 1.000,01 €: over
    expect(over.problems).toEqual([expect.objectContaining({ code: 'CATEGORY_EXCEEDED', field: 'lines[1].amountCents' })]);
    expect(over.calculation.payableCents).toBe(100007); // 1.666,79 € × 60 % = 1.000,074 → 1.000,07 €
  });

  it('keeps the retention: the total never exceeds grant − retention − earlier requests', () => {
    // open 94.288,89 € − 90.000 € earlier = 4.288,89 €; 5.361,12 € equipment × 80 % = 4.288,896 → 4.288,89 € fits exactly
    const earlier = { totalCents: 9000000, perCategory: { equipment: 9000000 } };
    expect(assessPayable(PLAN, [line('equipment', 536112)], earlier, '2027-06-01').problems).toEqual([]);
    const over = assessPayable(PLAN, [line('equipment', 536113)], earlier, '2027-06-01'); // 4.288,904 → 4.288,90 €: 1 cent over
    expect(over.problems).toEqual([expect.objectContaining({ code: 'GRANT_EXCEEDED', field: 'lines' })]);
    expect(over.calculation).toMatchObject({ payableCents: 428890, openBeforeCents: 428889 });
  });
});
