import { ibanProblem, normaliseIban } from './iban';

describe('IBAN', () => {
  it.each(['DE89 3704 0044 0532 0130 00', 'de89370400440532013000', 'AT61 1904 3002 3457 3201', 'NL91 ABNA 0417 1643 00', 'GB82 WEST 1234 5698 7654 32'])('accepts %s', (iban) => {
    expect(ibanProblem(iban)).toBeNull();
  });

  it('refuses a changed digit, a swapped pair and a wrong length', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 01')).toBe('fails the check digit test (mod 97)');
    expect(ibanProblem('DE89 3704 0044 0523 0130 00')).toBe('fails the check digit test (mod 97)');
    expect(ibanProblem('DE89 3704 0044 0532 0130 0')).toBe('has the wrong length for DE');
    expect(ibanProblem('89370400440532013000')).toMatch(/country code/);
  });

  it('normalises spaces and case', () => expect(normaliseIban(' de89 3704 0044 0532 0130 00 ')).toBe('DE89370400440532013000'));
});
