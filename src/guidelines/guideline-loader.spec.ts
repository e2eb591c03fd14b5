import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse, stringify } from 'yaml';
import {
  GuidelineConfigError,
  canonicalJson,
  guidelineContentHash,
  loadGuidelines,
  parseGuideline,
} from './guideline-loader';
import type { GuidelineDefinition } from './guideline.types';

const REPO = join(__dirname, '../..');
const CONFIG_DIR = relative(process.cwd(), join(REPO, 'config/guidelines'));
const FIXTURES = relative(process.cwd(), join(REPO, 'test/fixtures/guidelines'));
const LIFD_FILE = 'config/guidelines/frl-lifd.yaml';
const lifdText = readFileSync(join(REPO, LIFD_FILE), 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

function errorOf(fn: () => unknown): GuidelineConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GuidelineConfigError) return e;
    throw e;
  }
  throw new Error('expected a GuidelineConfigError, but the input was accepted');
}

/** Parses a copy of the real FRL LIfD file, lets `mutate` break it, and feeds the re-serialised YAML to the loader. */
function brokenLifd(mutate: (g: Raw) => void, file = LIFD_FILE): GuidelineConfigError {
  const g = parse(lifdText);
  mutate(g);
  return errorOf(() => parseGuideline(file, stringify(g)));
}

const transitionIndex = (g: Raw, name: string): number =>
  g.workflow.transitions.findIndex((t: { name: string }) => t.name === name);

describe('real guideline files', () => {
  const loaded = loadGuidelines(CONFIG_DIR);
  const byCode = new Map(loaded.map((l) => [l.definition.code, l.definition]));
  const lifd = byCode.get('frl-lifd') as GuidelineDefinition;
  const st = byCode.get('st-digital') as GuidelineDefinition;

  it('loads both, sorted by file name, with relative paths kept relative', () => {
    expect(loaded.map((l) => l.file)).toEqual([join(CONFIG_DIR, 'frl-lifd.yaml'), join(CONFIG_DIR, 'st-digital.yaml')]);
    for (const l of loaded) expect(l.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded[0].contentHash).not.toBe(loaded[1].contentHash);
  });

  it('reads each file as the YAML 1.2 parser that reports problems does (dates stay strings, no merge keys)', () => {
    for (const l of loaded) expect(l.definition).toEqual(parse(readFileSync(l.file, 'utf8')));
    // what the two parsers might read differently (YAML 1.1 habits) reads the same
    const tricky = 'd: 2024-01-01\ny: yes\no: 0o17\nn: ~\nm: { <<: { a: 1 } }\nf: .inf\ns: 012\n';
    expect(load(tricky, { schema: CORE_SCHEMA })).toEqual(parse(tricky));
  });

  it('FRL LIfD carries the numbers of the guideline', () => {
    expect(lifd.variants).toEqual([
      { code: 'stationary', label: expect.any(String), maxGrantCents: 40_000_000 },
      { code: 'mobile', label: expect.any(String), maxGrantCents: 300_000_000 },
    ]);
    const rate = (code: string) => lifd.costCategories.find((c) => c.code === code)?.maxRateBp;
    expect([rate('equipment'), rate('staff'), rate('running_costs')]).toEqual([8000, 6000, 6000]);
    expect(lifd.costCategories.find((c) => c.code === 'preparatory')).toMatchObject({ eligible: false });
    expect(lifd.minimumGrantCents).toBe(250_000);
    expect(lifd.calls[0]).toMatchObject({ code: '2024-1', opensOn: '2024-02-01', deadline: '2024-03-15' });
    const total = lifd.calls.flatMap((c) => c.budgets).reduce((sum, b) => sum + b.amountCents, 0);
    expect(total).toBeLessThanOrEqual(1_200_000_000);
    expect(lifd.deadlines).toMatchObject({ objectionPeriodMonths: 1, deemedReceiptDays: 4 });
    expect(lifd.payments).toMatchObject({ requestWindowMonths: 2, retentionBp: 1000 });
    expect(lifd.payments.debtor).toEqual({ name: 'Sächsische Aufbaubank – Förderbank –', iban: 'DE34860000000086001500', bic: 'MARKDEF1860' });
    expect(lifd.reporting.recoveryInterestAboveBaseBp).toBe(500);
    expect(lifd.texts.noticeLegalRemedies).toContain('Pirnaische Straße 9, 01069 Dresden');
  });

  it('Digitale Orte Sachsen-Anhalt carries its own numbers', () => {
    expect(st.variants).toEqual([{ code: 'standard', label: expect.any(String), maxGrantCents: 12_000_000 }]);
    expect(st.minimumGrantCents).toBe(500_000);
    expect(st.costCategories.filter((c) => c.eligible).map((c) => c.maxRateBp)).toEqual([9000, 9000, 9000]);
    expect(st.texts.noticeLegalRemedies).toContain('Domplatz 12, 39104 Magdeburg');
  });

  it('each programme is open to its own state only (AGS state code 14 Saxony, 15 Saxony-Anhalt)', () => {
    expect(lifd.territory).toEqual({ agsPrefixes: ['14'], label: 'Freistaat Sachsen' });
    expect(st.territory).toEqual({ agsPrefixes: ['15'], label: expect.stringContaining('Sachsen-Anhalt') });
  });

  it.each(['frl-lifd', 'st-digital'])('%s has a call open on 2026-11-22', (code) => {
    const g = byCode.get(code) as GuidelineDefinition;
    expect(g.calls.some((c) => c.opensOn <= '2026-11-22' && '2026-11-22' <= c.deadline)).toBe(true);
  });

  it.each(['frl-lifd', 'st-digital'])('%s: withdrawal only before the notice, reasons where the law needs them', (code) => {
    const w = (byCode.get(code) as GuidelineDefinition).workflow;
    const withdraw = w.transitions.find((t) => t.name === 'withdraw');
    expect(withdraw?.roles).toContain('applicant');
    expect(withdraw?.from).not.toEqual(expect.arrayContaining(['notice_issued']));
    for (const t of w.transitions.filter((t) => /^(reject|return|request_information|revoke|dismiss)/.test(t.name))) {
      expect({ name: t.name, reasonRequired: t.reasonRequired }).toEqual({ name: t.name, reasonRequired: true });
    }
    expect(w.transitions.find((t) => t.name === 'approve_decision')?.checks).toContain('four_eyes');
  });
});

describe('content hash', () => {
  const original = parseGuideline(LIFD_FILE, lifdText);
  const hash = guidelineContentHash(original);

  const reverseKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reverseKeys)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
        : v;

  it('does not change when the YAML is reformatted, reordered or stripped of comments', () => {
    const raw = parse(lifdText);
    const variants = [
      stringify(raw, { indent: 4 }),
      stringify(reverseKeys(raw), { collectionStyle: 'flow', lineWidth: 0 }),
      JSON.stringify(raw, null, 1), // JSON is YAML too
    ];
    for (const text of variants) {
      expect(text).not.toBe(lifdText);
      expect(guidelineContentHash(parseGuideline(LIFD_FILE, text))).toBe(hash);
    }
  });

  it('changes with any change of content', () => {
    const oneCent = parse(lifdText);
    oneCent.calls[0].budgets[0].amountCents += 1;
    const oneChar = parse(lifdText);
    oneChar.texts.noticeClosing += '.';
    const reordered = parse(lifdText); // order of transitions is content (effects run in order, too)
    reordered.workflow.transitions[0].effects.reverse();
    for (const g of [oneCent, oneChar, reordered]) {
      expect(guidelineContentHash(parseGuideline(LIFD_FILE, stringify(g)))).not.toBe(hash);
    }
  });

  it('loadGuidelines gives the same hash for a reformatted copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guidelines-'));
    try {
      writeFileSync(join(dir, 'frl-lifd.yaml'), stringify(reverseKeys(parse(lifdText)), { indent: 3 }));
      writeFileSync(join(dir, 'notes.txt'), 'not a guideline');
      const [copy, ...rest] = loadGuidelines(dir);
      expect(rest).toEqual([]);
      expect(copy.file).toBe(join(dir, 'frl-lifd.yaml'));
      expect(copy.contentHash).toBe(hash);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('canonicalJson sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});

describe('broken guidelines', () => {
  it('names file and path in the message, e.g. a rate above 100 %', () => {
    const err = brokenLifd((g) => (g.costCategories[0].maxRateBp = 12000));
    expect(err.message).toBe('config/guidelines/frl-lifd.yaml: /costCategories/0/maxRateBp: must be <= 10000');
    expect(err).toMatchObject({ file: LIFD_FILE, path: '/costCategories/0/maxRateBp', problem: 'must be <= 10000' });
  });

  it('gives the YAML line of the problem', () => {
    const lines = lifdText.split('\n');
    const at = lines.findIndex((l) => l.includes('maxRateBp: 6000'));
    lines[at] = lines[at].replace('6000', '10001');
    const err = errorOf(() => parseGuideline(LIFD_FILE, lines.join('\n')));
    expect(err.problems).toEqual([{ path: expect.stringMatching(/^\/costCategories\/\d+\/maxRateBp$/), problem: 'must be <= 10000', line: at + 1 }]);
  });

  const cases: [string, (g: Raw) => void, string, RegExp][] = [
    ['misspelt property', (g) => {
      g.costCategories[0].maxRateBP = g.costCategories[0].maxRateBp;
      delete g.costCategories[0].maxRateBp;
    }, '/costCategories/0/maxRateBP', /is not a known property/],
    ['missing property', (g) => delete g.minimumGrantCents, '/minimumGrantCents', /is required/],
    ['money as a string', (g) => (g.minimumGrantCents = '2500.00'), '/minimumGrantCents', /must be integer/],
    ['money with a fraction of a cent', (g) => (g.variants[0].maxGrantCents = 40000000.5), '/variants/0/maxGrantCents', /must be integer/],
    ['unknown role', (g) => (g.workflow.transitions[0].roles = ['clerk']), '/workflow/transitions/0/roles/0', /allowed values: applicant, caseworker/],
    ['transition name not snake_case', (g) => (g.workflow.transitions[0].name = 'submitConcept'), '/workflow/transitions/0/name', /must match pattern/],
    ['date not ISO', (g) => (g.calls[0].opensOn = '01.02.2024'), '/calls/0/opensOn', /must be an ISO date/],
    ['eligible category without rate', (g) => delete g.costCategories[0].maxRateBp, '/costCategories/0/maxRateBp', /required for an eligible category/],
    ['ineligible category without reason', (g) => {
      const i = g.costCategories.findIndex((c: { eligible: boolean }) => !c.eligible);
      delete g.costCategories[i].ineligibleReason;
    }, '/costCategories/6/ineligibleReason', /required for an ineligible category/],
    ['duplicate variant', (g) => (g.variants[1].code = 'stationary'), '/variants/1/code', /duplicate variant code 'stationary'/],
    ['duplicate call', (g) => (g.calls[1].code = '2024-1'), '/calls/1/code', /duplicate call code/],
    ['duplicate criterion', (g) => (g.jury.criteria[4].code = 'innovation'), '/jury/criteria/4/code', /duplicate criterion code/],
    ['duplicate form field', (g) => (g.forms.application.fields[1].key = 'projectTitle'), '/forms/application/fields/1/key', /duplicate field key/],
    ['duplicate attachment type', (g) => (g.attachmentTypes[1].code = 'concept_document'), '/attachmentTypes/1/code', /duplicate attachment type/],
    ['select without options', (g) => delete g.forms.concept.fields[2].options, '/forms/concept/fields/2/options', /required for a select field/],
    ['duplicate transition name', (g) => (g.workflow.transitions[1].name = 'submit_concept'), '/workflow/transitions/1/name', /duplicate transition name/],
    ['transition to an unknown state', (g) => (g.workflow.transitions[transitionIndex(g, 'return_concept')].to = 'concept_drafts'), '/workflow/transitions/1/to', /'concept_drafts' is not a state/],
    ['transition from an unknown state', (g) => (g.workflow.transitions[transitionIndex(g, 'withdraw')].from[0] = 'draft'), '/workflow/transitions/39/from/0', /'draft' is not a state/],
    ['transition out of a final state', (g) => g.workflow.transitions[transitionIndex(g, 'close_case')].from.push('closed'), '/workflow/transitions/36/from/1', /'closed' is a final state/],
    ['unreachable state', (g) => g.workflow.states.push({ code: 'limbo', stage: 'closed', label: 'Limbo' }), '/workflow/states/24/code', /'limbo' is not reachable/],
    ['unknown initial state', (g) => (g.workflow.initialState = 'start'), '/workflow/initialState', /'start' is not a state/],
    ['deadline before opening', (g) => (g.calls[0].deadline = '2024-01-31'), '/calls/0/deadline', /must not be before opensOn/],
    ['impossible date', (g) => (g.calls[0].opensOn = '2024-02-30'), '/calls/0/opensOn', /'2024-02-30' is not a valid date/],
    ['fiscal year twice in a call', (g) => (g.calls[0].budgets[2].fiscalYear = 2024), '/calls/0/budgets/2/fiscalYear', /duplicate fiscal year 2024/],
    ['tie-break criterion unknown', (g) => (g.jury.tieBreakCriterion = 'charm'), '/jury/tieBreakCriterion', /'charm' is not a criterion code/],
    ['tie-break criterion missing', (g) => delete g.jury.tieBreakCriterion, '/jury/tieBreakCriterion', /required when tieBreak contains 'criterion'/],
    ['knock-out outside the scale', (g) => (g.jury.criteria[3].knockOutBelow = 6), '/jury/criteria/3/knockOutBelow', /within the scale 0..5/],
    ['comment threshold outside the scale', (g) => (g.jury.commentRequiredAtOrBelow = 7), '/jury/commentRequiredAtOrBelow', /within the scale 0..5/],
    ['interim report on 29 February', (g) => (g.reporting.interimReportDue = '02-29'), '/reporting/interimReportDue', /valid in every year/],
    ['unknown placeholder', (g) => (g.texts.noticeIntro += ' {fileNo}'), '/texts/noticeIntro', /unknown placeholder \{fileNo\}/],
    ['territory prefix not digits', (g) => (g.territory.agsPrefixes = ['SN']), '/territory/agsPrefixes/0', /must match pattern/],
    ['territory without a prefix', (g) => (g.territory.agsPrefixes = []), '/territory/agsPrefixes', /must NOT have fewer than 1 items/],
    ['territory without a label', (g) => delete g.territory.label, '/territory/label', /is required/],
    ['territory prefix covered by a shorter one', (g) => (g.territory.agsPrefixes = ['14', '14522']), '/territory/agsPrefixes/1', /already covered by a shorter prefix '14'|already covered/],
  ];

  it.each(cases)('%s', (_title, mutate, path, problem) => {
    const err = brokenLifd(mutate);
    expect(err.problems).toHaveLength(1);
    expect(err.path).toBe(path);
    expect(err.problem).toMatch(problem);
    expect(err.message.startsWith(`${LIFD_FILE}: ${path}: `)).toBe(true);
  });

  it('the paying authority\'s IBAN must pass mod-97, and its BIC must look like one', () => {
    const iban = brokenLifd((g) => (g.payments.debtor.iban = 'DE35860000000086001500'));
    expect(iban.message).toBe("config/guidelines/frl-lifd.yaml: /payments/debtor/iban: 'DE35860000000086001500' is not a valid IBAN (length or check digits)");
    const bic = brokenLifd((g) => (g.payments.debtor.bic = 'MARK DEF1'));
    expect(bic.path).toBe('/payments/debtor/bic');
  });

  it('code must equal the file name', () => {
    const err = errorOf(() => parseGuideline('config/guidelines/frl-lifd-2024.yaml', lifdText));
    expect(err.message).toBe("config/guidelines/frl-lifd-2024.yaml: /code: must equal the file name 'frl-lifd-2024'");
  });

  it('takes the holiday calendar of any of the 16 states, and nothing else', () => {
    const g = parse(lifdText);
    g.deadlines.holidayCalendar = 'DE-BY';
    expect(parseGuideline(LIFD_FILE, stringify(g)).deadlines.holidayCalendar).toBe('DE-BY');
    const err = brokenLifd((b) => {
      b.deadlines.holidayCalendar = 'DE-XX';
    });
    expect(err.problems.map((p) => p.path)).toEqual(['/deadlines/holidayCalendar']);
  });

  it('reports all schema problems at once', () => {
    const err = brokenLifd((g) => {
      g.costCategories[0].maxRateBp = 12000;
      g.workflow.transitions[0].roles = ['clerk'];
      g.deadlines.objectionPeriod = 1;
    });
    expect(err.problems.map((p) => p.path).sort()).toEqual([
      '/costCategories/0/maxRateBp',
      '/deadlines/objectionPeriod',
      '/workflow/transitions/0/roles/0',
    ]);
    expect(err.message.split('\n')).toHaveLength(3);
    expect(err.message.split('\n')[0]).toBe(`${LIFD_FILE}: ${err.path}: ${err.problem}`);
  });

  it('reports all semantic problems at once', () => {
    const err = brokenLifd((g) => {
      g.calls[0].deadline = '2024-01-31';
      g.variants[1].code = 'stationary';
      g.workflow.transitions[transitionIndex(g, 'return_concept')].to = 'nowhere';
    });
    expect(err.problems.map((p) => p.path)).toEqual(['/variants/1/code', '/calls/0/deadline', '/workflow/transitions/1/to']);
    expect(err.message.split('\n').map((l) => l.split(': ')[1])).toEqual(err.problems.map((p) => p.path));
  });

  it('a document that is not a mapping fails at the root', () => {
    const err = errorOf(() => parseGuideline(LIFD_FILE, '- just\n- a list\n'));
    expect(err.message).toBe(`${LIFD_FILE}: /: must be object`);
  });

  it('a YAML syntax error names the line', () => {
    const file = join(FIXTURES, 'broken-syntax.yaml');
    const err = errorOf(() => parseGuideline(file, readFileSync(file, 'utf8')));
    expect(err.path).toBe('/');
    expect(err.problem).toMatch(/^YAML syntax error at line 7, column 1: /);
    expect(err.message.startsWith(`${file}: /: YAML syntax error`)).toBe(true);
  });

  it('a duplicate YAML key is a syntax error', () => {
    const file = join(FIXTURES, 'duplicate-key.yaml');
    const err = errorOf(() => parseGuideline(file, readFileSync(file, 'utf8')));
    expect(err.problem).toMatch(/line 4, column 1: Map keys must be unique/);
  });

  it('loadGuidelines fails on the first broken file of a directory', () => {
    const err = errorOf(() => loadGuidelines(FIXTURES));
    expect(err.file).toBe(join(FIXTURES, 'broken-syntax.yaml'));
  });
});
