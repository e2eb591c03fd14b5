const LENGTHS: Record<string, number> = { DE: 22, AT: 20, NL: 18, FR: 27, PL: 28, CZ: 24, CH: 21, LU: 20, BE: 16, DK: 18, IT: 27, ES: 24 };

export function normaliseIban(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Null when the IBAN is well-formed and passes the ISO 13616 check (mod 97 = 1); else what is wrong. */
export function ibanProblem(input: string): string | null {
  const iban = normaliseIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return 'must start with a country code and two check digits, followed by letters and digits';
  const country = iban.slice(0, 2);
  const expected = LENGTHS[country];
  if (expected ? iban.length !== expected : iban.length < 15 || iban.length > 34) return `has the wrong length for ${country}`;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1 ? null : 'fails the check digit test (mod 97)';
}
