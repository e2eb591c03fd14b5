/** Aktenzeichen, e.g. `LIfD-2024-1-000123`: programme prefix, call, running number within the call. */
export function formatFileNumber(prefix: string, callCode: string, seq: number): string {
  // A wrong running number would make a legal document's reference wrong: refuse it rather than print it.
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`file number sequence must be a whole number >= 1: ${seq}`);
  return `${prefix}-${callCode}-${String(seq).padStart(6, '0')}`;
}
