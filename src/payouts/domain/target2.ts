// TARGET2 (T2) closing days: the euro payment system settles on every weekday except 1 January, Good Friday,
// Easter Monday, 1 May, 25 and 26 December (ECB). A SEPA file's requested execution date must be a settlement day.

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher), as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The T2 closing days of a year other than weekends, with their names (for messages). */
export function target2Holidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  return new Map([
    [`${year}-01-01`, "New Year's Day"],
    [shift(easter, -2), 'Good Friday'],
    [shift(easter, 1), 'Easter Monday'],
    [`${year}-05-01`, 'Labour Day'],
    [`${year}-12-25`, 'Christmas Day'],
    [`${year}-12-26`, 'Boxing Day'],
  ]);
}

/** Why a date is not a TARGET2 business day (e.g. `Saturday`, `Good Friday`), or null when it is one. */
export function target2Closure(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new Error(`not a calendar date: ${date}`);
  }
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 6) return 'Saturday';
  if (weekday === 0) return 'Sunday';
  return target2Holidays(Number(date.slice(0, 4))).get(date) ?? null;
}

export function isTarget2BusinessDay(date: string): boolean {
  return target2Closure(date) === null;
}

/** The first TARGET2 business day on or after the date. */
export function nextTarget2BusinessDay(date: string): string {
  let d = date;
  while (!isTarget2BusinessDay(d)) d = shift(d, 1);
  return d;
}
