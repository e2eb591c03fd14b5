import { agsProblem } from '../../platform/accounts/ags';
import type { Form, FormField } from '../../guidelines/guideline.types';
import type { Problem } from './problem';

/** Checks answers against a guideline form; in 'submit' mode required fields must be filled too. */
export function validateForm(form: Form, values: Record<string, unknown>, mode: 'draft' | 'submit', prefix = 'fields'): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(form.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ code: 'FIELD_UNKNOWN', field: `${prefix}.${key}`, message: `The form has no field "${key}".` });
  }
  for (const f of form.fields) {
    const value = values[f.key];
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (empty) {
      if (mode === 'submit' && f.required) problems.push({ code: 'FIELD_REQUIRED', field: `${prefix}.${f.key}`, message: `Fill in "${f.label}".` });
      continue;
    }
    const problem = typeProblem(f, value);
    if (problem) problems.push({ code: 'FIELD_INVALID', field: `${prefix}.${f.key}`, message: `"${f.label}" ${problem}.` });
  }
  return problems;
}

function typeProblem(f: FormField, v: unknown): string | null {
  switch (f.type) {
    case 'text':
    case 'textarea':
      if (typeof v !== 'string') return 'must be text';
      return f.maxLength !== undefined && v.length > f.maxLength ? `must be at most ${f.maxLength} characters long` : null;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'integer':
      return Number.isSafeInteger(v) ? null : 'must be a whole number';
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? null : 'must be a date (YYYY-MM-DD)';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'select':
      return typeof v === 'string' && (f.options ?? []).includes(v) ? null : `must be one of ${(f.options ?? []).join(', ')}`;
    case 'email':
      return typeof v === 'string' && v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'must be an e-mail address';
    case 'ags': {
      if (typeof v !== 'string') return 'must be an 8-digit AGS';
      const problem = agsProblem(v);
      return problem ? `(AGS) ${problem}` : null;
    }
  }
}

function isIsoDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}
