import { agsProblem } from '../../platform/accounts/ags';
import type { GuidelineDefinition } from '../../guidelines/guideline.types';
import { insideTerritory } from '../../guidelines/territory';
import { validateForm } from './form-validation';
import { CostLine, GrantCalculation, validatePlan } from './grant-calculation';
import { ibanProblem } from './iban';
import type { Problem } from './problem';

/** What the rules need of a proposal (concept or application). */
export interface ProposalData {
  stage: 'concept' | 'application';
  variant: string | null;
  locationAgs: string | null;
  fields: Record<string, unknown>;
  costs: CostLine[];
  requestedRatesBp: Record<string, number>;
  ownContributionCents: number;
  thirdPartyFunds: { source: string; amountCents: number }[];
  fundingStart: string | null;
  fundingEnd: string | null;
  iban: string | null;
  accountHolder: string | null;
}

// Which plan problems each named check of the guideline reports, so one submission lists each problem once.
const BALANCE = ['PLAN_NOT_BALANCED'];
const LIMITS = ['GRANT_ABOVE_CAP', 'GRANT_BELOW_MINIMUM'];

export function planOf(def: GuidelineDefinition, p: ProposalData): { problems: Problem[]; calculation: GrantCalculation | null } {
  if (!p.variant) {
    return { problems: [{ code: 'VARIANT_REQUIRED', field: 'variant', message: 'Choose a variant.' }], calculation: null };
  }
  return validatePlan(
    def,
    {
      variant: p.variant,
      costs: p.costs,
      requestedRatesBp: p.requestedRatesBp,
      ownContributionCents: p.ownContributionCents,
      thirdPartyFundsCents: p.thirdPartyFunds.reduce((sum, f) => sum + f.amountCents, 0),
    },
    { requireFiscalYears: p.stage === 'application' },
  );
}

/** The plan's category and line problems, including cost lines outside the budget years or the funding period. */
export function categoryProblems(def: GuidelineDefinition, p: ProposalData, budgetYears: number[] = []): Problem[] {
  return [...planOf(def, p).problems.filter((x) => !BALANCE.includes(x.code) && !LIMITS.includes(x.code)), ...costYearProblems(p, budgetYears)];
}

export function balanceProblems(def: GuidelineDefinition, p: ProposalData): Problem[] {
  return planOf(def, p).problems.filter((x) => BALANCE.includes(x.code));
}

export function limitProblems(def: GuidelineDefinition, p: ProposalData): Problem[] {
  return planOf(def, p).problems.filter((x) => LIMITS.includes(x.code));
}

function locationProblems(def: GuidelineDefinition, p: ProposalData): Problem[] {
  if (!p.locationAgs) return [{ code: 'LOCATION_REQUIRED', field: 'locationAgs', message: 'Give the AGS of the municipality where the space will be.' }];
  const problem = agsProblem(p.locationAgs);
  if (problem) return [{ code: 'LOCATION_INVALID', field: 'locationAgs', message: `The AGS ${problem}.` }];
  if (!insideTerritory(def.territory, p.locationAgs)) {
    return [{ code: 'LOCATION_OUTSIDE_TERRITORY', field: 'locationAgs', message: `The project must lie in ${def.territory!.label}; AGS ${p.locationAgs} lies outside.` }];
  }
  return [];
}

/** Stage 1 as one check: the form, the location, the whole plan and the years of its cost lines. */
export function conceptProblems(def: GuidelineDefinition, p: ProposalData, budgetYears: number[] = []): Problem[] {
  return [...validateForm(def.forms.concept, p.fields, 'submit'), ...locationProblems(def, p), ...planOf(def, p).problems, ...costYearProblems(p, budgetYears)];
}

/**
 * Stage 2 beyond the plan: the form, location, funding period, bank account, and the ban on
 * starting before the decision unless an early start was approved (vorzeitiger Maßnahmebeginn).
 */
export function applicationFormProblems(
  def: GuidelineDefinition,
  p: ProposalData,
  ctx: { today: string; approvedEarlyStart: string | null },
): Problem[] {
  const problems = [...validateForm(def.forms.application, p.fields, 'submit'), ...locationProblems(def, p)];
  if (!p.fundingStart || !p.fundingEnd) {
    problems.push({ code: 'FUNDING_PERIOD_REQUIRED', field: p.fundingStart ? 'fundingEnd' : 'fundingStart', message: 'Give the start and end of the funding period.' });
  } else if (p.fundingEnd < p.fundingStart) {
    problems.push({ code: 'FUNDING_PERIOD_INVALID', field: 'fundingEnd', message: 'The funding period must end after it starts.' });
  }
  if (p.fundingStart && p.fundingStart < ctx.today && !(ctx.approvedEarlyStart && ctx.approvedEarlyStart <= p.fundingStart)) {
    problems.push({
      code: 'EARLY_START_NOT_APPROVED',
      field: 'fundingStart',
      message: 'A project may start before the decision only with an approved request for early start (vorzeitiger Maßnahmebeginn).',
    });
  }
  if (!p.iban) problems.push({ code: 'IBAN_REQUIRED', field: 'iban', message: 'Give the bank account (IBAN) for payments.' });
  else {
    const problem = ibanProblem(p.iban);
    if (problem) problems.push({ code: 'IBAN_INVALID', field: 'iban', message: `The IBAN ${problem}.` });
  }
  if (!p.accountHolder?.trim()) problems.push({ code: 'ACCOUNT_HOLDER_REQUIRED', field: 'accountHolder', message: 'Give the account holder.' });
  return problems;
}

/** Years (inclusive) of a funding period; null while the period is missing or backwards (reported elsewhere). */
export function fundingPeriodYears(p: Pick<ProposalData, 'fundingStart' | 'fundingEnd'>): { from: number; to: number } | null {
  if (!p.fundingStart || !p.fundingEnd || p.fundingEnd < p.fundingStart) return null;
  return { from: Number(p.fundingStart.slice(0, 4)), to: Number(p.fundingEnd.slice(0, 4)) };
}

/**
 * Cost lines whose fiscal year lies outside the call's budget years or (in the application) outside the
 * years of the funding period: such money could never be committed, so the line is refused where it is entered.
 */
export function costYearProblems(p: ProposalData, budgetYears: number[]): Problem[] {
  const problems: Problem[] = [];
  const period = p.stage === 'application' ? fundingPeriodYears(p) : null;
  const years = [...budgetYears].sort((a, b) => a - b);
  p.costs.forEach((line, i) => {
    const year = line.fiscalYear;
    if (typeof year !== 'number' || !Number.isSafeInteger(year)) return;
    const field = `costs.${i}.fiscalYear`;
    if (period && (year < period.from || year > period.to)) {
      problems.push({
        code: 'COST_YEAR_OUTSIDE_FUNDING_PERIOD',
        field,
        message: `Cost line ${i + 1} falls in ${year}, outside the funding period (${p.fundingStart} to ${p.fundingEnd}).`,
      });
    }
    if (years.length && !years.includes(year)) {
      problems.push({
        code: 'COST_YEAR_OUTSIDE_CALL_BUDGET',
        field,
        message: `Cost line ${i + 1} falls in ${year}; the call has budgets for ${years.join(', ')} only.`,
      });
    }
  });
  return problems;
}
