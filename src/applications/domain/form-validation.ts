import type { Form, FormField } from '../../guidelines/guideline.types';
import { agsProblem } from '../../platform/accounts/ags';
import type { Problem } from './problem';

/**
 * Checks answers against a guideline form. Unknown keys and wrong types are refused in any mode, so a draft never
 * stores what a submission would reject; only 'submit' insists on required fields.
 */
export function validateForm(form: Form, values: Record<string, unknown>, mode: 'draft' | 'submit', fieldPrefix = 'fields'): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(form.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ code: 'FIELD_UNKNOWN', field: `${fieldPrefix}.${key}`, message: `The form has no field "${key}".` });
  }
  for (const f of form.fields) {
    const value = Object.prototype.hasOwnProperty.call(values, f.key) ? values[f.key] : undefined;
    // false and 0 are answers; only absence, null and blank text count as missing.
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (mode === 'submit' && f.required) problems.push({ code: 'FIELD_REQUIRED', field: `${fieldPrefix}.${f.key}`, message: `Fill in "${f.label}".` });
      continue;
    }
    const problem = typeProblem(f, value);
    if (problem) problems.push({ code: 'FIELD_INVALID', field: `${fieldPrefix}.${f.key}`, message: `"${f.label}" ${problem}.` });
  }
  return problems;
}

function typeProblem(f: FormField, v: unknown): string | null {
  switch (f.type) {
    case 'text':
    case 'textarea':
      if (typeof v !== 'string') return 'must be text';
      return tooLong(f, v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'integer':
      return Number.isSafeInteger(v) ? null : 'must be a whole number';
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? null : 'must be a date (YYYY-MM-DD)';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'select':
      return typeof v === 'string' && (f.options ?? []).includes(v) ? null : `must be one of: ${(f.options ?? []).join(', ')}`;
    case 'email':
      if (typeof v !== 'string' || !isPlausibleEmail(v)) return 'must be an e-mail address';
      return tooLong(f, v);
    case 'ags':
      return typeof v === 'string' ? agsProblem(v) : 'must be an AGS of 8 digits';
  }
}

/** Counted in characters (code points), as a person counts them, not UTF-16 units. */
function tooLong(f: FormField, v: string): string | null {
  return f.maxLength !== undefined && Array.from(v).length > f.maxLength ? `must be at most ${f.maxLength} characters long` : null;
}

/** Plausible, not RFC 5322: one @, no spaces, a dotted domain without empty labels, at most 254 characters. */
function isPlausibleEmail(v: string): boolean {
  return v.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v);
}

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
