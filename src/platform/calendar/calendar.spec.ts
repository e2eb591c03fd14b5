import {
  addMonths,
  addWorkingDays,
  berlinDate,
  deadlineFromDays,
  easterSunday,
  endOfDayBerlin,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  publicHolidays,
} from './calendar';

describe('calendar of Saxony (and Saxony-Anhalt)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('finds Easter %i on %s', (year, date) => expect(easterSunday(year)).toBe(date));

  it.each([
    [2024, '2024-11-20'],
    [2025, '2025-11-19'],
    [2026, '2026-11-18'],
    [2027, '2027-11-17'],
    [2028, '2028-11-22'],
  ])('finds Buß- und Bettag %i on %s, in Saxony only', (year, date) => {
    expect(publicHolidays(year, 'DE-SN').get(date)).toBe('Buß- und Bettag');
    expect(publicHolidays(year, 'DE-ST').has(date)).toBe(false);
  });

  it('knows the holidays that depend on Easter and Reformation Day', () => {
    const h = publicHolidays(2026, 'DE-SN');
    expect(h.get('2026-04-03')).toBe('Karfreitag');
    expect(h.get('2026-04-06')).toBe('Ostermontag');
    expect(h.get('2026-05-14')).toBe('Christi Himmelfahrt');
    expect(h.get('2026-05-25')).toBe('Pfingstmontag');
    expect(h.get('2026-10-31')).toBe('Reformationstag');
  });

  it('has Epiphany in Saxony-Anhalt, not in Saxony', () => {
    expect(isWorkingDay('2027-01-06', 'DE-SN')).toBe(true);
    expect(isWorkingDay('2027-01-06', 'DE-ST')).toBe(false);
  });

  it('counts working days across a weekend and Buß- und Bettag', () => {
    // Fri 13 Nov 2026 + 3: Mon 16, Tue 17, (Wed 18 holiday), Thu 19
    expect(addWorkingDays('2026-11-13', 3, 'DE-SN')).toBe('2026-11-19');
    expect(addWorkingDays('2026-11-13', 3, 'DE-ST')).toBe('2026-11-18');
    // 10 working days from Mon 9 Nov 2026: 10,11,12,13,16,17,19,20,23,24
    expect(addWorkingDays('2026-11-09', 10, 'DE-SN')).toBe('2026-11-24');
  });

  it('moves a deadline off a Sunday, Reformation Day and Christmas', () => {
    expect(nextWorkingDayOnOrAfter('2026-11-22', 'DE-SN')).toBe('2026-11-23'); // Sunday
    expect(nextWorkingDayOnOrAfter('2025-10-31', 'DE-SN')).toBe('2025-11-03'); // Friday holiday, then weekend
    expect(nextWorkingDayOnOrAfter('2026-12-25', 'DE-SN')).toBe('2026-12-28'); // Fri, Sat 26, Sun 27
    expect(deadlineFromDays('2026-10-01', 30, 'DE-SN')).toBe('2026-11-02'); // 31 Oct is a Saturday and a holiday
  });

  it('adds months with the end-of-month rule', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-22', 1)).toBe('2026-12-22');
  });

  it('gives the end of a day in Germany in winter and in summer time', () => {
    expect(endOfDayBerlin('2024-03-15').toISOString()).toBe('2024-03-15T22:59:59.999Z');
    expect(endOfDayBerlin('2024-07-15').toISOString()).toBe('2024-07-15T21:59:59.999Z');
    expect(endOfDayBerlin('2024-03-30').toISOString()).toBe('2024-03-30T22:59:59.999Z'); // clocks go forward that night
    expect(endOfDayBerlin('2024-10-27').toISOString()).toBe('2024-10-27T22:59:59.999Z'); // the day clocks go back
  });

  it('gives the date in Germany of an instant', () => {
    expect(berlinDate(new Date('2024-03-15T23:30:00Z'))).toBe('2024-03-16');
    expect(berlinDate(new Date('2024-07-15T21:59:59Z'))).toBe('2024-07-15');
  });
});
