/**
 * Public holidays (from date-holidays) and deadlines of German states. Dates are calendar dates `YYYY-MM-DD`;
 * arithmetic is done in UTC so no time zone can shift a day.
 */
import type Holidays from 'date-holidays';
import { ValidationError } from '../errors/domain-error';

/** The 16 German states (ISO 3166-2). */
export const REGIONS = ['DE-BW', 'DE-BY', 'DE-BE', 'DE-BB', 'DE-HB', 'DE-HH', 'DE-HE', 'DE-MV', 'DE-NI', 'DE-NW', 'DE-RP', 'DE-SL', 'DE-SN', 'DE-ST', 'DE-SH', 'DE-TH'] as const;
export type Region = (typeof REGIONS)[number];

const DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict: `2026-02-30` is refused instead of silently becoming 2 March. */
function toDate(iso: string): Date {
  const m = ISO_DATE.exec(iso);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || toIso(d) !== iso) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${iso}`);
  return d;
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function checkRegion(region: string): void {
  // The guideline schema admits any DE-XX; a state without its holidays here must fail, not count wrongly.
  if (!(REGIONS as readonly string[]).includes(region)) throw new RangeError(`no holiday calendar for region ${region}`);
}

export function addDays(date: string, days: number): string {
  return toIso(new Date(toDate(date).getTime() + days * DAY));
}

/** § 188 (2), (3) BGB / § 31 VwVfG: same day number months later, or that month's last day if it has none. */
export function addMonths(date: string, months: number): string {
  const d = toDate(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toIso(target);
}

const holidayCache = new Map<string, Map<string, string>>();
const calendars = new Map<Region, Holidays>();

/** Statewide public holidays, date → German name. (Local ones, e.g. Fronleichnam in parts of Saxony, are not counted.) */
export function publicHolidays(year: number, region: Region): Map<string, string> {
  return new Map(holidaysOf(year, region)); // a copy: callers must not be able to change the cache
}

function holidaysOf(year: number, region: Region): Map<string, string> {
  checkRegion(region);
  const key = `${region}:${year}`;
  let h = holidayCache.get(key);
  if (!h) {
    let calendar = calendars.get(region);
    if (!calendar) {
      // required on first use: its rules for every country take ~70 ms to load, and the API's start needs none
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const HolidaysOf: typeof Holidays = require('date-holidays'); // CommonJS: the class itself
      calendar = new HolidaysOf('DE', region.slice(3), { languages: ['de'], types: ['public'] });
      calendars.set(region, calendar);
    }
    // `date` is the local wall-clock start ('2026-10-31 00:00:00') in the state's own time zone: its first ten
    // characters are the calendar date, whatever the process's time zone (`start` is an instant and would shift).
    h = new Map(calendar.getHolidays(year, 'de').map((d) => [d.date.slice(0, 10), d.name] as const));
    holidayCache.set(key, h);
  }
  return h;
}

export function isWorkingDay(date: string, region: Region): boolean {
  checkRegion(region);
  const weekday = toDate(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(Number(date.slice(0, 4)), region).has(date);
}

/** § 31 (3) VwVfG: a deadline ending on a Saturday, Sunday or public holiday ends on the next working day. */
export function nextWorkingDayOnOrAfter(date: string, region: Region): string {
  let d = date;
  while (!isWorkingDay(d, region)) d = addDays(d, 1);
  return d;
}

/** No deadline counts more working days than a year has: the loop below stays short whatever a caller passes. */
export const MAX_WORKING_DAYS = 366;

/** The n-th working day after `date` (which itself does not count); n is a whole number from 0 to MAX_WORKING_DAYS. */
export function addWorkingDays(date: string, n: number, region: Region): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new ValidationError('WORKING_DAYS_OUT_OF_RANGE', `Working days must be a whole number from 0 to ${MAX_WORKING_DAYS}.`, {
      field: 'workingDays',
      max: MAX_WORKING_DAYS,
    });
  }
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

const BERLIN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Wall-clock parts in Germany; formatToParts does not depend on a locale's date layout. */
function berlinParts(instant: Date): { date: string; hour: string; minute: string } {
  const p = Object.fromEntries(BERLIN.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: p.hour, minute: p.minute };
}

/** The calendar date in Germany of an instant. */
export function berlinDate(instant: Date): string {
  return berlinParts(instant).date;
}

/** The last millisecond of a calendar day in Germany (CET or CEST, whichever holds at the following midnight). */
export function endOfDayBerlin(date: string): Date {
  const next = addDays(date, 1);
  const nextMidnightUtc = toDate(next).getTime();
  // Germany is UTC+1 or UTC+2: keep the offset at which that instant reads 00:00 on the next day in Berlin.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(nextMidnightUtc - offsetHours * 3_600_000);
    const p = berlinParts(candidate);
    if (p.date === next && p.hour === '00' && p.minute === '00') return new Date(candidate.getTime() - 1);
  }
  throw new Error(`cannot find the end of ${date} in Europe/Berlin`);
}
