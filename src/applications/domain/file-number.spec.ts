import { formatFileNumber } from './file-number';

describe('formatFileNumber', () => {
  it('pads the running number to six digits', () => {
    expect(formatFileNumber('LIfD', '2024-1', 123)).toBe('LIfD-2024-1-000123');
    expect(formatFileNumber('LIfD', '2024-1', 1)).toBe('LIfD-2024-1-000001');
    expect(formatFileNumber('DOST', '2026', 999999)).toBe('DOST-2026-999999');
  });

  it('grows beyond six digits instead of cutting', () => {
    expect(formatFileNumber('DOST', '2026', 1234567)).toBe('DOST-2026-1234567');
  });

  it('refuses a running number that is not a positive whole number', () => {
    for (const seq of [0, -1, 1.5, Number.NaN]) expect(() => formatFileNumber('LIfD', '2024-1', seq)).toThrow(RangeError);
  });
});
