import { formatDate, formatEuro } from './format';

describe('German formats', () => {
  it.each([
    [0, '0,00 €'],
    [5, '0,05 €'],
    [123456, '1.234,56 €'],
    [40000000, '400.000,00 €'],
    [300000000, '3.000.000,00 €'],
    [-250001, '-2.500,01 €'],
  ])('formats %i cents as %s', (cents, text) => expect(formatEuro(cents)).toBe(text));

  it('formats dates as dd.mm.yyyy', () => {
    expect(formatDate('2026-11-22')).toBe('22.11.2026');
    expect(formatDate('2027-01-05T10:00:00Z')).toBe('05.01.2027');
  });
});
