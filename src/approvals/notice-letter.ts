// The notices of approvals (Zuwendungsbescheid, Ablehnungsbescheid, Änderungsbescheid) as letters: which text
// blocks of the guideline, in which order, with the financing plan and reductions as tables. Layout, addressee,
// dates and the verification footer are the letters room's (src/letters/letter-pdf.ts).
import { fillCompletely } from '../platform/texts';
import { LetterBlock, LetterInput, LetterSender, letterDate, PostalAddress, renderLetterPdf } from '../letters/letter-pdf';
import { formatDate, formatEuro } from '../platform/format';

export interface NoticeLine {
  label: string;
  amountCents: number;
}

export interface NoticeInput {
  kind: 'approval' | 'rejection' | 'amendment';
  texts: Record<string, string>;
  authority: LetterSender;
  fileNumber: string;
  /** The stored instant the notice was issued (signed off); its Berlin date is the notice's date. */
  issuedAt: Date;
  /** The stored instant the application was submitted. */
  appliedAt: Date;
  callTitle: string;
  addressee: PostalAddress;
  projectTitle: string;
  signatory: string;
  verificationCode: string;
  verificationUrl: string;
  // approval and amendment only:
  amountCents?: number;
  eligibleCostsCents?: number;
  fundingTypeLabel?: string;
  rates?: { label: string; rateBp: number }[];
  fundingStart?: string;
  fundingEnd?: string;
  financingPlan?: {
    costs: NoticeLine[];
    totalCostsCents: number;
    grantCents: number;
    ownContributionCents: number;
    thirdParty: NoticeLine[];
  };
  reductions?: { label: string; reducedByCents: number; reason: string }[];
  paymentDates?: string;
  reportingDates?: string;
  requestWindowMonths?: number;
  retentionBp?: number;
  interimReportDue?: string;
  finalReportDue?: string;
  receiptRetentionYears?: number;
  // rejection only:
  reasons?: string[];
}

export const NOTICE_TITLES = {
  approval: 'Zuwendungsbescheid',
  rejection: 'Ablehnungsbescheid',
  amendment: 'Änderungsbescheid',
  // rendered by the reporting module (settlement and revocation), stored and verified here like every notice
  settlement: 'Schlussbescheid',
  revocation: 'Widerrufs- und Rückforderungsbescheid',
} as const;

const APPROVAL_BLOCKS = ['noticeIntro', 'noticeDecision', 'noticeFundingType', 'noticeConditions', 'noticePayment', 'noticeReporting', 'noticeLegalRemedies', 'noticeClosing'];
const REJECTION_BLOCKS = ['rejectionIntro', 'rejectionReasonsIntro', 'rejectionLegalRemedies', 'rejectionClosing'];
/** The text blocks of the guideline every notice is worded from. */
export const NOTICE_TEXT_BLOCKS = [...APPROVAL_BLOCKS, ...REJECTION_BLOCKS];
/** Blocks whose first line (followed by an empty line) is a section heading. */
const HEADED_BLOCKS = new Set(['noticeDecision', 'noticeConditions', 'noticeLegalRemedies', 'rejectionReasonsIntro', 'rejectionLegalRemedies']);


/** 8000 → `80 %`, 7550 → `75,5 %`. */
export function formatPercent(bp: number): string {
  const value = (bp / 100).toFixed(2).replace(/\.?0+$/, '').replace('.', ',');
  return `${value} %`;
}

/** `04-30` (day in every year) → `30.04.`; an ISO date → `30.04.2027`; anything else unchanged. */
function formatDue(value: string): string {
  if (/^\d{2}-\d{2}$/.test(value)) {
    const [m, d] = value.split('-');
    return `${d}.${m}.`;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value);
  return value;
}

function placeholderValues(input: NoticeInput): Record<string, string> {
  const v: Record<string, string> = {
    fileNumber: input.fileNumber,
    date: letterDate(input.issuedAt),
    noticeDate: letterDate(input.issuedAt),
    applicationDate: letterDate(input.appliedAt),
    callTitle: input.callTitle,
    projectTitle: input.projectTitle,
    signatory: input.signatory,
  };
  if (input.amountCents !== undefined) v.amount = formatEuro(input.amountCents);
  if (input.eligibleCostsCents !== undefined) v.eligibleCosts = formatEuro(input.eligibleCostsCents);
  if (input.rates) v.rates = input.rates.map((r) => `${r.label} ${formatPercent(r.rateBp)}`).join(', ');
  if (input.fundingStart) v.fundingPeriodStart = formatDate(input.fundingStart);
  if (input.fundingEnd) v.fundingPeriodEnd = formatDate(input.fundingEnd);
  if (input.requestWindowMonths !== undefined) v.requestWindowMonths = String(input.requestWindowMonths);
  if (input.retentionBp !== undefined) v.retentionPercent = formatPercent(input.retentionBp);
  if (input.interimReportDue) v.interimReportDue = formatDue(input.interimReportDue);
  if (input.finalReportDue) v.finalReportDue = formatDue(input.finalReportDue);
  if (input.receiptRetentionYears !== undefined) v.receiptRetentionYears = String(input.receiptRetentionYears);
  if (input.reasons) v.reasons = input.reasons.map((r, i) => `${i + 1}. ${r.trim()}`).join('\n');
  return v;
}

function validate(input: NoticeInput): void {
  for (const key of ['issuedAt', 'appliedAt'] as const) {
    if (!(input[key] instanceof Date) || Number.isNaN(input[key].getTime())) throw new Error(`a notice needs ${key} as an instant`);
  }
  const blocks = input.kind === 'rejection' ? REJECTION_BLOCKS : APPROVAL_BLOCKS;
  const missing = blocks.filter((b) => !(input.kind === 'amendment' && b === 'noticeIntro' && input.texts.amendmentIntro) && !input.texts[b]);
  if (missing.length > 0) throw new Error(`guideline texts lack the block(s) ${missing.join(', ')}`);
  if (input.kind === 'rejection') {
    if (!input.reasons || input.reasons.length === 0) throw new Error('a rejection notice needs at least one reason');
  } else if (!input.financingPlan || input.amountCents === undefined) {
    throw new Error(`an ${input.kind} notice needs amountCents and financingPlan`);
  }
}

function introText(input: NoticeInput): string {
  if (input.kind === 'rejection') return input.texts.rejectionIntro;
  if (input.kind === 'amendment') return input.texts.amendmentIntro ?? input.texts.noticeIntro.replace(/Zuwendungsbescheid/g, 'Änderungsbescheid');
  return input.texts.noticeIntro;
}

/**
 * The letter prints title, file number and date itself. Intros of earlier guideline versions (which running cases
 * keep) begin with those lines; they are skipped so nothing is printed twice.
 */
export function withoutHeaderLines(intro: string, title: string): string {
  const lines = intro.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i].trim();
    if (line === '' || line === title || /^[^{}]{1,40}[:,]\s*\{(fileNumber|date)\}$/.test(line)) i++;
    else break;
  }
  return lines.slice(i).join('\n');
}

function financingPlanTable(input: NoticeInput): LetterBlock {
  const plan = input.financingPlan!;
  const lines: string[] = [];
  if (input.fundingTypeLabel) lines.push(`Finanzierungsart: ${input.fundingTypeLabel}`);
  if (input.fundingStart && input.fundingEnd) lines.push(`Bewilligungszeitraum: ${formatDate(input.fundingStart)} bis ${formatDate(input.fundingEnd)}`);
  const thirdParty: NoticeLine[] = plan.thirdParty.length > 0 ? plan.thirdParty.map((l) => ({ label: `Drittmittel: ${l.label}`, amountCents: l.amountCents })) : [{ label: 'Drittmittel', amountCents: 0 }];
  const financingTotal = plan.grantCents + plan.ownContributionCents + plan.thirdParty.reduce((s, l) => s + l.amountCents, 0);
  return {
    type: 'table',
    heading: 'Finanzierungsplan (verbindlicher Bestandteil dieses Bescheides)',
    lines,
    columns: [
      { width: 0.75, align: 'left' },
      { width: 0.25, align: 'right' },
    ],
    rows: [
      { cells: ['Position', 'Betrag'], kind: 'header' },
      { cells: ['Ausgaben', ''], kind: 'section' },
      ...plan.costs.map((l) => ({ cells: [l.label, formatEuro(l.amountCents)] })),
      { cells: ['Gesamtausgaben', formatEuro(plan.totalCostsCents)], kind: 'total' },
      { cells: ['Finanzierung', ''], kind: 'section' },
      { cells: ['Zuwendung', formatEuro(plan.grantCents)] },
      { cells: ['Eigenanteil', formatEuro(plan.ownContributionCents)] },
      ...thirdParty.map((l) => ({ cells: [l.label, formatEuro(l.amountCents)] })),
      { cells: ['Summe', formatEuro(financingTotal)], kind: 'total' },
    ],
  };
}

function reductionsTable(input: NoticeInput): LetterBlock[] {
  const reductions = input.reductions ?? [];
  if (reductions.length === 0) return [];
  return [
    {
      type: 'table',
      heading: 'Kürzungen gegenüber dem Antrag',
      lines: ['Folgende beantragte Ausgaben wurden nicht oder nicht in voller Höhe als zuwendungsfähig anerkannt:'],
      columns: [
        { width: 0.32, align: 'left' },
        { width: 0.2, align: 'right' },
        { width: 0.48, align: 'left' },
      ],
      rows: [
        { cells: ['Position', 'Kürzung um', 'Begründung'], kind: 'header' },
        ...reductions.map((r) => ({ cells: [r.label, formatEuro(r.reducedByCents), r.reason] })),
        { cells: ['Summe der Kürzungen', formatEuro(reductions.reduce((s, r) => s + r.reducedByCents, 0)), ''], kind: 'total' },
      ],
    },
  ];
}

/** The notice as a letter: the guideline's blocks filled (a raw placeholder is refused), in the order of the notice. */
export function noticeLetter(input: NoticeInput): LetterInput {
  validate(input);
  const title = NOTICE_TITLES[input.kind];
  const values = placeholderValues(input);
  // A legally binding document must not go out with a raw placeholder in it.
  const fill = (template: string): string => fillCompletely(title, template, values);
  const text = (block: string, headed = false, extra?: string): Extract<LetterBlock, { type: 'text' }> => ({ type: 'text', text: fill(input.texts[block]) + (extra ? `\n${extra}` : ''), headed });

  const blocks: LetterBlock[] = [{ type: 'text', text: fill(withoutHeaderLines(introText(input), title)) }];
  if (input.kind === 'rejection') {
    for (const block of REJECTION_BLOCKS.slice(1, -1)) blocks.push(text(block, HEADED_BLOCKS.has(block)));
  } else {
    blocks.push(
      text('noticeDecision', true),
      text('noticeFundingType'),
      financingPlanTable(input),
      ...reductionsTable(input),
      text('noticeConditions', true),
      text('noticePayment', false, input.paymentDates),
      text('noticeReporting', false, input.reportingDates),
      text('noticeLegalRemedies', true),
    );
  }
  // keep the closing and signature together
  blocks.push({ ...text(input.kind === 'rejection' ? 'rejectionClosing' : 'noticeClosing'), keepTogether: true });
  return {
    title,
    sender: input.authority,
    addressee: input.addressee,
    fileNumber: input.fileNumber,
    issuedAt: input.issuedAt,
    blocks,
    verificationCode: input.verificationCode,
    verificationUrl: input.verificationUrl,
    subject: input.projectTitle,
  };
}

export function renderNoticePdf(input: NoticeInput): Promise<Buffer> {
  try {
    return renderLetterPdf(noticeLetter(input));
  } catch (error) {
    return Promise.reject(error);
  }
}
