import { easterSunday, isTarget2BusinessDay, nextTarget2BusinessDay, target2Closure } from './target2';

describe('TARGET2 business days', () => {
  it('computes Easter Sunday (checked against published dates)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('closes on weekends and the six T2 holidays of 2027', () => {
    expect(target2Closure('2027-03-26')).toBe('Good Friday');
    expect(target2Closure('2027-03-29')).toBe('Easter Monday');
    expect(target2Closure('2027-01-01')).toBe("New Year's Day");
    expect(target2Closure('2027-05-01')).toBe('Saturday'); // weekend wins the name
    expect(target2Closure('2026-05-01')).toBe('Labour Day');
    expect(target2Closure('2026-12-25')).toBe('Christmas Day');
    expect(target2Closure('2026-12-26')).toBe('Saturday');
    expect(target2Closure('2030-12-26')).toBe('Boxing Day');
    expect(target2Closure('2027-03-27')).toBe('Saturday');
    expect(target2Closure('2027-03-28')).toBe('Sunday');
  });

  it('is open on German holidays that are not T2 holidays', () => {
    expect(isTarget2BusinessDay('2027-10-04')).toBe(true); // Monday
    expect(isTarget2BusinessDay('2026-10-05')).toBe(true);
    expect(isTarget2BusinessDay('2027-05-06')).toBe(true); // Ascension Day 2027: not a T2 holiday
    expect(isTarget2BusinessDay('2026-12-24')).toBe(true); // Christmas Eve: open
    expect(isTarget2BusinessDay('2027-03-25')).toBe(true); // Maundy Thursday
  });

  it('finds the next business day', () => {
    expect(nextTarget2BusinessDay('2027-03-26')).toBe('2027-03-30');
    expect(nextTarget2BusinessDay('2026-12-24')).toBe('2026-12-24');
    expect(nextTarget2BusinessDay('2026-12-25')).toBe('2026-12-28');
  });

  it('refuses what is not a date', () => {
    expect(() => target2Closure('2027-02-30')).toThrow('not a calendar date');
    expect(() => target2Closure('27-02-01')).toThrow('not a calendar date');
  });
});
