import type { GuidelineDefinition } from '../../guidelines/guideline.types';
import { calculateGrant, CostLine } from '../../applications/domain/grant-calculation';

/**
 * Splits a grant over the fiscal years of its cost lines: per category, each year's costs × the rate
 * (rounded down, the last year taking the rounding rest), then scaled to a capped grant; the parts
 * always add up to the grant.
 */
export function splitByFiscalYear(def: GuidelineDefinition, variant: string, costs: CostLine[], requestedRatesBp: Record<string, number>, grantCents: number): Map<number, number> {
  const calc = calculateGrant(def, variant, costs, requestedRatesBp);
  const uncapped = new Map<number, number>();
  for (const cat of calc.perCategory) {
    const lines = costs.filter((l) => l.category === cat.category);
    const years = [...new Set(lines.map((l) => l.fiscalYear!))].sort();
    let given = 0;
    years.forEach((year, i) => {
      const eligible = lines.filter((l) => l.fiscalYear === year).reduce((s, l) => s + l.amountCents, 0);
      // each year its own costs × rate, rounded down; the category's last year takes what rounding left
      const part = i === years.length - 1 ? cat.grantCents - given : Number((BigInt(eligible) * BigInt(cat.rateBp)) / 10000n);
      given += part;
      uncapped.set(year, (uncapped.get(year) ?? 0) + part);
    });
  }
  return proportional(uncapped, grantCents);
}

function proportional(weights: Map<number, number>, total: number): Map<number, number> {
  const years = [...weights.keys()].sort();
  const sum = years.reduce((s, y) => s + weights.get(y)!, 0);
  const out = new Map<number, number>();
  let given = 0;
  years.forEach((year, i) => {
    const part = i === years.length - 1 ? total - given : sum === 0 ? 0 : Number((BigInt(total) * BigInt(weights.get(year)!)) / BigInt(sum));
    given += part;
    out.set(year, part);
  });
  return out;
}

/** Accepted costs after reductions: a reduced category's lines shrink in proportion, cents to its last line. */
export function applyReductions(costs: CostLine[], reductions: { category: string; eligibleCents: number }[]): CostLine[] {
  const out = costs.map((l) => ({ ...l }));
  for (const r of reductions) {
    const idx = out.map((l, i) => (l.category === r.category ? i : -1)).filter((i) => i >= 0);
    const before = idx.reduce((s, i) => s + out[i].amountCents, 0);
    let given = 0;
    idx.forEach((i, k) => {
      const amount = k === idx.length - 1 ? r.eligibleCents - given : Number((BigInt(out[i].amountCents) * BigInt(r.eligibleCents)) / BigInt(before));
      given += amount;
      out[i].amountCents = amount;
    });
  }
  return out.filter((l) => l.amountCents > 0);
}
