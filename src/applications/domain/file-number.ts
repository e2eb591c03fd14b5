/** Aktenzeichen, e.g. `LIfD-2024-1-000123`: programme prefix, call, running number within the call. */
export function formatFileNumber(prefix: string, callCode: string, seq: number): string {
  return `${prefix}-${callCode}-${String(seq).padStart(6, '0')}`;
}
