import { stringify } from 'csv-stringify/sync';

/**
 * A CSV table with a header line, CRLF line ends (RFC 4180), cells quoted where needed and a cell starting with
 * = + - @ tab or carriage return defused with a leading apostrophe, so a spreadsheet does not run it as a formula.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(rows as unknown[][], {
    header: true,
    columns: [...header],
    record_delimiter: 'windows',
    // with a record delimiter set, csv-stringify quotes a lone \n or \r only when asked to
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  });
}
