import {
  addDays,
  addMonths,
  addWorkingDays,
  MAX_WORKING_DAYS,
  berlinDate,
  deadlineFromDays,
  deadlineFromMonths,
  endOfDayBerlin,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  publicHolidays,
  Region,
  REGIONS,
} from './calendar';

describe('public holidays of the states (date-holidays)', () => {
  it('lists all eleven holidays of Saxony in 2025, with the movable feasts hung on Easter', () => {
    expect([...publicHolidays(2025, 'DE-SN')].sort()).toEqual([
      ['2025-01-01', 'Neujahr'],
      ['2025-04-18', 'Karfreitag'],
      ['2025-04-21', 'Ostermontag'],
      ['2025-05-01', 'Maifeiertag'],
      ['2025-05-29', 'Christi Himmelfahrt'], // Easter + 39
      ['2025-06-09', 'Pfingstmontag'], // Easter + 50
      ['2025-10-03', 'Tag der Deutschen Einheit'],
      ['2025-10-31', 'Reformationstag'],
      ['2025-11-19', 'Buß- und Bettag'],
      ['2025-12-25', '1. Weihnachtstag'],
      ['2025-12-26', '2. Weihnachtstag'],
    ]);
  });

  it.each([
    [2008, '2008-03-24'], // early Easter
    [2027, '2027-03-29'],
    [2038, '2038-04-26'], // latest possible Easter
  ])('finds Easter Monday %i on %s', (year, date) => expect(publicHolidays(year, 'DE-SN').get(date)).toBe('Ostermontag'));

  it('gives Saxony-Anhalt Epiphany instead of Buß- und Bettag', () => {
    const st = publicHolidays(2025, 'DE-ST');
    expect(st.size).toBe(11);
    expect(st.get('2025-01-06')).toBe('Heilige Drei Könige');
    expect(st.has('2025-11-19')).toBe(false);
    expect(publicHolidays(2025, 'DE-SN').has('2025-01-06')).toBe(false);
  });

  it.each<[Region, string, string]>([
    ['DE-SN', '2026-11-18', 'Buß- und Bettag'],
    ['DE-SN', '2026-10-31', 'Reformationstag'],
    ['DE-BB', '2026-10-31', 'Reformationstag'],
    ['DE-HB', '2026-10-31', 'Reformationstag'], // since 2018 in the four northern states
    ['DE-NI', '2026-10-31', 'Reformationstag'],
    ['DE-BY', '2026-06-04', 'Fronleichnam'],
    ['DE-NW', '2026-06-04', 'Fronleichnam'],
    ['DE-BE', '2026-03-08', 'Internationaler Frauentag'],
    ['DE-MV', '2026-03-08', 'Internationaler Frauentag'], // since 2023
    ['DE-TH', '2026-09-20', 'Weltkindertag'],
    ['DE-BW', '2026-11-01', 'Allerheiligen'],
    ['DE-SL', '2026-08-15', 'Mariä Himmelfahrt'],
  ])('%s: %s is %s', (region, date, name) => {
    expect(publicHolidays(Number(date.slice(0, 4)), region).get(date)).toBe(name);
  });

  it('counts only statewide public holidays, not observances or local ones', () => {
    const sn = publicHolidays(2026, 'DE-SN');
    expect(sn.has('2026-06-04')).toBe(false); // Fronleichnam only in some Sorbian communities
    expect(sn.has('2026-11-01')).toBe(false); // Allerheiligen
    expect(sn.has('2026-12-24')).toBe(false); // Heiliger Abend: a bank holiday from 14:00
    expect(publicHolidays(2026, 'DE-BY').has('2026-08-15')).toBe(false); // Mariä Himmelfahrt only in Catholic communities
    expect(publicHolidays(2026, 'DE-BE').has('2026-10-31')).toBe(false);
    expect(publicHolidays(2018, 'DE-BE').has('2018-03-08')).toBe(false); // Frauentag from 2019
  });

  it('knows every state', () => {
    for (const region of REGIONS) {
      const h = publicHolidays(2026, region);
      expect(h.get('2026-10-03')).toBe('Tag der Deutschen Einheit');
      expect(h.size).toBeGreaterThanOrEqual(9);
      expect([...h.keys()].every((d) => /^2026-\d{2}-\d{2}$/.test(d))).toBe(true);
    }
  });

  it('keeps calendar dates whatever the time zone of the process', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        const year = zone === 'Pacific/Kiritimati' ? 2031 : 2032; // years nobody cached in the other time zone
        const h = publicHolidays(year, 'DE-SN');
        expect(h.get(`${year}-01-01`)).toBe('Neujahr');
        expect(h.get(`${year}-12-26`)).toBe('2. Weihnachtstag');
      }
    } finally {
      process.env.TZ = tz;
    }
  });

  it('hands out a copy, so callers cannot change the calendar', () => {
    publicHolidays(2026, 'DE-SN').delete('2026-12-25');
    expect(isWorkingDay('2026-12-25', 'DE-SN')).toBe(false);
    expect(publicHolidays(2026, 'DE-SN').has('2026-12-25')).toBe(true);
  });

  it('refuses a region that is no German state', () => {
    expect(() => publicHolidays(2026, 'DE-XX' as Region)).toThrow(/no holiday calendar/);
    expect(() => publicHolidays(2026, 'AT-9' as Region)).toThrow(/no holiday calendar/);
    expect(() => isWorkingDay('2026-11-21', 'DE-XX' as Region)).toThrow(/no holiday calendar/); // even on a Saturday
  });
});

describe('Buß- und Bettag (Saxony only)', () => {
  it.each([
    [2022, '2022-11-16'], // 23 Nov is a Wednesday: strictly before means the week earlier
    [2024, '2024-11-20'],
    [2025, '2025-11-19'],
    [2026, '2026-11-18'],
    [2027, '2027-11-17'],
    [2028, '2028-11-22'], // 22 Nov itself is a Wednesday
  ])('%i: %s', (year, date) => {
    expect(publicHolidays(year, 'DE-SN').get(date)).toBe('Buß- und Bettag');
    expect(isWorkingDay(date, 'DE-SN')).toBe(false);
    expect(isWorkingDay(date, 'DE-ST')).toBe(true);
  });
});

describe('working days and deadlines', () => {
  it('knows weekends, holidays on weekdays and ordinary days', () => {
    expect(isWorkingDay('2026-11-21', 'DE-SN')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22', 'DE-SN')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-03', 'DE-SN')).toBe(false); // Karfreitag
    expect(isWorkingDay('2026-11-23', 'DE-SN')).toBe(true); // Monday
    expect(isWorkingDay('2027-01-06', 'DE-SN')).toBe(true); // Wednesday, Epiphany is not a holiday in Saxony
    expect(isWorkingDay('2027-01-06', 'DE-ST')).toBe(false);
  });

  it('counts 10 working days across weekends and Buß- und Bettag', () => {
    // from Mon 9 Nov 2026: 10 11 12 13 | 16 17 (18 holiday) 19 20 | 23 24
    expect(addWorkingDays('2026-11-09', 10, 'DE-SN')).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-09', 10, 'DE-ST')).toBe('2026-11-23'); // 18th counts there
    // Fri 13 Nov + 3: Mon 16, Tue 17, (Wed 18), Thu 19
    expect(addWorkingDays('2026-11-13', 3, 'DE-SN')).toBe('2026-11-19');
    expect(addWorkingDays('2026-11-13', 0, 'DE-SN')).toBe('2026-11-13');
    for (const n of [-1, 1.5, NaN, MAX_WORKING_DAYS + 1, 100_000, Infinity]) {
      expect(() => addWorkingDays('2026-11-13', n, 'DE-SN')).toThrow(expect.objectContaining({ code: 'WORKING_DAYS_OUT_OF_RANGE' }));
    }
    // the largest allowed count is computed, and quickly (a year and a half of days at most)
    expect(addWorkingDays('2026-11-13', MAX_WORKING_DAYS, 'DE-SN') < '2028-06-01').toBe(true);
  });

  it('moves a deadline ending on a Sunday, on Reformation Day or at Christmas to the next working day', () => {
    expect(nextWorkingDayOnOrAfter('2026-11-22', 'DE-SN')).toBe('2026-11-23'); // Sunday → Monday
    expect(nextWorkingDayOnOrAfter('2025-10-31', 'DE-SN')).toBe('2025-11-03'); // Friday holiday, then the weekend
    expect(nextWorkingDayOnOrAfter('2026-12-25', 'DE-SN')).toBe('2026-12-28'); // Fri 25, Sat 26, Sun 27
    expect(nextWorkingDayOnOrAfter('2026-11-23', 'DE-SN')).toBe('2026-11-23'); // a working day stays
    expect(deadlineFromDays('2026-10-01', 30, 'DE-SN')).toBe('2026-11-02'); // Sat 31 Oct (also Reformationstag)
    expect(deadlineFromDays('2025-10-01', 30, 'DE-ST')).toBe('2025-11-03'); // Fri 31 Oct 2025
    expect(deadlineFromDays('2025-11-25', 30, 'DE-SN')).toBe('2025-12-29'); // Thu 25, Fri 26 Dec, weekend
  });

  it("moves a deadline past the state's own holidays", () => {
    expect(nextWorkingDayOnOrAfter('2026-06-04', 'DE-BY')).toBe('2026-06-05'); // Thu Fronleichnam → Fri
    expect(nextWorkingDayOnOrAfter('2026-06-04', 'DE-SN')).toBe('2026-06-04');
    expect(deadlineFromDays('2027-02-06', 30, 'DE-BE')).toBe('2027-03-09'); // Mon 8 Mar 2027, Frauentag
    expect(deadlineFromDays('2027-02-06', 30, 'DE-BB')).toBe('2027-03-08');
    expect(deadlineFromDays('2027-08-21', 30, 'DE-TH')).toBe('2027-09-21'); // Mon 20 Sep 2027, Weltkindertag
    expect(deadlineFromMonths('2027-10-01', 1, 'DE-BW')).toBe('2027-11-02'); // Mon 1 Nov 2027, Allerheiligen
    expect(deadlineFromMonths('2027-10-01', 1, 'DE-HE')).toBe('2027-11-01');
    expect(addWorkingDays('2028-10-30', 1, 'DE-NI')).toBe('2028-11-01'); // Tue 31 Oct 2028, Reformationstag
    expect(addWorkingDays('2028-10-30', 1, 'DE-HE')).toBe('2028-10-31');
    expect(addWorkingDays('2027-11-16', 1, 'DE-SN')).toBe('2027-11-18'); // Wed 17 Nov 2027, Buß- und Bettag
    expect(addWorkingDays('2027-11-16', 1, 'DE-TH')).toBe('2027-11-17');
  });

  it('counts months with the end-of-month rule, then moves off a non-working day', () => {
    expect(deadlineFromMonths('2027-01-31', 1, 'DE-SN')).toBe('2027-03-01'); // 28 Feb 2027 is a Sunday
    expect(deadlineFromMonths('2026-12-06', 1, 'DE-SN')).toBe('2027-01-06');
    expect(deadlineFromMonths('2026-12-06', 1, 'DE-ST')).toBe('2027-01-07'); // Epiphany
  });
});

describe('date arithmetic', () => {
  it('adds days across month, leap day and year', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // unaffected by the clock change on 29 March
  });

  it('adds months with the end-of-month clamp (§ 188 BGB)', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-22', 1)).toBe('2026-12-22');
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(() => addDays('2026-02-30', 0)).toThrow(RangeError);
    expect(() => addMonths('22.11.2026', 1)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-13-01', 'DE-SN')).toThrow(RangeError);
  });
});

describe('time in Germany', () => {
  it('gives the last millisecond of a day in winter and summer time', () => {
    expect(endOfDayBerlin('2024-03-15').toISOString()).toBe('2024-03-15T22:59:59.999Z'); // CET
    expect(endOfDayBerlin('2024-07-15').toISOString()).toBe('2024-07-15T21:59:59.999Z'); // CEST
    expect(endOfDayBerlin('2024-03-30').toISOString()).toBe('2024-03-30T22:59:59.999Z'); // clocks go forward that night
    expect(endOfDayBerlin('2024-03-31').toISOString()).toBe('2024-03-31T21:59:59.999Z'); // a 23-hour day
    expect(endOfDayBerlin('2024-10-26').toISOString()).toBe('2024-10-26T21:59:59.999Z'); // clocks go back that night
    expect(endOfDayBerlin('2024-10-27').toISOString()).toBe('2024-10-27T22:59:59.999Z'); // a 25-hour day
  });

  it('gives the date in Germany of an instant', () => {
    expect(berlinDate(new Date('2024-03-15T23:30:00Z'))).toBe('2024-03-16');
    expect(berlinDate(new Date('2024-03-15T22:59:59.999Z'))).toBe('2024-03-15');
    expect(berlinDate(new Date('2024-07-15T21:59:59.999Z'))).toBe('2024-07-15');
    expect(berlinDate(new Date('2024-07-15T22:00:00Z'))).toBe('2024-07-16');
  });

  it('agrees with itself at the end of a Stichtag', () => {
    const end = endOfDayBerlin('2024-03-15'); // first FRL LIfD call deadline
    expect(berlinDate(end)).toBe('2024-03-15');
    expect(berlinDate(new Date(end.getTime() + 1))).toBe('2024-03-16');
  });
});
