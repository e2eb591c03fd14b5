import { bicProblem, ibanProblem, normaliseIban, sepaIbanProblem } from './iban';

describe('ibanProblem', () => {
  // Published example IBANs of each country's format.
  it.each([
    'DE89 3704 0044 0532 0130 00',
    'de89370400440532013000',
    'AT61 1904 3002 3457 3201',
    'NL91 ABNA 0417 1643 00',
    'FR14 2004 1010 0505 0001 3M02 606',
    'PL61 1090 1014 0000 0712 1981 2874',
    'CZ65 0800 0000 1920 0014 5399',
    'CH93 0076 2011 6238 5295 7',
    'LU28 0019 4006 4475 0000',
    'BE68 5390 0754 7034',
    'DK50 0040 0440 1162 43',
    'GB82 WEST 1234 5698 7654 32',
    'BR15 0000 0000 0000 1093 2840 814 P2', // not in the length table: 15–34 is enough
  ])('accepts %s', (iban) => expect(ibanProblem(iban)).toBeNull());

  it('refuses a changed digit and two swapped digits', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 01')).toBe('fails the check digit test (mod 97)');
    expect(ibanProblem('DE89 3704 0044 0523 0130 00')).toBe('fails the check digit test (mod 97)');
    expect(ibanProblem('DE88 3704 0044 0532 0130 00')).toBe('fails the check digit test (mod 97)');
  });

  it('checks the length per country', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 0')).toBe('has the wrong length for DE');
    expect(ibanProblem('DE89 3704 0044 0532 0130 000')).toBe('has the wrong length for DE');
    expect(ibanProblem('AT61 1904 3002 3457 320')).toBe('has the wrong length for AT');
    expect(ibanProblem('XX12 3456 7890 12')).toBe('has the wrong length for XX'); // 14 < 15
    expect(ibanProblem(`XX12${'1'.repeat(31)}`)).toBe('has the wrong length for XX'); // 35 > 34
  });

  it('refuses a malformed start and stray characters', () => {
    expect(ibanProblem('89370400440532013000')).toMatch(/country code/);
    expect(ibanProblem('DEXX 3704 0044 0532 0130 00')).toMatch(/check digits/);
    expect(ibanProblem('DE89-3704-0044-0532-0130-00')).toMatch(/letters and digits/);
    expect(ibanProblem('')).toMatch(/country code/);
  });

  it('refuses letters in a German account number even when mod 97 would pass', () => {
    // DE97 3704 0044 0532 0130 A0 has correct check digits (computed independently) but a German BBAN is digits only.
    expect(ibanProblem('DE97 3704 0044 0532 0130 A0')).toBe('may only contain digits after the check digits for DE');
  });

  it('refuses check digits 00, 01 and 99, which mod 97 alone cannot tell from 97, 98 and 02', () => {
    // DE98 3704 0044 0000 0000 42 is valid; with 01 instead of 98 the remainder is still 1.
    expect(ibanProblem('DE98 3704 0044 0000 0000 42')).toBeNull();
    expect(ibanProblem('DE01 3704 0044 0000 0000 42')).toBe('has impossible check digits');
    expect(ibanProblem('DE97 3704 0044 0000 0000 60')).toBeNull();
    expect(ibanProblem('DE00 3704 0044 0000 0000 60')).toBe('has impossible check digits');
  });
});

describe('normaliseIban', () => {
  it('strips spaces and upper-cases', () => expect(normaliseIban(' de89 3704\t0044 0532 0130 00 ')).toBe('DE89370400440532013000'));
});

describe('sepaIbanProblem and bicProblem (payee accounts)', () => {
  it('accepts SEPA IBANs, also outside the EU (CH, GB, MC)', () => {
    for (const iban of ['DE89 3704 0044 0532 0130 00', 'CH93 0076 2011 6238 5295 7', 'GB82 WEST 1234 5698 7654 32', 'AT61 1904 3002 3457 3201']) expect(sepaIbanProblem(iban)).toBeNull();
  });

  it('answers a wrong checksum with IBAN_INVALID and a valid non-SEPA IBAN with IBAN_NOT_SEPA', () => {
    expect(sepaIbanProblem('DE88 3704 0044 0532 0130 00')).toEqual({ code: 'IBAN_INVALID', field: 'iban', message: 'The IBAN fails the check digit test (mod 97).' });
    expect(sepaIbanProblem('BR15 0000 0000 0000 1093 2840 814 P2')).toEqual({ code: 'IBAN_NOT_SEPA', field: 'iban', message: expect.stringContaining('BR') });
    expect(sepaIbanProblem('XX12 3456 7890 1234 56')?.code).toBe('IBAN_INVALID');
  });

  it('checks the account format of the country (NL has four letters of bank code)', () => {
    expect(ibanProblem('NL91 1234 0417 1643 00')).toBe('does not have the account number format of NL');
  });

  it('checks BICs of 8 and 11 characters, in any case, with a real country', () => {
    expect(bicProblem('COBADEFFXXX')).toBeNull();
    expect(bicProblem('cobadeff')).toBeNull();
    expect(bicProblem('COBA DE FF')).toBeNull();
    expect(bicProblem('COBADEF')?.code).toBe('BIC_INVALID');
    expect(bicProblem('COBAXXFF')).toEqual({ code: 'BIC_INVALID', field: 'bic', message: expect.any(String) });
    expect(bicProblem('COBADEFFXX')?.code).toBe('BIC_INVALID');
  });
});
