import { toCsv } from './csv';

const row = (...cells: unknown[]) => toCsv(['a'], [cells]).split('\r\n')[1];

describe('toCsv', () => {
  it('writes a header line and CRLF line ends, also without rows', () => {
    expect(toCsv(['rank', 'title'], [[1, 'Lab'], [2, 'Raum']])).toBe('rank,title\r\n1,Lab\r\n2,Raum\r\n');
    expect(toCsv(['rank', 'title'], [])).toBe('rank,title\r\n');
  });

  it('leaves plain values alone and writes booleans as words, nothing for null', () => {
    expect(row('Makerspace Mittweida')).toBe('Makerspace Mittweida');
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], [[4.25, true, false, null, '']])).toBe('a,b,c,d,e\r\n4.25,true,false,,\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(row('Lab, Leipzig')).toBe('"Lab, Leipzig"');
    expect(row('Der "Raum"')).toBe('"Der ""Raum"""');
    expect(toCsv(['a'], [['a\nb'], ['c\rd']])).toBe('a\r\n"a\nb"\r\n"c\rd"\r\n');
  });

  it('defuses spreadsheet formulas, also behind tab and carriage return', () => {
    expect(row('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(row('+49 3727')).toBe(`'+49 3727`);
    expect(row('-1+1')).toBe(`'-1+1`);
    expect(row('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(row('\t=1')).toBe(`'\t=1`);
    expect(toCsv(['a'], [['\r=1']])).toBe(`a\r\n"'\r=1"\r\n`);
    expect(row('1=1')).toBe('1=1');
  });

  it('keeps negative numbers as numbers', () => {
    expect(row(-3)).toBe('-3');
  });
});
