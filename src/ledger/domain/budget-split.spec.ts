import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGuideline } from '../../guidelines/guideline-loader';
import { applyReductions, splitByFiscalYear } from './budget-split';

const file = path.join(__dirname, '../../../config/guidelines/frl-lifd.yaml');
const lifd = parseGuideline(file, readFileSync(file, 'utf8'));

describe('splitByFiscalYear', () => {
  it('splits each category by its costs per year and adds up to the grant', () => {
    // equipment 60.000 € (2027) + 40.000 € (2028) at 80 % = 48.000 + 32.000; staff 10.000,01 € (2028) at 60 % = 6.000,00
    const costs = [
      { category: 'equipment', amountCents: 6000000, fiscalYear: 2027 },
      { category: 'equipment', amountCents: 4000000, fiscalYear: 2028 },
      { category: 'staff', amountCents: 1000001, fiscalYear: 2028 },
    ];
    const split = splitByFiscalYear(lifd, 'stationary', costs, {}, 8600000);
    expect(Object.fromEntries(split)).toEqual({ 2027: 4800000, 2028: 3800000 });
  });

  it('keeps every cent when rounding and capping', () => {
    // 3 × 0,01 € in three years at 80 % → category grant 0,02 €: 0 + 0 + 2
    const tiny = [2027, 2028, 2029].map((fiscalYear) => ({ category: 'equipment', amountCents: 1, fiscalYear }));
    expect([...splitByFiscalYear(lifd, 'stationary', tiny, {}, 2).values()].reduce((a, b) => a + b)).toBe(2);
    // 600.000 € split evenly over two years, capped at 400.000 € → 200.000 € each
    const big = [2027, 2028].map((fiscalYear) => ({ category: 'equipment', amountCents: 30000000, fiscalYear }));
    expect(Object.fromEntries(splitByFiscalYear(lifd, 'stationary', big, {}, 40000000))).toEqual({ 2027: 20000000, 2028: 20000000 });
  });
});

describe('applyReductions', () => {
  it('shrinks a category in proportion and keeps the others', () => {
    const costs = [
      { category: 'equipment', amountCents: 6000000, fiscalYear: 2027 },
      { category: 'equipment', amountCents: 4000000, fiscalYear: 2028 },
      { category: 'staff', amountCents: 1000000, fiscalYear: 2028 },
    ];
    expect(applyReductions(costs, [{ category: 'equipment', eligibleCents: 7500001 }])).toEqual([
      { category: 'equipment', amountCents: 4500000, fiscalYear: 2027 },
      { category: 'equipment', amountCents: 3000001, fiscalYear: 2028 },
      { category: 'staff', amountCents: 1000000, fiscalYear: 2028 },
    ]);
  });
});
