/**
 * Amtlicher Gemeindeschlüssel: 8 digits, state (2) + region (1) + district (2) + municipality (3).
 * Returns a problem sentence, or null when the key is well-formed.
 */
export function agsProblem(ags: string): string | null {
  if (!/^\d{8}$/.test(ags)) return 'must be exactly 8 digits';
  const state = Number(ags.slice(0, 2));
  if (state < 1 || state > 16) return 'must start with a state code from 01 to 16';
  return null;
}

/** The district (Landkreis or kreisfreie Stadt) is given by the first five digits. */
export function districtOf(ags: string): string {
  return ags.slice(0, 5);
}
