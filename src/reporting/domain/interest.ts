/**
 * Interest on a recovery claim (§ 49a Abs. 3 VwVfG): a fixed number of percentage points above the base rate
 * (Basiszinssatz, § 247 BGB) per year, counted per day actual/365, split wherever the base rate changes (1 January and
 * 1 July) and wherever the principal changes by a repayment. Repayments settle costs first, then interest, then
 * principal (§ 367 Abs. 1 BGB). Pure: dates are ISO strings (YYYY-MM-DD), money integer cents.
 */

export interface BaseRate {
  /** First day the rate applies (1 January or 1 July). */
  validFrom: string;
  rateBp: number;
}

/** A period needs a base rate nobody has entered yet: refused, never guessed. */
export class MissingBaseRateError extends Error {
  constructor(readonly missingFrom: string) {
    super(`The base rate valid from ${missingFrom} is not known yet; it must be entered from the Bundesbank's announcement first.`);
    this.name = 'MissingBaseRateError';
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The first day after the half-year in which `date` lies (1 July or 1 January of the next year). */
export function nextHalfYear(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m <= 6 ? `${y}-07-01` : `${y + 1}-01-01`;
}

/** The base rate's periods overlapping [from, to): each with its rate, cut at from and to. */
export function ratePeriods(from: string, to: string, rates: BaseRate[]): { from: string; to: string; rateBp: number }[] {
  const sorted = [...rates].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const out: { from: string; to: string; rateBp: number }[] = [];
  let cursor = from;
  while (cursor < to) {
    let i = sorted.length - 1;
    while (i >= 0 && sorted[i].validFrom > cursor) i--;
    if (i < 0) throw new MissingBaseRateError(halfYearStart(cursor));
    // a rate is known to the end of its half-year; beyond that the next one must have been entered
    const knownUntil = sorted[i + 1]?.validFrom ?? nextHalfYear(sorted[i].validFrom);
    if (cursor >= knownUntil) throw new MissingBaseRateError(knownUntil);
    const end = knownUntil < to ? knownUntil : to;
    out.push({ from: cursor, to: end, rateBp: sorted[i].rateBp });
    cursor = end;
  }
  return out;
}

function halfYearStart(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m <= 6 ? `${y}-01-01` : `${y}-07-01`;
}

/**
 * Interest as an exact fraction: numerator over DENOMINATOR cents. Summing fractions and rounding once keeps the
 * result independent of how a span is cut into periods.
 */
const DENOMINATOR = 365n * 10_000n;

function interestNumerator(principalCents: number, from: string, to: string, aboveBp: number, rates: BaseRate[]): bigint {
  let sum = 0n;
  for (const p of ratePeriods(from, to, rates)) {
    const days = BigInt(dayNumber(p.to) - dayNumber(p.from));
    sum += BigInt(principalCents) * BigInt(p.rateBp + aboveBp) * days;
  }
  return sum;
}

/** Interest in cents (rounded down: never more than owed) on a constant principal for the days from `from` (inclusive) to `to` (exclusive). */
export function simpleInterest(principalCents: number, from: string, to: string, aboveBp: number, rates: BaseRate[]): number {
  const n = interestNumerator(principalCents, from, to, aboveBp, rates);
  return Number(n >= 0n ? n / DENOMINATOR : -((-n + DENOMINATOR - 1n) / DENOMINATOR));
}

export interface Repayment {
  /** Value date of the incoming payment. */
  on: string;
  amountCents: number;
}

export interface Allocation {
  on: string;
  amountCents: number;
  toCostsCents: number;
  toInterestCents: number;
  toPrincipalCents: number;
  /** What the payment could not be set against (paid too much). */
  surplusCents: number;
}

export interface ClaimState {
  principalOpenCents: number;
  interestOpenCents: number;
  costsOpenCents: number;
  /** All interest accrued from interestFrom to the statement date. */
  interestAccruedCents: number;
  totalOpenCents: number;
  allocations: Allocation[];
}

export interface ClaimTerms {
  principalCents: number;
  /** Interest runs from this day (the day the overpayment was made, or as the guideline sets). */
  interestFrom: string;
  costsCents?: number;
  aboveBp: number;
}

/**
 * The state of a recovery claim on `asOf` (interest counted up to, not including, that day). Interest accrues on
 * the open principal only; each repayment settles costs, then the interest accrued until its value date, then principal.
 * Accrued interest is rounded down to the cent at each repayment (where it becomes a sum owed) and at the statement.
 */
export function claimState(terms: ClaimTerms, repayments: Repayment[], asOf: string, rates: BaseRate[]): ClaimState {
  let principal = terms.principalCents;
  let costs = terms.costsCents ?? 0;
  let interestOpen = 0;
  let interestAccrued = 0;
  let since = terms.interestFrom;
  const allocations: Allocation[] = [];
  const sorted = [...repayments].sort((a, b) => a.on.localeCompare(b.on));
  for (const r of sorted) {
    if (r.on > asOf) break;
    const accrued = r.on > since ? simpleInterest(principal, since, r.on, terms.aboveBp, rates) : 0;
    interestAccrued += accrued;
    interestOpen += accrued;
    if (r.on > since) since = r.on;
    let left = r.amountCents;
    const toCosts = Math.min(left, costs);
    left -= toCosts;
    costs -= toCosts;
    const toInterest = Math.min(left, interestOpen);
    left -= toInterest;
    interestOpen -= toInterest;
    const toPrincipal = Math.min(left, principal);
    left -= toPrincipal;
    principal -= toPrincipal;
    allocations.push({ on: r.on, amountCents: r.amountCents, toCostsCents: toCosts, toInterestCents: toInterest, toPrincipalCents: toPrincipal, surplusCents: left });
  }
  const tail = asOf > since && principal > 0 ? simpleInterest(principal, since, asOf, terms.aboveBp, rates) : 0;
  interestAccrued += tail;
  interestOpen += tail;
  return {
    principalOpenCents: principal,
    interestOpenCents: interestOpen,
    costsOpenCents: costs,
    interestAccruedCents: interestAccrued,
    totalOpenCents: principal + interestOpen + costs,
    allocations,
  };
}

