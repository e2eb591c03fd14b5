/** One CSV cell: quoted where needed, and a leading = + - @ defused so a spreadsheet does not run it as a formula. */
export function csvCell(value: unknown): string {
  const text = String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}
