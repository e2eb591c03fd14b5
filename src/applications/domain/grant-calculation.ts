import type { CostCategory, GuidelineDefinition } from '../../guidelines/guideline.types';
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

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

/**
 * Grant = Σ over eligible categories of round-down(Σ lines × rate), then capped by the variant's maximum.
 * The product is taken in BigInt so no amount is too large to round exactly. Does not validate: see validatePlan.
 */
export function calculateGrant(def: GuidelineDefinition, variant: string, lines: CostLine[], requestedRatesBp: Record<string, number> = {}): GrantCalculation {
  const v = def.variants.find((x) => x.code === variant);
  if (!v) throw new Error(`guideline ${def.code} has no variant ${variant}`);
  const perCategory: CategoryGrant[] = [];
  for (const category of def.costCategories) {
    if (!category.eligible) continue;
    const mine = lines.filter((l) => l.category === category.code);
    if (mine.length === 0) continue;
    const eligibleCents = mine.reduce((sum, l) => sum + l.amountCents, 0);
    const rateBp = own(requestedRatesBp, category.code) ?? category.maxRateBp!;
    const grantCents = Number((BigInt(eligibleCents) * BigInt(rateBp)) / 10000n); // BigInt division truncates = floor for ≥ 0
    perCategory.push({ category: category.code, eligibleCents, rateBp, grantCents });
  }
  const uncappedGrantCents = perCategory.reduce((sum, c) => sum + c.grantCents, 0);
  const grantCents = Math.min(uncappedGrantCents, v.maxGrantCents);
  return {
    // Ineligible and unknown categories are costs too: they are part of the plan the applicant must finance.
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

/** `6000` → `60 %`, `6667` → `66,67 %` (German notation, like the amounts). */
function percent(bp: number): string {
  return `${(bp / 100).toLocaleString('de-DE', { maximumFractionDigits: 2 })} %`;
}

const isAmount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
const isRate = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Every problem of a financing plan at once, and the grant where it can be computed. */
export function validatePlan(
  def: GuidelineDefinition,
  input: PlanInput,
  opts: { requireFiscalYears: boolean },
): { problems: Problem[]; calculation: GrantCalculation | null } {
  const problems: Problem[] = [];
  const categories = new Map<string, CostCategory>(def.costCategories.map((c) => [c.code, c]));
  const variant = def.variants.find((v) => v.code === input.variant);
  if (!variant) {
    problems.push({
      code: 'VARIANT_UNKNOWN',
      field: 'variant',
      message: `The guideline has no variant "${input.variant}"; choose one of: ${def.variants.map((v) => v.code).join(', ')}.`,
    });
  }
  if (input.costs.length === 0) problems.push({ code: 'NO_COSTS', field: 'costs', message: 'Plan at least one cost line.' });

  let amountsValid = true;
  input.costs.forEach((line, i) => {
    const category = categories.get(line.category);
    if (!category) {
      problems.push({ code: 'CATEGORY_UNKNOWN', field: `costs.${i}.category`, message: `The guideline has no cost category "${line.category}".` });
    } else if (!category.eligible) {
      problems.push({ code: 'CATEGORY_INELIGIBLE', field: `costs.${i}.category`, message: `"${category.label}" is not eligible: ${category.ineligibleReason}` });
    }
    if (!isAmount(line.amountCents)) {
      amountsValid = false;
      problems.push({ code: 'AMOUNT_INVALID', field: `costs.${i}.amountCents`, message: 'A cost must be a positive whole number of cents.' });
    }
    if (opts.requireFiscalYears && (line.fiscalYear === undefined || line.fiscalYear === null)) {
      problems.push({ code: 'FISCAL_YEAR_REQUIRED', field: `costs.${i}.fiscalYear`, message: 'Give the fiscal year of each cost line.' });
    } else if (line.fiscalYear !== undefined && line.fiscalYear !== null && !Number.isSafeInteger(line.fiscalYear)) {
      problems.push({ code: 'FISCAL_YEAR_INVALID', field: `costs.${i}.fiscalYear`, message: 'A fiscal year is a whole number such as 2027.' });
    }
  });

  const rates: Record<string, number> = {};
  for (const [code, rate] of Object.entries(input.requestedRatesBp ?? {})) {
    const category = categories.get(code);
    const field = `requestedRatesBp.${code}`;
    if (!category) problems.push({ code: 'CATEGORY_UNKNOWN', field, message: `The guideline has no cost category "${code}".` });
    else if (!category.eligible) problems.push({ code: 'CATEGORY_INELIGIBLE', field, message: `"${category.label}" is not eligible, so no rate can be requested for it.` });
    else if (!isRate(rate)) problems.push({ code: 'RATE_INVALID', field, message: 'A rate must be a whole number of basis points, not negative (10000 = 100 %).' });
    else if (rate > category.maxRateBp!) {
      problems.push({
        code: 'RATE_ABOVE_MAXIMUM',
        field,
        message: `The requested rate of ${percent(rate)} for "${category.label}" is above the maximum of ${percent(category.maxRateBp!)}.`,
      });
    } else rates[code] = rate; // refused rates fall back to the maximum, so the other figures can still be shown
  }

  const ownValid = Number.isSafeInteger(input.ownContributionCents) && input.ownContributionCents >= 0;
  const thirdValid = Number.isSafeInteger(input.thirdPartyFundsCents) && input.thirdPartyFundsCents >= 0;
  if (!ownValid) problems.push({ code: 'AMOUNT_INVALID', field: 'ownContributionCents', message: 'The own contribution must be a whole number of cents, not negative.' });
  // Third-party funds arrive as a list in the request; their sum is checked here.
  if (!thirdValid) problems.push({ code: 'AMOUNT_INVALID', field: 'thirdPartyFunds', message: 'Third-party funds must be whole numbers of cents, not negative.' });

  const usable = input.costs.filter((l) => isAmount(l.amountCents));
  if (!variant || !usable.some((l) => categories.get(l.category)?.eligible)) return { problems, calculation: null };
  const calculation = calculateGrant(def, variant.code, usable, rates);

  if (calculation.belowMinimum) {
    problems.push({
      code: 'GRANT_BELOW_MINIMUM',
      field: 'costs',
      message: `The grant of ${formatEuro(calculation.grantCents)} is below the minimum of ${formatEuro(calculation.minimumCents)} and cannot be awarded.`,
    });
  }
  // The balance needs every amount: with one left out, any figure named here would mislead.
  if (!amountsValid || !Number.isSafeInteger(input.ownContributionCents) || !Number.isSafeInteger(input.thirdPartyFundsCents)) return { problems, calculation };

  const total = calculation.totalCostsCents;
  const needed = total - input.ownContributionCents - input.thirdPartyFundsCents;
  const expectedOwn = total - input.thirdPartyFundsCents - calculation.grantCents;
  if (needed > calculation.capCents) {
    problems.push({
      code: 'GRANT_ABOVE_CAP',
      field: 'ownContributionCents',
      message:
        `The plan leaves ${formatEuro(needed)} to the grant, but the grant for "${variant.label}" is at most ${formatEuro(calculation.capCents)}: ` +
        `own contribution or third-party funds must cover the rest (with the computed grant of ${formatEuro(calculation.grantCents)}, an own contribution of ${formatEuro(expectedOwn)}).`,
    });
  } else if (needed !== calculation.grantCents) {
    problems.push({
      code: 'PLAN_NOT_BALANCED',
      field: 'ownContributionCents',
      message:
        expectedOwn >= 0
          ? `Total costs of ${formatEuro(total)} must equal grant + own contribution + third-party funds: with a grant of ${formatEuro(calculation.grantCents)} and third-party funds of ${formatEuro(input.thirdPartyFundsCents)}, the own contribution must be ${formatEuro(expectedOwn)}.`
          : `Grant (${formatEuro(calculation.grantCents)}) and third-party funds (${formatEuro(input.thirdPartyFundsCents)}) exceed the total costs of ${formatEuro(total)} by ${formatEuro(-expectedOwn)}: the plan must not be over-financed.`,
    });
  }
  return { problems, calculation };
}
