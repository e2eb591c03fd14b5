import type { Form } from '../../guidelines/guideline.types';
import type { Problem } from '../../applications/domain/problem';
import { validateForm } from '../../applications/domain/form-validation';

/**
 * Proof of use (Verwendungsnachweis): what makes it complete, its totals per cost category, and what the check
 * accepted. Pure: integer cents, ISO dates (YYYY-MM-DD compare as strings).
 */

export interface ExpenseLine {
  id?: string;
  category: string;
  invoiceNumber: string;
  supplier: string;
  invoiceDate: string | null;
  paidDate: string | null;
  amountCents: number | null;
  description: string;
  receiptSha256: string | null;
}

export interface Amount {
  label: string;
  amountCents: number;
}

export interface ProofRules {
  reportForm?: Form;
  /** The guideline's cost categories (code, label, eligible). */
  categories: { code: string; label: string; eligible: boolean }[];
  /** Categories of the binding financing plan (the approved decision). */
  planCategories: string[];
  fundingStart: string | null;
  fundingEnd: string | null;
  receiptsRequired: boolean;
}

export interface ProofContent {
  fields: Record<string, unknown>;
  lines: ExpenseLine[];
  thirdPartyFunds: Amount[];
  income: Amount[];
}

/** Every problem that stands in the way of submitting, each naming its field (`fields.<key>`, `lines[i].<field>`). */
export function proofProblems(rules: ProofRules, proof: ProofContent): Problem[] {
  const problems: Problem[] = rules.reportForm ? validateForm(rules.reportForm, proof.fields, 'submit') : [];
  if (proof.lines.length === 0) problems.push({ code: 'LINES_MISSING', field: 'lines', message: 'List at least one expense.' });
  const known = new Map(rules.categories.map((c) => [c.code, c]));
  const period = rules.fundingStart && rules.fundingEnd ? { from: rules.fundingStart, to: rules.fundingEnd } : null;
  proof.lines.forEach((l, i) => {
    const at = (f: string) => `lines[${i}].${f}`;
    const n = i + 1;
    if (!l.category) problems.push({ code: 'FIELD_REQUIRED', field: at('category'), message: `Expense ${n}: choose a cost category.` });
    else if (!known.has(l.category)) problems.push({ code: 'CATEGORY_UNKNOWN', field: at('category'), message: `Expense ${n}: the guideline has no cost category "${l.category}".` });
    for (const [key, label] of [
      ['invoiceNumber', 'the invoice number'],
      ['supplier', 'the supplier'],
      ['description', 'what was bought'],
    ] as const) {
      if (!l[key].trim()) problems.push({ code: 'FIELD_REQUIRED', field: at(key), message: `Expense ${n}: fill in ${label}.` });
    }
    if (l.amountCents === null) problems.push({ code: 'FIELD_REQUIRED', field: at('amountCents'), message: `Expense ${n}: fill in the amount.` });
    else if (l.amountCents <= 0) problems.push({ code: 'AMOUNT_NOT_POSITIVE', field: at('amountCents'), message: `Expense ${n}: the amount must be more than 0.` });
    for (const [key, label] of [
      ['invoiceDate', 'invoice date'],
      ['paidDate', 'date of payment'],
    ] as const) {
      const date = l[key];
      if (!date) problems.push({ code: 'FIELD_REQUIRED', field: at(key), message: `Expense ${n}: fill in the ${label}.` });
      else if (period && (date < period.from || date > period.to)) {
        problems.push({ code: 'DATE_OUTSIDE_FUNDING_PERIOD', field: at(key), message: `Expense ${n}: the ${label} ${date} lies outside the funding period ${period.from} to ${period.to}.` });
      }
    }
    if (l.invoiceDate && l.paidDate && l.paidDate < l.invoiceDate) {
      problems.push({ code: 'PAID_BEFORE_INVOICE', field: at('paidDate'), message: `Expense ${n}: the date of payment lies before the invoice date.` });
    }
    if (rules.receiptsRequired && !l.receiptSha256) problems.push({ code: 'RECEIPT_MISSING', field: at('receipt'), message: `Expense ${n}: attach the receipt.` });
  });
  for (const [list, name] of [
    [proof.thirdPartyFunds, 'thirdPartyFunds'],
    [proof.income, 'income'],
  ] as const) {
    list.forEach((a, i) => {
      if (!a.label.trim()) problems.push({ code: 'FIELD_REQUIRED', field: `${name}[${i}].label`, message: `Name the ${name === 'income' ? 'income' : 'third-party funds'} in line ${i + 1}.` });
    });
  }
  return problems;
}

export interface CategoryTotal {
  category: string;
  label: string;
  /** Eligible cost of the binding financing plan in this category (0 when the plan has none). */
  plannedCents: number;
  /** Σ of the stated expenses. */
  actualCents: number;
  /** The part that can count for the grant: the category is eligible under the guideline and part of the plan. */
  eligibleCents: number;
}

/** Totals per category: every category of the plan, and any other one that has expenses. */
export function categoryTotals(rules: ProofRules, plan: { category: string; amountCents: number }[], lines: ExpenseLine[]): CategoryTotal[] {
  const codes = [...new Set([...plan.map((p) => p.category), ...lines.map((l) => l.category).filter(Boolean)])];
  return codes.map((code) => {
    const c = rules.categories.find((x) => x.code === code);
    const plannedCents = plan.filter((p) => p.category === code).reduce((s, p) => s + p.amountCents, 0);
    const actualCents = lines.filter((l) => l.category === code).reduce((s, l) => s + (l.amountCents ?? 0), 0);
    const counts = !!c?.eligible && rules.planCategories.includes(code);
    return { category: code, label: c?.label ?? code, plannedCents, actualCents, eligibleCents: counts ? actualCents : 0 };
  });
}

export interface CheckedLine {
  id: string;
  category: string;
  amountCents: number;
  decision: 'accepted' | 'reduced' | null;
  acceptedCents: number | null;
  receiptExamined: boolean;
}

/**
 * What the check accepted per eligible category of the plan: a decided line counts with its accepted amount, a line
 * outside the sample nobody decided counts as stated. The settlement multiplies these by the plan's rates.
 */
export function acceptedTotals(rules: Pick<ProofRules, 'categories' | 'planCategories'>, lines: CheckedLine[]): { category: string; acceptedCents: number }[] {
  const eligible = rules.planCategories.filter((code) => rules.categories.find((c) => c.code === code)?.eligible);
  return eligible.map((category) => ({
    category,
    acceptedCents: lines.filter((l) => l.category === category).reduce((s, l) => s + (l.decision ? l.acceptedCents! : l.amountCents), 0),
  }));
}

/** The check is done when every line of the recorded sample is decided with its receipt examined. */
export function checkProblems(sample: string[] | null, lines: CheckedLine[]): Problem[] {
  if (!sample) return [{ code: 'SAMPLE_NOT_DRAWN', field: 'sample', message: 'The sample of receipts to examine has not been drawn yet.' }];
  const problems: Problem[] = [];
  lines.forEach((l, i) => {
    if (!sample.includes(l.id)) return;
    if (!l.decision) problems.push({ code: 'SAMPLE_LINE_UNDECIDED', field: `lines[${i}].decision`, message: `Expense ${i + 1} is in the sample: accept or reduce it.` });
    else if (!l.receiptExamined) problems.push({ code: 'RECEIPT_NOT_EXAMINED', field: `lines[${i}].receiptExamined`, message: `Expense ${i + 1} is in the sample: examine its receipt.` });
  });
  return problems;
}
