import { csvCell } from './csv';

describe('csvCell', () => {
  it('leaves plain values alone', () => {
    expect(csvCell('Makerspace Mittweida')).toBe('Makerspace Mittweida');
    expect(csvCell(4.25)).toBe('4.25');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Lab, Leipzig')).toBe('"Lab, Leipzig"');
    expect(csvCell('Der "Raum"')).toBe('"Der ""Raum"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+49 3727')).toBe(`"'+49 3727"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  });
});
