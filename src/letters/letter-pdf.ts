// The one layout of every letter the agency sends (notices, and soon payment advice, settlement, revocation):
// letterhead, return address and addressee in the window-envelope field (DIN 5008, form B), an information block
// with file number and date, the title, text blocks and tables, and on every page the verification code and URL.
// The layout knows nothing of what a letter decides: callers hand it wording (already filled) and tables.
//
// Determinism: a stored letter is identified by its SHA-256, so a retried job must produce the identical bytes.
// The only date in a letter is the Berlin calendar date of a stored instant (`issuedAt`); CreationDate/ModDate are
// that instant, and pdfkit writes dates in UTC and derives the trailer /ID from the info dictionary. Nothing else
// depends on the clock, the process's time zone or randomness.
import type PDFDocumentClass from 'pdfkit';
import { berlinDate } from '../platform/calendar/calendar';
import { formatDate } from '../platform/format';

/** A postal address; only `name` is certain, the rest is printed as far as it is known. */
export interface PostalAddress {
  name: string;
  contactName?: string | null;
  street?: string | null;
  buildingNumber?: string | null;
  postalCode?: string | null;
  city?: string | null;
  /** ISO 3166 alpha-2; a country other than Germany gets its own line. */
  country?: string | null;
}

export interface LetterSender {
  name: string;
  department?: string;
  street: string;
  postalCode: string;
  city: string;
  email?: string;
}

export interface LetterColumn {
  width: number; // share of the text width, e.g. 0.7
  align: 'left' | 'right';
}

export interface LetterRow {
  cells: string[];
  kind?: 'header' | 'section' | 'total';
}

export type LetterBlock =
  /** Wording; empty lines give space, `1. …` lines get a hanging indent; `headed`: a first line followed by an empty line is a heading. */
  | { type: 'text'; text: string; headed?: boolean; keepTogether?: boolean }
  /** A ruled table with a heading and lines above it; header rows repeat after a page break. */
  | { type: 'table'; heading: string; lines?: string[]; columns: LetterColumn[]; rows: LetterRow[] };

export interface LetterInput {
  title: string;
  sender: LetterSender;
  addressee: PostalAddress;
  fileNumber: string;
  /** The stored instant the letter was issued at; the printed date is its calendar date in Germany. */
  issuedAt: Date;
  blocks: LetterBlock[];
  /** Notices carry a code anyone can verify; an informal letter (payment advice) carries none and prints no such line. */
  verificationCode?: string;
  verificationUrl?: string;
  /** Metadata of the PDF. */
  subject?: string;
}

const MM = 72 / 25.4;
const LEFT = 25 * MM; // DIN 5008: text and address start 25 mm from the left edge
const RIGHT = 20 * MM;
const TOP = 20 * MM;
const BOTTOM = 27 * MM; // room for the footer
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 10;

/** The printed date of a letter: the calendar date in Germany of the instant, e.g. `01.01.2027` for 2026-12-31T23:30Z. */
export function letterDate(instant: Date): string {
  return formatDate(berlinDate(instant));
}

/** The addressee's lines as printed: name, contact, street and number, postcode and city, country if not Germany. */
export function addressLines(a: PostalAddress): string[] {
  const clean = (s?: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const street = [clean(a.street), clean(a.buildingNumber)].filter(Boolean).join(' ');
  const place = [clean(a.postalCode), clean(a.city)].filter(Boolean).join(' ');
  const country = clean(a.country).toUpperCase();
  const countryName = country && country !== 'DE' ? (new Intl.DisplayNames(['de'], { type: 'region' }).of(country) ?? country).toUpperCase() : '';
  return [clean(a.name) || '—', clean(a.contactName), street, place, countryName].filter(Boolean);
}

type Doc = PDFKit.PDFDocument;

// pdfkit (with fontkit and its tables) takes ~120 ms to load: required with the first letter, not at every start
let pdfkit: typeof PDFDocumentClass | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PDFDocument = (): typeof PDFDocumentClass => (pdfkit ??= require('pdfkit') as typeof PDFDocumentClass);

const maxY = (doc: Doc) => doc.page.height - BOTTOM;
const textWidth = (doc: Doc) => doc.page.width - LEFT - RIGHT;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > maxY(doc)) doc.addPage();
}

function renderLetterhead(doc: Doc, input: LetterInput): void {
  const s = input.sender;
  const width = textWidth(doc);
  doc.font(BOLD).fontSize(13).text(s.name, LEFT, 15 * MM, { width });
  doc.font(FONT).fontSize(9).fillColor('#404040');
  if (s.department) doc.text(s.department, { width });
  doc.text(`${s.street} · ${s.postalCode} ${s.city}`, { width });
  if (s.email) doc.text(s.email, { width });
  doc.fillColor('black');
  const ruleY = Math.max(doc.y + 4, 38 * MM);
  doc.save().lineWidth(0.75).moveTo(LEFT, ruleY).lineTo(LEFT + width, ruleY).stroke().restore();

  // Window envelope field (form B): 45 mm from the top, 85 mm wide; return address at the foot of the 17.7 mm note zone.
  const fieldWidth = 80 * MM;
  const returnAddress = `${s.name} · ${s.street} · ${s.postalCode} ${s.city}`;
  let returnSize = 7;
  doc.font(FONT);
  while (returnSize > 5 && doc.fontSize(returnSize).widthOfString(returnAddress) > fieldWidth) returnSize -= 0.25;
  doc.fontSize(returnSize).fillColor('#606060').text(returnAddress, LEFT, 57 * MM, { width: fieldWidth + 20, lineBreak: false });
  doc.save().lineWidth(0.3).strokeColor('#a0a0a0').moveTo(LEFT, 57 * MM + returnSize + 2).lineTo(LEFT + Math.min(fieldWidth, doc.widthOfString(returnAddress)), 57 * MM + returnSize + 2).stroke().restore();
  doc.fillColor('black').font(FONT).fontSize(SIZE);
  let y = 63.5 * MM;
  for (const line of addressLines(input.addressee).slice(0, 6)) {
    doc.text(line, LEFT, y, { width: fieldWidth, lineBreak: false, ellipsis: true });
    y += doc.currentLineHeight(true) + 1;
  }

  // Information block to the right of the address field.
  const infoX = 125 * MM;
  const infoWidth = doc.page.width - RIGHT - infoX;
  const info: [string, string][] = [
    ['Aktenzeichen', input.fileNumber],
    ['Datum', letterDate(input.issuedAt)],
  ];
  let iy = 50 * MM;
  for (const [label, value] of info) {
    doc.font(FONT).fontSize(7.5).fillColor('#606060').text(label, infoX, iy, { width: infoWidth });
    doc.font(FONT).fontSize(SIZE).fillColor('black').text(value, infoX, doc.y, { width: infoWidth });
    iy = doc.y + 4;
  }

  // Fold marks and hole mark on the left edge (form B).
  doc.save().lineWidth(0.5).strokeColor('#808080');
  for (const [mm, len] of [[105, 5], [148.5, 7], [210, 5]] as const) doc.moveTo(3.5 * MM, mm * MM).lineTo((3.5 + len) * MM, mm * MM).stroke();
  doc.restore();

  doc.x = LEFT;
  doc.y = 98.5 * MM;
}

/** Lays out one text block: empty lines give space, `1. …` lines get a hanging indent. */
function renderText(doc: Doc, text: string, headed: boolean): void {
  const lines = text.split('\n');
  const width = textWidth(doc);
  doc.font(FONT).fontSize(SIZE);
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      doc.moveDown(0.6);
      return;
    }
    if (headed && i === 0 && (lines[1] ?? '').trim() === '') {
      ensureSpace(doc, 70); // no heading alone at the bottom of a page
      doc.font(BOLD).fontSize(11).text(line, LEFT, doc.y, { width });
      doc.font(FONT).fontSize(SIZE);
      return;
    }
    const numbered = /^(\d+\.)\s+(.*)$/.exec(line);
    if (numbered) {
      const indent = 18;
      ensureSpace(doc, doc.currentLineHeight(true) * 2);
      const y = doc.y;
      doc.text(numbered[1], LEFT, y, { width: indent, lineBreak: false });
      doc.text(numbered[2], LEFT + indent, y, { width: width - indent, align: 'left' });
      doc.moveDown(0.35);
      return;
    }
    ensureSpace(doc, doc.currentLineHeight(true));
    doc.text(line, LEFT, doc.y, { width, align: 'left' });
  });
  doc.moveDown(0.8);
}

function renderTable(doc: Doc, block: Extract<LetterBlock, { type: 'table' }>): void {
  const width = textWidth(doc);
  ensureSpace(doc, 120);
  doc.font(BOLD).fontSize(11).text(block.heading, LEFT, doc.y, { width });
  doc.font(FONT).fontSize(9);
  for (const line of block.lines ?? []) doc.text(line, LEFT, doc.y, { width });
  doc.moveDown(0.5);

  const pad = 4;
  const columns = block.columns.map((c) => ({ width: c.width * width, align: c.align }));
  const header = block.rows.find((r) => r.kind === 'header');
  const rowHeight = (row: LetterRow) => {
    doc.font(row.kind ? BOLD : FONT).fontSize(9);
    return Math.max(...row.cells.map((c, i) => doc.heightOfString(c || ' ', { width: columns[i].width - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (row: LetterRow) => {
    const h = rowHeight(row);
    if (doc.y + h > maxY(doc)) {
      doc.addPage();
      if (header && row !== header) drawRow(header);
    }
    const y = doc.y;
    if (row.kind === 'header' || row.kind === 'section') {
      doc.save().rect(LEFT, y, width, h).fill(row.kind === 'header' ? '#d9d9d9' : '#f0f0f0').restore();
    }
    doc.fillColor('black').font(row.kind ? BOLD : FONT).fontSize(9);
    let x = LEFT;
    row.cells.forEach((cell, i) => {
      doc.text(cell, x + pad, y + pad, { width: columns[i].width - 2 * pad, align: columns[i].align });
      x += columns[i].width;
    });
    doc
      .save()
      .lineWidth(row.kind === 'total' ? 1 : 0.5)
      .strokeColor('#808080')
      .moveTo(LEFT, y + h)
      .lineTo(LEFT + width, y + h)
      .stroke()
      .restore();
    doc.x = LEFT;
    doc.y = y + h;
  };
  block.rows.forEach(drawRow);
  doc.font(FONT).fontSize(SIZE).fillColor('black');
  doc.x = LEFT;
  doc.moveDown(1);
}

function renderFooters(doc: Doc, input: LetterInput): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    const y = doc.page.height - 18 * MM;
    const width = textWidth(doc);
    doc.save().lineWidth(0.5).strokeColor('#808080').moveTo(LEFT, y - 5).lineTo(LEFT + width, y - 5).stroke().restore();
    const page = `Seite ${i - range.start + 1} von ${range.count}`;
    const lines = input.verificationCode
      ? [
          `${input.title} · Aktenzeichen ${input.fileNumber} · Prüfcode: ${input.verificationCode} · ${page}`,
          // never wrapped: the URL must be readable (and extractable) in one piece
          `Echtheit prüfen: ${input.verificationUrl}`,
        ]
      : [`${input.title} · Aktenzeichen ${input.fileNumber} · ${page}`];
    doc.font(FONT).fillColor('#404040');
    lines.forEach((line, n) => {
      let size = 7.5;
      while (size > 5 && doc.fontSize(size).widthOfString(line) > width) size -= 0.25;
      doc.fontSize(size).text(line, LEFT, y + n * 10, { width: width + 40, align: 'left', lineBreak: false });
    });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

// pdfkit parses a standard font's metrics (widths and some 2,700 kerning pairs) anew for every document, and measures
// and encodes every word glyph by glyph each time it is wrapped or written. The metrics never change, so the process
// parses the letter's two fonts once and every letter shares them, with the width and encoding of each string
// remembered. pdfkit has no public hook for this: `LetterDocument.font()` puts the shared font object into the
// document's font table exactly as pdfkit's own `font()` would (same id, same name, same prototype), so the bytes stay
// the same (letter-pdf.spec.ts compares them with a plain pdfkit document's).
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfkit's font objects are internal and untyped */
interface SharedFont {
  /** pdfkit's AFM metrics, parsed once. */
  metrics: any;
  /** A prototype over pdfkit's StandardFont whose measuring and encoding remember their answers. */
  proto: any;
}
let sharedFonts: Map<string, SharedFont> | undefined;
const MEMO_LIMIT = 20_000; // strings per font; letters vary in names and figures, so the memo is emptied when full

function fontsShared(): Map<string, SharedFont> {
  if (sharedFonts) return sharedFonts;
  const probe = new (PDFDocument())({ autoFirstPage: false }) as any;
  const fonts = new Map<string, SharedFont>();
  for (const name of [FONT, BOLD]) {
    const standard = probe.font(name)._font;
    const widths = new Map<string, number>();
    const encodings = new Map<string, [string[], unknown[]]>();
    const proto = Object.create(Object.getPrototypeOf(standard), {
      // as StandardFont.widthOfString: the sum of the advances in thousandths of the size, then scaled
      widthOfString: {
        value(this: any, string: string, size: number) {
          const key = `${string}`;
          let width = widths.get(key);
          if (width === undefined) {
            width = 0;
            for (const advance of this.font.advancesForGlyphs(this.font.glyphsForString(key))) width += advance;
            if (widths.size >= MEMO_LIMIT) widths.clear();
            widths.set(key, width);
          }
          return width * (size / 1000);
        },
      },
      // pdfkit only reads the arrays encode() answers, so one answer serves every document
      encode: {
        value(this: any, text: string) {
          const key = `${text}`;
          let encoded = encodings.get(key);
          if (!encoded) {
            encoded = Object.getPrototypeOf(proto).encode.call(this, key) as [string[], unknown[]];
            if (encodings.size >= MEMO_LIMIT) encodings.clear();
            encodings.set(key, encoded);
          }
          return encoded;
        },
      },
    });
    fonts.set(name, { metrics: standard.font, proto });
  }
  return (sharedFonts = fonts);
}

let letterDocument: typeof PDFDocumentClass | undefined;
const LetterDocument = (): typeof PDFDocumentClass => (letterDocument ??= letterDocumentClass(PDFDocument()));

function letterDocumentClass(Base: typeof PDFDocumentClass): typeof PDFDocumentClass {
  return class LetterDocument extends Base {
    // pdfkit calls font() from its constructor for the default font (Helvetica) too
    font(src: any, family?: any, size?: any): this {
      const self = this as any;
      const shared = typeof src === 'string' && typeof family !== 'string' ? fontsShared().get(src) : undefined;
      if (shared && !self._fontFamilies[src]) {
        // what pdfkit's font() does for a standard font it has not opened yet, without parsing the metrics again
        const m = shared.metrics;
        const font = Object.create(shared.proto);
        Object.assign(font, { document: this, name: m.name, id: `F${++self._fontCount}`, font: m });
        Object.assign(font, { ascender: m.ascender, descender: m.descender, bbox: m.bbox, lineGap: m.lineGap, xHeight: m.xHeight, capHeight: m.capHeight });
        self._fontFamilies[src] = font;
      }
      return super.font(src, family, size);
    }
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Renders a letter as PDF; the same input gives the same bytes. */
export function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  return render(input, LetterDocument());
}

/** The same letter through plain pdfkit, fonts parsed per document: only for the spec that compares the bytes. */
export function renderLetterPdfPlain(input: LetterInput): Promise<Buffer> {
  return render(input, PDFDocument());
}

function render(input: LetterInput, Document: typeof PDFDocumentClass): Promise<Buffer> {
  if (!(input.issuedAt instanceof Date) || Number.isNaN(input.issuedAt.getTime())) throw new Error('a letter needs the instant it was issued at');
  const doc = new Document({
    size: 'A4',
    margins: { top: TOP, left: LEFT, right: RIGHT, bottom: BOTTOM },
    bufferPages: true,
    compress: true,
    info: {
      Title: `${input.title} ${input.fileNumber}`,
      Author: input.sender.name,
      Subject: input.subject ?? input.title,
      ...(input.verificationCode ? { Keywords: `Prüfcode ${input.verificationCode}` } : {}),
      Creator: 'Förderwerk',
      Producer: 'Förderwerk',
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
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
    doc.font(BOLD).fontSize(14).text(input.title, LEFT, doc.y, { width: textWidth(doc) });
    doc.font(FONT).fontSize(SIZE).moveDown(0.8);
    for (const block of input.blocks) {
      if (block.type === 'table') renderTable(doc, block);
      else {
        if (block.keepTogether) ensureSpace(doc, doc.heightOfString(block.text, { width: textWidth(doc) }) + 20);
        renderText(doc, block.text, !!block.headed);
      }
    }
    renderFooters(doc, input);
  } catch (error) {
    doc.end();
    return Promise.reject(error);
  }
  doc.end();
  return done;
}
