import { addMonths } from '../../platform/calendar/calendar';
import { formatDate, formatEuro } from '../../platform/format';

/**
 * What a payment request (Mittelabruf) may pay out, by the binding plan of the case's latest approved decision.
 * Pure: no Nest, no database. All money in integer cents, rates in basis points, dates as ISO `YYYY-MM-DD`.
 */

/** The binding financing plan and the guideline's payment rules. */
export interface BindingPlan {
  grantCents: number;
  /** Per eligible category of the plan: its rate and the grant approved for it. */
  categories: { category: string; rateBp: number; grantCents: number }[];
  fundingStart: string | null;
  fundingEnd: string | null;
  retentionBp: number;
  requestWindowMonths: number;
}

export interface ExpenseLine {
  category: string;
  invoiceDate: string;
  dueDate: string;
  amountCents: number;
  /** The caseworker's reduction; null/undefined = accepted as requested. */
  acceptedCents?: number | null;
}

/** What earlier live requests (submitted, certified, ordered, paid) of the same case already draw. */
export interface EarlierPayable {
  totalCents: number;
  perCategory: Record<string, number>;
}

export interface PayableProblem {
  code: 'DUE_OUTSIDE_WINDOW' | 'OUTSIDE_FUNDING_PERIOD' | 'CATEGORY_NOT_IN_PLAN' | 'CATEGORY_EXCEEDED' | 'GRANT_EXCEEDED';
  field: string;
  message: string;
}

export interface CategoryPayable {
  category: string;
  rateBp: number;
  acceptedCents: number;
  payableCents: number;
  planGrantCents: number;
  earlierCents: number;
}

export interface PayableCalculation {
  perCategory: CategoryPayable[];
  payableCents: number;
  grantCents: number;
  retentionCents: number;
  earlierCents: number;
  /** What is still open before this request: grant − retention − earlier live requests (never below 0). */
  openBeforeCents: number;
  /** The last date a line may be due (submission date + request window). */
  dueByDate: string;
}

/** round-down(amount × rate), exactly (BigInt truncation is floor for amounts ≥ 0). */
export function share(amountCents: number, rateBp: number): number {
  return Number((BigInt(amountCents) * BigInt(rateBp)) / 10000n);
}

export function retentionOf(grantCents: number, retentionBp: number): number {
  return share(grantCents, retentionBp);
}

/**
 * Payable = Σ per category round-down(Σ accepted line amounts × the category's rate). Lines with a problem of their
 * own (window, funding period, category) count for nothing. Limits: per category, this and earlier live requests
 * never more than the plan's grant of the category (the line that crosses it is named); in total never more than the
 * grant less the retention. Every problem is returned, none thrown.
 */
export function assessPayable(plan: BindingPlan, lines: ExpenseLine[], earlier: EarlierPayable, submissionDate: string): { calculation: PayableCalculation; problems: PayableProblem[] } {
  const problems: PayableProblem[] = [];
  const dueByDate = addMonths(submissionDate, plan.requestWindowMonths);
  const planned = new Map(plan.categories.map((c) => [c.category, c]));
  const usable: boolean[] = lines.map((line, i) => {
    let ok = true;
    if (!planned.has(line.category)) {
      problems.push({ code: 'CATEGORY_NOT_IN_PLAN', field: `lines[${i}].category`, message: `The binding financing plan grants nothing for the cost category "${line.category}".` });
      ok = false;
    }
    if ((plan.fundingStart && line.invoiceDate < plan.fundingStart) || (plan.fundingEnd && line.invoiceDate > plan.fundingEnd)) {
      problems.push({
        code: 'OUTSIDE_FUNDING_PERIOD',
        field: `lines[${i}].invoiceDate`,
        message: `The invoice date ${formatDate(line.invoiceDate)} lies outside the funding period ${plan.fundingStart ? formatDate(plan.fundingStart) : '…'} – ${plan.fundingEnd ? formatDate(plan.fundingEnd) : '…'}.`,
      });
      ok = false;
    }
    if (line.dueDate > dueByDate) {
      problems.push({
        code: 'DUE_OUTSIDE_WINDOW',
        field: `lines[${i}].dueDate`,
        message: `Funds may only be requested for payments due by ${formatDate(dueByDate)} (${plan.requestWindowMonths} months); this one is due on ${formatDate(line.dueDate)}.`,
      });
      ok = false;
    }
    return ok;
  });

  const perCategory: CategoryPayable[] = [];
  for (const c of plan.categories) {
    const mine = lines.map((l, i) => ({ l, i })).filter(({ l, i }) => usable[i] && l.category === c.category);
    if (!mine.length) continue;
    const earlierCents = earlier.perCategory[c.category] ?? 0;
    let running = 0;
    let crossed = false;
    for (const { l, i } of mine) {
      running += l.acceptedCents ?? l.amountCents;
      if (!crossed && earlierCents + share(running, c.rateBp) > c.grantCents) {
        crossed = true;
        problems.push({
          code: 'CATEGORY_EXCEEDED',
          field: `lines[${i}].amountCents`,
          message:
            `With this line the payments for "${c.category}" would come to ${formatEuro(earlierCents + share(running, c.rateBp))}, ` +
            `more than the ${formatEuro(c.grantCents)} the plan grants for it (${formatEuro(Math.max(0, c.grantCents - earlierCents))} still open).`,
        });
      }
    }
    perCategory.push({ category: c.category, rateBp: c.rateBp, acceptedCents: running, payableCents: share(running, c.rateBp), planGrantCents: c.grantCents, earlierCents });
  }
  const payableCents = perCategory.reduce((s, c) => s + c.payableCents, 0);
  const retentionCents = retentionOf(plan.grantCents, plan.retentionBp);
  const openBeforeCents = Math.max(0, plan.grantCents - retentionCents - earlier.totalCents);
  if (payableCents > openBeforeCents) {
    problems.push({
      code: 'GRANT_EXCEEDED',
      field: 'lines',
      message: `The request comes to ${formatEuro(payableCents)}, but only ${formatEuro(openBeforeCents)} of the grant is still open (the retention of ${formatEuro(retentionCents)} is held until settlement).`,
    });
  }
  return {
    calculation: { perCategory, payableCents, grantCents: plan.grantCents, retentionCents, earlierCents: earlier.totalCents, openBeforeCents, dueByDate },
    problems,
  };
}
