/** IBAN lengths (ISO 13616 registry) of the SEPA countries; others are only held to 15–34. */
const LENGTHS: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18,
  NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** Countries whose BBAN is digits only: a letter there is a typo that mod 97 may not catch. */
const NUMERIC_BBAN = new Set(['AT', 'BE', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'HR', 'HU', 'LT', 'NO', 'PL', 'PT', 'SE', 'SI', 'SK']);

export function normaliseIban(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Null when the IBAN is well-formed and passes the ISO 13616 check (mod 97 = 1); else a phrase saying what is wrong. */
export function ibanProblem(input: string): string | null {
  const iban = normaliseIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return 'must start with a country code and two check digits, followed by letters and digits';
  const country = iban.slice(0, 2);
  const expected = LENGTHS[country];
  if (expected ? iban.length !== expected : iban.length < 15 || iban.length > 34) return `has the wrong length for ${country}`;
  if (NUMERIC_BBAN.has(country) && !/^\d+$/.test(iban.slice(4))) return `may only contain digits after the check digits for ${country}`;
  // Check digits are 02–98; 00, 01 and 99 are congruent to valid ones mod 97 and would otherwise slip through.
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return 'has impossible check digits';
  // Country and check digits move to the end, letters become 10–35; the remainder is taken digit by digit.
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1 ? null : 'fails the check digit test (mod 97)';
}
