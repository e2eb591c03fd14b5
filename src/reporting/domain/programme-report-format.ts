import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type * as ExcelJSModule from 'exceljs';

/** A column of a report part: how it is headed for people and how its value is written. */
export interface ReportColumn {
  key: string;
  header: string;
  type: 'text' | 'int' | 'euro' | 'days';
}

/** One table of a report (one CSV download, one XLSX sheet). Rows come as pages so large parts never sit in memory. */
export interface ReportPart {
  name: string;
  /** sheet name (Excel allows 31 characters) */
  title: string;
  columns: ReportColumn[];
  rows: () => AsyncIterable<Record<string, unknown>[]>;
}

/** Cells a spreadsheet would run as a formula start with one of these; a leading apostrophe makes them text (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** 123456 cents → "1234,56" (decimal comma, no thousands separator: what German spreadsheets read as a number). */
export function centsDecimalComma(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function daysDecimalComma(days: number): string {
  return String(Math.round(days * 10) / 10).replace('.', ',');
}

export function csvCell(col: ReportColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (col.type) {
    case 'euro':
      return centsDecimalComma(Number(value));
    case 'int':
      return String(value);
    case 'days':
      return daysDecimalComma(Number(value));
    default:
      return neutralise(String(value));
  }
}

/** CSV for German spreadsheet users: UTF-8 with BOM, `;`, decimal comma, CRLF; written page by page. */
export function csvStream(part: ReportPart): PassThrough {
  const out = new PassThrough();
  const csv = stringify({ delimiter: ';', record_delimiter: 'windows', bom: true, quoted_match: /[;"\r\n]/ });
  csv.pipe(out);
  void (async () => {
    try {
      await write(csv, part.columns.map((c) => c.header));
      for await (const page of part.rows()) {
        for (const row of page) await write(csv, part.columns.map((c) => csvCell(c, row[c.key])));
      }
      csv.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

/** Honours back-pressure: waits for 'drain' when the stringifier's buffer is full. */
function write(w: Writable, record: unknown): Promise<void> {
  return new Promise((resolve) => (w.write(record) ? resolve() : w.once('drain', resolve)));
}

export const EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"';

// exceljs takes ~150 ms and some 20 MB to load: required with the first XLSX export, not at every start
let exceljs: typeof ExcelJSModule | undefined;
const ExcelJS = (): typeof ExcelJSModule => (exceljs ??= require('exceljs') as typeof ExcelJSModule);

/** XLSX with one sheet per part (euro format, frozen header, autofilter), rows committed as written (exceljs streaming). */
export async function writeXlsx(parts: ReportPart[], stream: Writable): Promise<void> {
  const wb = new (ExcelJS().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
  for (const part of parts) {
    const ws = wb.addWorksheet(part.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    // exceljs looks a style up by its object and gives each new cell a copy, which it serialises to find its id (some
    // 40% of writing a large sheet); a cell given its column's own style object is looked up at once, with the same id
    const styles = part.columns.map((c) => (c.type === 'euro' ? { numFmt: EURO_FORMAT } : c.type === 'days' ? { numFmt: '0.0' } : {}));
    ws.columns = part.columns.map((c, i) => ({ key: c.key, header: c.header, width: c.type === 'text' ? 28 : 16, style: styles[i] }));
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: part.columns.length } };
    for await (const page of part.rows()) {
      for (const row of page) {
        const values: Record<string, unknown> = {};
        for (const c of part.columns) {
          const v = row[c.key];
          values[c.key] = v === null || v === undefined ? null : c.type === 'euro' ? Number(v) / 100 : c.type === 'text' ? String(v) : Number(v);
        }
        const added = ws.addRow(values);
        added.eachCell((cell, i) => {
          cell.style = styles[i - 1];
        });
        added.commit();
      }
    }
    ws.commit();
  }
  await wb.commit();
}

/** Rows already in memory (the aggregate parts are small) as one page. */
export function once(rows: Record<string, unknown>[]): () => AsyncIterable<Record<string, unknown>[]> {
  return async function* () {
    yield rows;
  };
}
