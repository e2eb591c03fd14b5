import { maskIban, sameAccount } from './payee-accounts.rules';

describe('payee account rules', () => {
  it('masks all but the last four characters, in groups of four', () => {
    expect(maskIban('DE89370400440532013000')).toBe('**** **** **** **** **30 00');
    expect(maskIban('NO9386011117947')).toBe('**** **** ***7 947'); // grouping runs from the start, as IBANs are printed
    expect(maskIban('AT611904300234573201')).toBe('**** **** **** **** 3201');
  });

  it('compares holder, IBAN and BIC', () => {
    const a = { holder: 'Stadt Mittweida', iban: 'DE89370400440532013000', bic: null };
    expect(sameAccount(a, { ...a })).toBe(true);
    expect(sameAccount(a, { ...a, bic: 'COBADEFFXXX' })).toBe(false);
    expect(sameAccount(a, { ...a, holder: 'Stadt Mittweida Kasse' })).toBe(false);
  });
});
