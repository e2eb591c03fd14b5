// Reads and validates guideline definitions (config/guidelines/*.yaml). Pure code: no framework, no database.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { isValidIBAN } from 'ibantools';
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { canonicalJson } from '../platform/canonical-json';
import { ISO_DATE, TEXT_PLACEHOLDERS, guidelineSchema } from './guideline.schema';
import type { GuidelineDefinition } from './guideline.types';

export { canonicalJson };

export interface GuidelineProblem {
  /** JSON pointer into the definition, `/` for the root. */
  path: string;
  problem: string;
  /** Line in the YAML file, when known. */
  line?: number;
}

export class GuidelineConfigError extends Error {
  readonly file: string;
  readonly path: string;
  readonly problem: string;
  readonly problems: GuidelineProblem[];

  constructor(file: string, problems: GuidelineProblem[]) {
    super(problems.map((p) => `${file}: ${p.path}: ${p.problem}`).join('\n'));
    this.name = 'GuidelineConfigError';
    this.file = file;
    this.path = problems[0].path;
    this.problem = problems[0].problem;
    this.problems = problems;
  }
}

// unoptimised code: compiled in a third less of every start (~25 ms), validating as fast for a file or two
const validateSchema = new Ajv({ allErrors: true, strict: true, strictRequired: false, code: { optimize: false } }).compile(guidelineSchema);

export function parseGuideline(file: string, text: string): GuidelineDefinition {
  // js-yaml reads a file several times faster than `yaml` (about 100 ms of every start), but only `yaml`'s document
  // model tells the line of a problem: a file that does not parse or validate is read again with it to say where.
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA });
  } catch {
    return parseWithLines(file, text);
  }
  if (!validateSchema(value) || semanticProblems(file, value as GuidelineDefinition).length > 0) return parseWithLines(file, text);
  return value as GuidelineDefinition;
}

function parseWithLines(file: string, text: string): GuidelineDefinition {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new GuidelineConfigError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown position';
        return { path: '/', problem: `YAML syntax error at ${where}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, line: pos?.line };
      }),
    );
  }
  const value: unknown = doc.toJS();

  const lineOf = (path: string): number | undefined => {
    const segments = path === '/' ? [] : path.slice(1).split('/').map(unescapePointer);
    // A missing property has no node: point at its parent instead.
    for (let n = segments.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
      const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
      if (offset !== undefined) return lineCounter.linePos(offset).line;
    }
    return undefined;
  };
  const fail = (problems: GuidelineProblem[]): never => {
    throw new GuidelineConfigError(
      file,
      problems.map((p) => ({ ...p, line: lineOf(p.path) })),
    );
  };

  if (!validateSchema(value)) fail(schemaProblems(validateSchema.errors ?? []));
  const definition = value as GuidelineDefinition;
  const problems = semanticProblems(file, definition);
  if (problems.length > 0) fail(problems);
  return definition;
}

export function loadGuidelines(dir: string): { file: string; definition: GuidelineDefinition; contentHash: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const definition = parseGuideline(file, readFileSync(file, 'utf8'));
      return { file, definition, contentHash: guidelineContentHash(definition) };
    });
}

/** Hex SHA-256 of the canonical JSON: formatting and comments of the YAML do not change it, content does. */
export function guidelineContentHash(definition: GuidelineDefinition): string {
  return createHash('sha256').update(canonicalJson(definition), 'utf8').digest('hex');
}

function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function schemaProblems(errors: ErrorObject[]): GuidelineProblem[] {
  const seen = new Set<string>();
  const problems: GuidelineProblem[] = [];
  for (const e of errors) {
    let path = e.instancePath || '';
    let problem = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      path += '/' + escapePointer(e.params.missingProperty);
      problem = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path += '/' + escapePointer(e.params.additionalProperty);
      problem = 'is not a known property';
    } else if (e.keyword === 'enum') {
      problem += ': ' + (e.params.allowedValues as unknown[]).join(', ');
    } else if (e.keyword === 'propertyNames') {
      path += '/' + escapePointer(e.params.propertyName);
      problem = 'is not a valid name (camelCase expected)';
    }
    if (e.keyword === 'pattern' && e.params.pattern === ISO_DATE) problem = 'must be an ISO date (YYYY-MM-DD)';
    path = path || '/';
    const key = `${path}\u0000${problem}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ path, problem });
    }
  }
  return problems;
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Reports the second and later occurrence of each code. */
function duplicates(items: readonly { code: string }[], at: (i: number) => string, what: string, out: GuidelineProblem[]) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) out.push({ path: at(i), problem: `duplicate ${what} '${item.code}'` });
    seen.add(item.code);
  });
}

function semanticProblems(file: string, g: GuidelineDefinition): GuidelineProblem[] {
  const out: GuidelineProblem[] = [];
  const add = (path: string, problem: string) => out.push({ path, problem });

  const expectedCode = basename(file).replace(/\.yaml$/, '');
  if (g.code !== expectedCode) add('/code', `must equal the file name '${expectedCode}'`);

  duplicates(g.variants, (i) => `/variants/${i}/code`, 'variant code', out);
  g.variants.forEach((v, i) => {
    if (v.maxGrantCents < g.minimumGrantCents) add(`/variants/${i}/maxGrantCents`, 'must be >= minimumGrantCents');
  });

  duplicates(g.costCategories, (i) => `/costCategories/${i}/code`, 'cost category code', out);
  g.costCategories.forEach((c, i) => {
    if (c.eligible && c.maxRateBp === undefined) add(`/costCategories/${i}/maxRateBp`, 'is required for an eligible category');
    if (c.eligible && c.ineligibleReason !== undefined)
      add(`/costCategories/${i}/ineligibleReason`, 'is only allowed for an ineligible category');
    if (!c.eligible && c.ineligibleReason === undefined)
      add(`/costCategories/${i}/ineligibleReason`, 'is required for an ineligible category');
    if (!c.eligible && c.maxRateBp !== undefined) add(`/costCategories/${i}/maxRateBp`, 'is only allowed for an eligible category');
  });
  if (!g.costCategories.some((c) => c.eligible)) add('/costCategories', 'must contain at least one eligible category');

  g.territory?.agsPrefixes.forEach((prefix, i) => {
    if (g.territory!.agsPrefixes.some((other, k) => k !== i && prefix.startsWith(other)))
      add(`/territory/agsPrefixes/${i}`, `'${prefix}' is already covered by a shorter prefix`);
  });

  duplicates(g.calls, (i) => `/calls/${i}/code`, 'call code', out);
  g.calls.forEach((c, i) => {
    const opensOk = isIsoDate(c.opensOn);
    const deadlineOk = isIsoDate(c.deadline);
    if (!opensOk) add(`/calls/${i}/opensOn`, `'${c.opensOn}' is not a valid date`);
    if (!deadlineOk) add(`/calls/${i}/deadline`, `'${c.deadline}' is not a valid date`);
    if (opensOk && deadlineOk && c.deadline < c.opensOn) add(`/calls/${i}/deadline`, 'must not be before opensOn');
    const years = new Set<number>();
    c.budgets.forEach((b, j) => {
      if (years.has(b.fiscalYear)) add(`/calls/${i}/budgets/${j}/fiscalYear`, `duplicate fiscal year ${b.fiscalYear}`);
      years.add(b.fiscalYear);
    });
  });

  for (const stage of ['concept', 'application'] as const) {
    const fields = g.forms[stage].fields;
    duplicates(
      fields.map((f) => ({ code: f.key })),
      (i) => `/forms/${stage}/fields/${i}/key`,
      'field key',
      out,
    );
    fields.forEach((f, i) => {
      const at = `/forms/${stage}/fields/${i}`;
      if (f.type === 'select' && f.options === undefined) add(`${at}/options`, 'is required for a select field');
      if (f.type !== 'select' && f.options !== undefined) add(`${at}/options`, 'is only allowed for a select field');
      if (f.maxLength !== undefined && !['text', 'textarea', 'email'].includes(f.type))
        add(`${at}/maxLength`, 'is only allowed for text, textarea and email fields');
    });
  }

  duplicates(g.attachmentTypes, (i) => `/attachmentTypes/${i}/code`, 'attachment type code', out);

  const j = g.jury;
  const inScale = (x: number) => x >= j.scale.min && x <= j.scale.max;
  const scaleText = `the scale ${j.scale.min}..${j.scale.max}`;
  if (j.scale.min >= j.scale.max) add('/jury/scale/max', 'must be greater than scale.min');
  if (!inScale(j.commentRequiredAtOrBelow)) add('/jury/commentRequiredAtOrBelow', `must be within ${scaleText}`);
  if (!inScale(j.minimumScore)) add('/jury/minimumScore', `must be within ${scaleText}`);
  if (j.disagreementSpread > j.scale.max - j.scale.min) add('/jury/disagreementSpread', `must not exceed the width of ${scaleText}`);
  duplicates(j.criteria, (i) => `/jury/criteria/${i}/code`, 'criterion code', out);
  j.criteria.forEach((c, i) => {
    if (c.knockOutBelow !== undefined && !inScale(c.knockOutBelow))
      add(`/jury/criteria/${i}/knockOutBelow`, `must be within ${scaleText}`);
  });
  if (j.tieBreak.includes('criterion')) {
    if (j.tieBreakCriterion === undefined) add('/jury/tieBreakCriterion', "is required when tieBreak contains 'criterion'");
    else if (!j.criteria.some((c) => c.code === j.tieBreakCriterion))
      add('/jury/tieBreakCriterion', `'${j.tieBreakCriterion}' is not a criterion code`);
  } else if (j.tieBreakCriterion !== undefined) {
    add('/jury/tieBreakCriterion', "is only allowed when tieBreak contains 'criterion'");
  }

  const w = g.workflow;
  duplicates(w.states, (i) => `/workflow/states/${i}/code`, 'state code', out);
  duplicates(
    w.transitions.map((t) => ({ code: t.name })),
    (i) => `/workflow/transitions/${i}/name`,
    'transition name',
    out,
  );
  const states = new Map(w.states.map((s) => [s.code, s]));
  const initial = states.get(w.initialState);
  if (!initial) add('/workflow/initialState', `'${w.initialState}' is not a state`);
  else if (initial.final) add('/workflow/initialState', `'${w.initialState}' is a final state`);
  if (!w.states.some((s) => s.final)) add('/workflow/states', 'must contain at least one final state');
  w.transitions.forEach((t, i) => {
    t.from.forEach((f, k) => {
      const s = states.get(f);
      if (!s) add(`/workflow/transitions/${i}/from/${k}`, `'${f}' is not a state`);
      else if (s.final) add(`/workflow/transitions/${i}/from/${k}`, `'${f}' is a final state; no transition may leave it`);
    });
    if (!states.has(t.to)) add(`/workflow/transitions/${i}/to`, `'${t.to}' is not a state`);
  });
  if (initial) {
    const reached = new Set([w.initialState]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of w.transitions) {
        if (!reached.has(t.to) && t.from.some((f) => reached.has(f))) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    w.states.forEach((s, i) => {
      if (!reached.has(s.code)) add(`/workflow/states/${i}/code`, `state '${s.code}' is not reachable from '${w.initialState}'`);
    });
  }

  const due = g.reporting.interimReportDue;
  if (!isIsoDate(`2023-${due}`)) add('/reporting/interimReportDue', `'${due}' is not a month-day valid in every year`);

  // a mistyped debtor IBAN would send every payment file back from the bank
  if (!isValidIBAN(g.payments.debtor.iban)) add('/payments/debtor/iban', `'${g.payments.debtor.iban}' is not a valid IBAN (length or check digits)`);

  const known = new Set<string>(TEXT_PLACEHOLDERS);
  for (const [block, body] of Object.entries(g.texts)) {
    for (const m of body.matchAll(/\{([^{}]*)\}/g)) {
      if (!known.has(m[1])) add(`/texts/${escapePointer(block)}`, `unknown placeholder {${m[1]}}`);
    }
  }

  return out;
}
