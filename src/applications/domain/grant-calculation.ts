import type { GuidelineDefinition } from '../../guidelines/guideline.types';
import { formatEuro } from '../../platform/format';
import type { Problem } from './problem';

export interface CostLine {
  category: string;
  amountCents: number;
  fiscalYear?: number;
  description?: string;
}

export interface CategoryGrant {
  category: string;
  eligibleCents: number;
  rateBp: number;
  grantCents: number;
}

export interface GrantCalculation {
  totalCostsCents: number;
  eligibleCostsCents: number;
  perCategory: CategoryGrant[];
  uncappedGrantCents: number;
  grantCents: number;
  capped: boolean;
  belowMinimum: boolean;
  capCents: number;
  minimumCents: number;
}

/**
 * Grant = Σ over eligible categories of round-down(cost × rate), then capped by the variant's maximum.
 * Exact integer arithmetic: the product is taken in BigInt before dividing.
 */
export function calculateGrant(def: GuidelineDefinition, variant: string, lines: CostLine[], requestedRatesBp: Record<string, number> = {}): GrantCalculation {
  const v = def.variants.find((x) => x.code === variant);
  if (!v) throw new Error(`unknown variant ${variant}`);
  const perCategory: CategoryGrant[] = [];
  for (const category of def.costCategories) {
    if (!category.eligible) continue;
    const mine = lines.filter((l) => l.category === category.code);
    if (mine.length === 0) continue;
    const eligibleCents = mine.reduce((sum, l) => sum + l.amountCents, 0);
    const rateBp = requestedRatesBp[category.code] ?? category.maxRateBp!;
    const grantCents = Number((BigInt(eligibleCents) * BigInt(rateBp)) / 10000n);
    perCategory.push({ category: category.code, eligibleCents, rateBp, grantCents });
  }
  const uncappedGrantCents = perCategory.reduce((sum, c) => sum + c.grantCents, 0);
  const grantCents = Math.min(uncappedGrantCents, v.maxGrantCents);
  return {
    totalCostsCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
    eligibleCostsCents: perCategory.reduce((sum, c) => sum + c.eligibleCents, 0),
    perCategory,
    uncappedGrantCents,
    grantCents,
    capped: uncappedGrantCents > v.maxGrantCents,
    belowMinimum: grantCents < def.minimumGrantCents,
    capCents: v.maxGrantCents,
    minimumCents: def.minimumGrantCents,
  };
}

export interface PlanInput {
  variant: string;
  costs: CostLine[];
  requestedRatesBp?: Record<string, number>;
  ownContributionCents: number;
  thirdPartyFundsCents: number;
}

/** Every problem of a financing plan at once, and the grant where it can be computed. */
export function validatePlan(def: GuidelineDefinition, input: PlanInput, opts: { requireFiscalYears: boolean }): { problems: Problem[]; calculation: GrantCalculation | null } {
  const problems: Problem[] = [];
  const categories = new Map(def.costCategories.map((c) => [c.code, c]));
  const variantKnown = def.variants.some((v) => v.code === input.variant);
  if (!variantKnown) problems.push({ code: 'VARIANT_UNKNOWN', field: 'variant', message: `The guideline has no variant "${input.variant}".` });
  if (input.costs.length === 0) problems.push({ code: 'NO_COSTS', field: 'costs', message: 'Plan at least one cost line.' });

  const valid: CostLine[] = [];
  input.costs.forEach((line, i) => {
    const category = categories.get(line.category);
    let ok = true;
    if (!category) {
      problems.push({ code: 'CATEGORY_UNKNOWN', field: `costs.${i}.category`, message: `The guideline has no cost category "${line.category}".` });
      ok = false;
    } else if (!category.eligible) {
      problems.push({ code: 'CATEGORY_INELIGIBLE', field: `costs.${i}.category`, message: `"${category.label}" is not eligible: ${category.ineligibleReason}` });
      ok = false;
    }
    if (!Number.isSafeInteger(line.amountCents) || line.amountCents <= 0) {
      problems.push({ code: 'AMOUNT_INVALID', field: `costs.${i}.amountCents`, message: 'A cost must be a positive whole number of cents.' });
      ok = false;
    }
    if (opts.requireFiscalYears && line.fiscalYear === undefined) {
      problems.push({ code: 'FISCAL_YEAR_REQUIRED', field: `costs.${i}.fiscalYear`, message: 'Give the fiscal year of each cost line.' });
    }
    if (ok) valid.push(line);
  });

  for (const [code, rate] of Object.entries(input.requestedRatesBp ?? {})) {
    const category = categories.get(code);
    const field = `requestedRatesBp.${code}`;
    if (!category) problems.push({ code: 'CATEGORY_UNKNOWN', field, message: `The guideline has no cost category "${code}".` });
    else if (!Number.isSafeInteger(rate) || rate < 0) problems.push({ code: 'RATE_INVALID', field, message: 'A rate is a whole number of basis points (10000 = 100 %).' });
    else if (category.eligible && rate > category.maxRateBp!) {
      problems.push({ code: 'RATE_ABOVE_MAXIMUM', field, message: `"${category.label}" is funded at most at ${category.maxRateBp! / 100} %.` });
    }
  }
  for (const [field, amount] of [['ownContributionCents', input.ownContributionCents], ['thirdPartyFunds', input.thirdPartyFundsCents]] as const) {
    if (!Number.isSafeInteger(amount) || amount < 0) problems.push({ code: 'AMOUNT_INVALID', field, message: 'Amounts are whole numbers of cents, not negative.' });
  }

  if (!variantKnown || valid.length === 0) return { problems, calculation: null };
  const rates = Object.fromEntries(Object.entries(input.requestedRatesBp ?? {}).filter(([code, r]) => categories.get(code)?.eligible && Number.isSafeInteger(r) && r >= 0 && r <= categories.get(code)!.maxRateBp!));
  const calculation = calculateGrant(def, input.variant, valid, rates);
  if (calculation.belowMinimum) {
    problems.push({
      code: 'GRANT_BELOW_MINIMUM',
      field: 'costs',
      message: `The grant of ${formatEuro(calculation.grantCents)} is below the minimum of ${formatEuro(def.minimumGrantCents)}.`,
    });
  }
  const totalCosts = input.costs.reduce((sum, l) => sum + (Number.isSafeInteger(l.amountCents) ? l.amountCents : 0), 0);
  const needed = totalCosts - input.ownContributionCents - input.thirdPartyFundsCents;
  if (needed > calculation.capCents) {
    problems.push({
      code: 'GRANT_ABOVE_CAP',
      field: 'ownContributionCents',
      message: `The plan needs a grant of ${formatEuro(needed)}, but this variant is funded with at most ${formatEuro(calculation.capCents)}: own contribution or third-party funds must cover the rest.`,
    });
  } else if (needed !== calculation.grantCents) {
    const expectedOwn = totalCosts - input.thirdPartyFundsCents - calculation.grantCents;
    problems.push({
      code: 'PLAN_NOT_BALANCED',
      field: 'ownContributionCents',
      message: `Total costs must equal grant + own contribution + third-party funds: with a grant of ${formatEuro(calculation.grantCents)} the own contribution must be ${formatEuro(expectedOwn)}.`,
    });
  }
  return { problems, calculation };
}
