import { centsDecimalComma, csvCell, neutralise } from './programme-report-format';

describe('programme report formats', () => {
  it('writes cents with a decimal comma and no thousands separator', () => {
    expect([centsDecimalComma(0), centsDecimalComma(5), centsDecimalComma(123_456_789), centsDecimalComma(-1_050)]).toEqual(['0,00', '0,05', '1234567,89', '-10,50']);
  });

  it('neutralises what a spreadsheet would run as a formula, and only that', () => {
    expect(['=1+1', '+49 371', '-x', '@SUM(A1)', '\tx', 'Stadt Mittweida', ''].map(neutralise)).toEqual(["'=1+1", "'+49 371", "'-x", "'@SUM(A1)", "'\tx", 'Stadt Mittweida', '']);
    // numbers are written by us, never neutralised: a negative amount stays a number
    expect(csvCell({ key: 'x', header: 'x', type: 'euro' }, -250)).toBe('-2,50');
    expect(csvCell({ key: 'x', header: 'x', type: 'days' }, 12.34)).toBe('12,3');
  });
});
