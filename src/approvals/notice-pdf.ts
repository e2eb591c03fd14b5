// Renders the legally binding notices (Zuwendungsbescheid, Ablehnungsbescheid, Änderungsbescheid) as PDF.
// The wording comes from the guideline's `texts` blocks; this file only fills placeholders and lays out.
//
// Determinism: the stored PDF is identified by its SHA-256, so a retried job must produce the identical bytes.
// CreationDate/ModDate are derived from the notice date, and pdfkit's trailer /ID is an MD5 of the info
// dictionary (PDFSecurity.generateFileID), so it is fixed as well. Nothing else depends on time or randomness.
import { fillPlaceholders } from '../letters/texts';
import PDFDocument from 'pdfkit';
import { formatDate, formatEuro } from '../platform/format';

export interface NoticeLine {
  label: string;
  amountCents: number;
}

export interface NoticeInput {
  kind: 'approval' | 'rejection' | 'amendment';
  texts: Record<string, string>;
  authority: { name: string; department?: string; street: string; postalCode: string; city: string; email?: string };
  fileNumber: string;
  date: string;
  applicationDate: string;
  callTitle: string;
  addressee: { name: string; street?: string; postalCode?: string; city?: string };
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

const TITLES = { approval: 'Zuwendungsbescheid', rejection: 'Ablehnungsbescheid', amendment: 'Änderungsbescheid' } as const;

const APPROVAL_BLOCKS = ['noticeIntro', 'noticeDecision', 'noticeFundingType', 'noticeConditions', 'noticePayment', 'noticeReporting', 'noticeLegalRemedies', 'noticeClosing'];
const REJECTION_BLOCKS = ['rejectionIntro', 'rejectionReasonsIntro', 'rejectionLegalRemedies', 'rejectionClosing'];
/** Blocks whose first line (followed by an empty line) is a section heading. */
const HEADED_BLOCKS = new Set(['noticeDecision', 'noticeConditions', 'noticeLegalRemedies', 'rejectionReasonsIntro', 'rejectionLegalRemedies']);

const MARGIN = 60;
const BOTTOM_MARGIN = 75; // room for the footer
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 10;

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
    date: formatDate(input.date),
    noticeDate: formatDate(input.date),
    applicationDate: formatDate(input.applicationDate),
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new Error(`notice date must be an ISO date, got "${input.date}"`);
  const blocks = input.kind === 'rejection' ? REJECTION_BLOCKS : APPROVAL_BLOCKS;
  const missing = blocks.filter((b) => !(input.kind === 'amendment' && b === 'noticeIntro' && input.texts.amendmentIntro) && !input.texts[b]);
  if (missing.length > 0) throw new Error(`guideline texts lack the block(s) ${missing.join(', ')}`);
  if (input.kind === 'rejection') {
    if (!input.reasons || input.reasons.length === 0) throw new Error('a rejection notice needs at least one reason');
  } else if (!input.financingPlan || input.amountCents === undefined) {
    throw new Error(`an ${input.kind} notice needs amountCents and financingPlan`);
  }
}

type Doc = PDFKit.PDFDocument;

const maxY = (doc: Doc) => doc.page.height - BOTTOM_MARGIN;
const contentWidth = (doc: Doc) => doc.page.width - MARGIN * 2;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > maxY(doc)) doc.addPage();
}

/** Lays out one text block: empty lines give space, `1. …` lines get a hanging indent. */
function renderBlock(doc: Doc, text: string, headed: boolean): void {
  const lines = text.split('\n');
  const width = contentWidth(doc);
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      doc.moveDown(0.6);
      return;
    }
    if (headed && i === 0 && (lines[1] ?? '').trim() === '') {
      ensureSpace(doc, 70); // no heading alone at the bottom of a page
      doc.font(BOLD).fontSize(11).text(line, MARGIN, doc.y, { width });
      doc.font(FONT).fontSize(SIZE);
      return;
    }
    const numbered = /^(\d+\.)\s+(.*)$/.exec(line);
    if (numbered) {
      const indent = 18;
      ensureSpace(doc, doc.currentLineHeight(true) * 2);
      const y = doc.y;
      doc.text(numbered[1], MARGIN, y, { width: indent, lineBreak: false });
      doc.text(numbered[2], MARGIN + indent, y, { width: width - indent, align: 'left' });
      doc.moveDown(0.35);
      return;
    }
    ensureSpace(doc, doc.currentLineHeight(true));
    doc.text(line, MARGIN, doc.y, { width, align: 'left' });
  });
  doc.moveDown(0.8);
}

interface Column {
  width: number;
  align: 'left' | 'right';
}
interface Row {
  cells: string[];
  kind?: 'header' | 'section' | 'total';
}

/** A simple ruled table; header rows are repeated after a page break. */
function renderTable(doc: Doc, columns: Column[], rows: Row[]): void {
  const pad = 4;
  const left = MARGIN;
  const totalWidth = columns.reduce((s, c) => s + c.width, 0);
  const header = rows.find((r) => r.kind === 'header');
  const rowHeight = (row: Row) => {
    doc.font(row.kind ? BOLD : FONT).fontSize(9);
    return Math.max(...row.cells.map((c, i) => doc.heightOfString(c || ' ', { width: columns[i].width - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (row: Row) => {
    const h = rowHeight(row);
    if (doc.y + h > maxY(doc)) {
      doc.addPage();
      if (header && row !== header) drawRow(header);
    }
    const y = doc.y;
    if (row.kind === 'header' || row.kind === 'section') {
      doc.save().rect(left, y, totalWidth, h).fill(row.kind === 'header' ? '#d9d9d9' : '#f0f0f0').restore();
    }
    doc.fillColor('black').font(row.kind ? BOLD : FONT).fontSize(9);
    let x = left;
    row.cells.forEach((cell, i) => {
      doc.text(cell, x + pad, y + pad, { width: columns[i].width - 2 * pad, align: columns[i].align });
      x += columns[i].width;
    });
    doc
      .save()
      .lineWidth(row.kind === 'total' ? 1 : 0.5)
      .strokeColor('#808080')
      .moveTo(left, y + h)
      .lineTo(left + totalWidth, y + h)
      .stroke()
      .restore();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  rows.forEach(drawRow);
  doc.font(FONT).fontSize(SIZE).fillColor('black');
  doc.x = MARGIN;
  doc.moveDown(1);
}

function renderFinancingPlan(doc: Doc, input: NoticeInput): void {
  const plan = input.financingPlan!;
  const width = contentWidth(doc);
  ensureSpace(doc, 120);
  doc.font(BOLD).fontSize(11).text('Finanzierungsplan (verbindlicher Bestandteil dieses Bescheides)', MARGIN, doc.y, { width });
  doc.font(FONT).fontSize(9);
  if (input.fundingTypeLabel) doc.text(`Finanzierungsart: ${input.fundingTypeLabel}`, { width });
  if (input.fundingStart && input.fundingEnd) {
    doc.text(`Bewilligungszeitraum: ${formatDate(input.fundingStart)} bis ${formatDate(input.fundingEnd)}`, { width });
  }
  doc.moveDown(0.5);
  const amountWidth = 110;
  const columns: Column[] = [
    { width: width - amountWidth, align: 'left' },
    { width: amountWidth, align: 'right' },
  ];
  const thirdParty: NoticeLine[] = plan.thirdParty.length > 0 ? plan.thirdParty.map((l) => ({ label: `Drittmittel: ${l.label}`, amountCents: l.amountCents })) : [{ label: 'Drittmittel', amountCents: 0 }];
  const financingTotal = plan.grantCents + plan.ownContributionCents + plan.thirdParty.reduce((s, l) => s + l.amountCents, 0);
  const rows: Row[] = [
    { cells: ['Position', 'Betrag'], kind: 'header' },
    { cells: ['Ausgaben', ''], kind: 'section' },
    ...plan.costs.map((l) => ({ cells: [l.label, formatEuro(l.amountCents)] })),
    { cells: ['Gesamtausgaben', formatEuro(plan.totalCostsCents)], kind: 'total' },
    { cells: ['Finanzierung', ''], kind: 'section' },
    { cells: ['Zuwendung', formatEuro(plan.grantCents)] },
    { cells: ['Eigenanteil', formatEuro(plan.ownContributionCents)] },
    ...thirdParty.map((l) => ({ cells: [l.label, formatEuro(l.amountCents)] })),
    { cells: ['Summe', formatEuro(financingTotal)], kind: 'total' },
  ];
  renderTable(doc, columns, rows);
}

function renderReductions(doc: Doc, input: NoticeInput): void {
  const reductions = input.reductions ?? [];
  if (reductions.length === 0) return;
  const width = contentWidth(doc);
  ensureSpace(doc, 100);
  doc.font(BOLD).fontSize(11).text('Kürzungen gegenüber dem Antrag', MARGIN, doc.y, { width });
  doc.font(FONT).fontSize(SIZE).text('Folgende beantragte Ausgaben wurden nicht oder nicht in voller Höhe als zuwendungsfähig anerkannt:', { width });
  doc.moveDown(0.5);
  const columns: Column[] = [
    { width: 150, align: 'left' },
    { width: 95, align: 'right' },
    { width: width - 245, align: 'left' },
  ];
  renderTable(doc, columns, [
    { cells: ['Position', 'Kürzung um', 'Begründung'], kind: 'header' },
    ...reductions.map((r) => ({ cells: [r.label, formatEuro(r.reducedByCents), r.reason] })),
    { cells: ['Summe der Kürzungen', formatEuro(reductions.reduce((s, r) => s + r.reducedByCents, 0)), ''], kind: 'total' },
  ]);
}

function renderLetterhead(doc: Doc, input: NoticeInput): void {
  const a = input.authority;
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(13).text(a.name, MARGIN, MARGIN, { width });
  doc.font(FONT).fontSize(9).fillColor('#404040');
  if (a.department) doc.text(a.department, { width });
  doc.text(`${a.street} · ${a.postalCode} ${a.city}`, { width });
  if (a.email) doc.text(a.email, { width });
  doc.fillColor('black');
  doc.moveDown(0.4);
  doc.save().lineWidth(0.75).moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).stroke().restore();
  doc.moveDown(2);

  // Sender line and addressee, as in a window envelope.
  doc.font(FONT).fontSize(7).fillColor('#606060').text(`${a.name} · ${a.street} · ${a.postalCode} ${a.city}`, MARGIN, doc.y, { width: 300 });
  doc.fillColor('black').moveDown(0.5);
  const to = input.addressee;
  doc.font(FONT).fontSize(SIZE).text(to.name, { width: 300 });
  if (to.street) doc.text(to.street, { width: 300 });
  const place = [to.postalCode, to.city].filter(Boolean).join(' ');
  if (place) doc.text(place, { width: 300 });
  doc.moveDown(2.5);
}

function renderFooters(doc: Doc, input: NoticeInput): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    const y = doc.page.height - 50;
    doc.save().lineWidth(0.5).strokeColor('#808080').moveTo(MARGIN, y - 6).lineTo(doc.page.width - MARGIN, y - 6).stroke().restore();
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor('#404040')
      .text(`Prüfcode: ${input.verificationCode} · Echtheit prüfen: ${input.verificationUrl} · Seite ${i - range.start + 1} von ${range.count}`, MARGIN, y, {
        width: contentWidth(doc),
        align: 'center',
      });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

function introText(input: NoticeInput): string {
  if (input.kind === 'rejection') return input.texts.rejectionIntro;
  if (input.kind === 'amendment') return input.texts.amendmentIntro ?? input.texts.noticeIntro.replace(/Zuwendungsbescheid/g, 'Änderungsbescheid');
  return input.texts.noticeIntro;
}

export function renderNoticePdf(input: NoticeInput): Promise<Buffer> {
  validate(input);
  const title = TITLES[input.kind];
  const values = placeholderValues(input);
  const fill = (template: string): string => {
    const filled = fillPlaceholders(template, values);
    const left = filled.match(/\{[A-Za-z_][A-Za-z0-9_]*\}/g);
    // A legally binding document must not go out with a raw placeholder in it.
    if (left) throw new Error(`${title}: no value for placeholder(s) ${[...new Set(left)].join(', ')}`);
    return filled;
  };

  // The guideline's intro starts with the title line; the title is printed separately.
  let intro = introText(input);
  const introLines = intro.split('\n');
  if (introLines[0].trim() === title) intro = introLines.slice(1).join('\n');
  const introHasFileNumber = intro.includes('{fileNumber}');

  const instant = new Date(`${input.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM_MARGIN },
    bufferPages: true,
    compress: true,
    info: {
      Title: `${title} ${input.fileNumber}`,
      Author: input.authority.name,
      Subject: input.projectTitle,
      Keywords: `Prüfcode ${input.verificationCode}`,
      Creator: 'Förderwerk',
      Producer: 'Förderwerk',
      CreationDate: instant,
      ModDate: instant,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    renderLetterhead(doc, input);
    doc.font(BOLD).fontSize(16).text(title, MARGIN, doc.y, { width: contentWidth(doc) });
    doc.font(FONT).fontSize(SIZE).moveDown(0.5);
    if (!introHasFileNumber) {
      doc.text(`Aktenzeichen: ${input.fileNumber}`);
      doc.text(`Datum: ${formatDate(input.date)}`);
      doc.moveDown(0.6);
    }
    renderBlock(doc, fill(intro), false);

    if (input.kind === 'rejection') {
      for (const block of REJECTION_BLOCKS.slice(1)) renderBlock(doc, fill(input.texts[block]), HEADED_BLOCKS.has(block));
    } else {
      renderBlock(doc, fill(input.texts.noticeDecision), true);
      renderBlock(doc, fill(input.texts.noticeFundingType), false);
      renderFinancingPlan(doc, input);
      renderReductions(doc, input);
      renderBlock(doc, fill(input.texts.noticeConditions), true);
      renderBlock(doc, fill(input.texts.noticePayment) + (input.paymentDates ? `\n${input.paymentDates}` : ''), false);
      renderBlock(doc, fill(input.texts.noticeReporting) + (input.reportingDates ? `\n${input.reportingDates}` : ''), false);
      renderBlock(doc, fill(input.texts.noticeLegalRemedies), true);
    }
    ensureSpace(doc, 90); // keep the closing and signature together
    renderBlock(doc, fill(input.kind === 'rejection' ? input.texts.rejectionClosing : input.texts.noticeClosing), false);
    renderFooters(doc, input);
  } catch (error) {
    doc.end();
    return Promise.reject(error);
  }
  doc.end();
  return done;
}
