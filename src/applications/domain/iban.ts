import { countrySpecs, isSEPACountry, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

// IBAN and BIC rules come from ibantools (the ISO 13616 registry of lengths and account formats, mod 97, national
// check digits where a country has them); this file only words its findings and adds what ibantools lets through.

export function normaliseIban(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

export function normaliseBic(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Null when the IBAN is well-formed and passes the ISO 13616 check (mod 97 = 1); else a phrase saying what is wrong. */
export function ibanProblem(input: string): string | null {
  const iban = normaliseIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return 'must start with a country code and two check digits, followed by letters and digits';
  const country = iban.slice(0, 2);
  const spec = countrySpecs[country];
  if (!spec?.chars) return iban.length < 15 || iban.length > 34 ? `has the wrong length for ${country}` : `has an unknown country code (${country})`;
  // Check digits are 02–98; 00, 01 and 99 are congruent to valid ones mod 97: say so rather than "wrong checksum".
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return 'has impossible check digits';
  const errors = validateIBAN(iban).errorCodes;
  if (errors.includes(ValidationErrorsIBAN.WrongBBANLength)) return `has the wrong length for ${country}`;
  if (errors.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    // a letter in a digits-only account number is a typo that mod 97 may not catch
    return /^\^\[0-9\]\{\d+\}\$$/.test(spec.bban_regexp ?? '') ? `may only contain digits after the check digits for ${country}` : `does not have the account number format of ${country}`;
  }
  if (errors.includes(ValidationErrorsIBAN.WrongIBANChecksum)) return 'fails the check digit test (mod 97)';
  if (errors.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) return `fails the national check digit test of ${country}`;
  if (errors.includes(ValidationErrorsIBAN.QRIBANNotAllowed)) return 'is a QR-IBAN, which is not a payment account';
  return errors.length ? 'is not a valid IBAN' : null;
}

export interface AccountProblem {
  code: 'IBAN_INVALID' | 'IBAN_NOT_SEPA' | 'BIC_INVALID';
  field: 'iban' | 'bic';
  message: string;
}

/** For payments: a valid IBAN of a SEPA country (a credit transfer cannot reach any other). */
export function sepaIbanProblem(input: string): AccountProblem | null {
  const problem = ibanProblem(input);
  if (problem) return { code: 'IBAN_INVALID', field: 'iban', message: `The IBAN ${problem}.` };
  const country = normaliseIban(input).slice(0, 2);
  if (!isSEPACountry(country)) return { code: 'IBAN_NOT_SEPA', field: 'iban', message: `The IBAN is of ${country}, which is not in the SEPA area; payments go to SEPA accounts only.` };
  return null;
}

/** A BIC (ISO 9362): 8 or 11 characters, bank code, a known country, location, optional branch. */
export function bicProblem(input: string): AccountProblem | null {
  return isValidBIC(normaliseBic(input)) ? null : { code: 'BIC_INVALID', field: 'bic', message: 'The BIC must be 8 or 11 characters: bank code, country, location and an optional branch code.' };
}
