/**
 * Public holidays and deadlines of German states. Dates are calendar dates `YYYY-MM-DD`;
 * arithmetic is done in UTC so no time zone can shift a day.
 */
export type Region = 'DE-SN' | 'DE-ST';

const DAY = 86_400_000;

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return toIso(new Date(toDate(date).getTime() + days * DAY));
}

/** § 188 BGB: a month later on the same day, or the month's last day if it has no such day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return toIso(target);
}

/** Easter Sunday by the Gregorian computus (Meeus/Jones/Butcher). */
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

const holidayCache = new Map<string, Map<string, string>>();

export function publicHolidays(year: number, region: Region): Map<string, string> {
  const key = `${region}:${year}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const h = new Map<string, string>([
    [`${year}-01-01`, 'Neujahr'],
    [addDays(easter, -2), 'Karfreitag'],
    [addDays(easter, 1), 'Ostermontag'],
    [`${year}-05-01`, 'Tag der Arbeit'],
    [addDays(easter, 39), 'Christi Himmelfahrt'],
    [addDays(easter, 50), 'Pfingstmontag'],
    [`${year}-10-03`, 'Tag der Deutschen Einheit'],
    [`${year}-10-31`, 'Reformationstag'],
    [`${year}-12-25`, '1. Weihnachtstag'],
    [`${year}-12-26`, '2. Weihnachtstag'],
  ]);
  if (region === 'DE-SN') {
    // Buß- und Bettag: the last Wednesday before 23 November (Saxony only)
    const nov22 = toDate(`${year}-11-22`);
    const back = (nov22.getUTCDay() - 3 + 7) % 7;
    h.set(addDays(`${year}-11-22`, -back), 'Buß- und Bettag');
  }
  if (region === 'DE-ST') h.set(`${year}-01-06`, 'Heilige Drei Könige');
  holidayCache.set(key, h);
  return h;
}

export function isWorkingDay(date: string, region: Region): boolean {
  const weekday = toDate(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(Number(date.slice(0, 4)), region).has(date);
}

/** § 31 (3) VwVfG: a deadline ending on a weekend or public holiday ends on the next working day. */
export function nextWorkingDayOnOrAfter(date: string, region: Region): string {
  let d = date;
  while (!isWorkingDay(d, region)) d = addDays(d, 1);
  return d;
}

/** The n-th working day after `date` (which itself does not count). */
export function addWorkingDays(date: string, n: number, region: Region): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, region)) left--;
  }
  return d;
}

export function deadlineFromDays(start: string, days: number, region: Region): string {
  return nextWorkingDayOnOrAfter(addDays(start, days), region);
}

export function deadlineFromMonths(start: string, months: number, region: Region): string {
  return nextWorkingDayOnOrAfter(addMonths(start, months), region);
}

const BERLIN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Germany of an instant. */
export function berlinDate(instant: Date): string {
  return BERLIN.format(instant);
}

/** The last millisecond of a calendar day in Germany (CET or CEST). */
export function endOfDayBerlin(date: string): Date {
  const nextMidnightUtc = toDate(addDays(date, 1)).getTime();
  // Germany is UTC+1 or UTC+2: try both offsets and keep the one that lands on the next Berlin day's midnight.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(nextMidnightUtc - offsetHours * 3_600_000);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (berlinDate(candidate) === addDays(date, 1) && hour === '00') return new Date(candidate.getTime() - 1);
  }
  throw new Error(`cannot find the end of ${date} in Europe/Berlin`);
}
