/**
 * The one shape of an error's `details`, everywhere:
 *
 * - `details` is absent, or an object;
 * - a list of problems is always `details.problems`: `[{ code, message, field?, …extra }]`, where `field` is a
 *   dotted path into the request body (`costs.2.amountCents`, `fields.title`) and extra keys add context
 *   (e.g. `check`, the workflow check that failed, or `constraint`, the validation rule that was broken);
 * - any other context is a named key on the object (`{ field: 'ags' }`, `{ expectedVersion, currentVersion }`).
 *
 * Sources build this shape themselves; {@link normaliseDetails} is the safety net the exception filter applies
 * to whatever a thrower passed, so older shapes (a bare array, `{failures}`, `[{field, problems: string[]}]`)
 * never reach a client.
 */
export interface ProblemDetail {
  code: string;
  message: string;
  field?: string;
  [extra: string]: unknown;
}

export type ErrorDetails = { problems?: ProblemDetail[] } & Record<string, unknown>;

/** Code of a problem that came without one. */
export const DEFAULT_PROBLEM_CODE = 'FIELD_INVALID';

export function normaliseDetails(details: unknown): ErrorDetails | undefined {
  if (details === undefined || details === null) return undefined;
  if (Array.isArray(details)) return details.length ? { problems: normaliseProblems(details) } : undefined;
  if (typeof details !== 'object') return { value: details };
  const { failures, problems, ...rest } = details as Record<string, unknown>;
  const list = [...asArray(problems), ...asArray(failures)];
  const out: ErrorDetails = { ...rest };
  // `problems` that is not a list (e.g. a count) stays as the thrower meant it, under another name.
  if (problems !== undefined && !Array.isArray(problems)) out.problemCount = problems;
  if (failures !== undefined && !Array.isArray(failures)) out.failureInfo = failures;
  if (list.length) out.problems = normaliseProblems(list);
  return Object.keys(out).length ? out : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Each entry becomes one or more `{code, message, field?, …}`; the legacy `{field, problems: string[]}` splits into one per message. */
export function normaliseProblems(list: unknown[]): ProblemDetail[] {
  return list.flatMap((entry): ProblemDetail[] => {
    if (typeof entry === 'string') return [{ code: DEFAULT_PROBLEM_CODE, message: entry }];
    if (entry === null || typeof entry !== 'object') return [{ code: DEFAULT_PROBLEM_CODE, message: String(entry) }];
    const { code, message, field, problems, ...extra } = entry as Record<string, unknown>;
    const base = {
      code: typeof code === 'string' && code ? code : DEFAULT_PROBLEM_CODE,
      ...(field !== undefined && field !== null ? { field: String(field) } : {}),
    };
    if (Array.isArray(problems) && problems.every((p) => typeof p === 'string') && message === undefined) {
      return (problems as string[]).map((m) => ({ ...base, message: m, ...extra }));
    }
    if (problems !== undefined) extra.problems = problems;
    return [{ ...base, message: typeof message === 'string' ? message : 'The value is invalid.', ...extra }];
  });
}
