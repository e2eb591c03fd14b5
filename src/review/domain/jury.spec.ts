import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGuideline } from '../../guidelines/guideline-loader';
import type { Jury } from '../../guidelines/guideline.types';
import {
  type RankingEntry,
  type Scores,
  aggregate,
  disagreement,
  knockedOut,
  rank,
  reviewerStats,
  scoreProblems,
  spread,
  weightedTotal,
} from './jury';

const REPO = join(__dirname, '../../..');
const load = (file: string): Jury => parseGuideline(file, readFileSync(join(REPO, file), 'utf8')).jury;
// LIfD: scale 0–5, comment ≤ 1, minimum 2.5, mean, spread 1.5, tie-break regional_impact then earlier submission;
// weights innovation 25, regional_impact 25, sustainability 20, feasibility 20 (knock-out below 2), cooperation 10.
const lifd = load('config/guidelines/frl-lifd.yaml');
// ST Digital: scale 0–10, comment ≤ 3, minimum 5, median, spread 3, tie-break lower grant then earlier submission;
// weights public_benefit 40, feasibility 30 (knock-out below 3), sustainability 30.
const st = load('config/guidelines/st-digital.yaml');

const s = (values: Record<string, number>, comments: Record<string, string> = {}): Scores =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { score: v, ...(comments[k] !== undefined ? { comment: comments[k] } : {}) }]));
const full = s({ innovation: 4, regional_impact: 3.5, sustainability: 3, feasibility: 2.5, cooperation: 5 });

describe('scoreProblems', () => {
  it('accepts a complete, valid review', () => {
    expect(scoreProblems(lifd, full, 'submit')).toEqual([]);
  });

  it('reports unknown criteria and invalid scores in drafts, but not missing ones', () => {
    const scores = {
      innovation: { score: 4 },
      foo: { score: 1 },
      regional_impact: { score: 5.5 },
      sustainability: { score: 2.3 },
      feasibility: { score: '3' as unknown as number },
      cooperation: { score: Number.NaN },
    };
    expect(scoreProblems(lifd, scores, 'draft').map((p) => [p.code, p.field])).toEqual([
      ['CRITERION_UNKNOWN', 'scores.foo'],
      ['SCORE_INVALID', 'scores.regional_impact'],
      ['SCORE_INVALID', 'scores.sustainability'],
      ['SCORE_INVALID', 'scores.feasibility'],
      ['SCORE_INVALID', 'scores.cooperation'],
    ]);
    expect(scoreProblems(lifd, s({ innovation: 1 }), 'draft')).toEqual([]);
  });

  it('accepts the scale bounds and half steps, rejects below the minimum', () => {
    expect(scoreProblems(st, s({ public_benefit: 0, feasibility: 10, sustainability: 4.5 }, { public_benefit: 'x' }), 'submit')).toEqual([]);
    expect(scoreProblems(st, s({ public_benefit: -0.5 }), 'draft').map((p) => p.code)).toEqual(['SCORE_INVALID']);
  });

  it('requires every criterion and a comment at or below the threshold on submit', () => {
    const scores = s({ innovation: 1, regional_impact: 1.5, sustainability: 0, feasibility: 1 }, { sustainability: 'zu vage', feasibility: '   ' });
    expect(scoreProblems(lifd, scores, 'submit').map((p) => [p.code, p.field])).toEqual([
      ['COMMENT_REQUIRED', 'scores.innovation.comment'],
      ['COMMENT_REQUIRED', 'scores.feasibility.comment'],
      ['SCORE_REQUIRED', 'scores.cooperation'],
    ]);
    // ST: threshold 3
    const stProblems = scoreProblems(st, s({ public_benefit: 3, feasibility: 3.5, sustainability: 8 }), 'submit');
    expect(stProblems.map((p) => p.field)).toEqual(['scores.public_benefit.comment']);
  });
});

describe('weightedTotal', () => {
  it('weights the scores (hand-checked)', () => {
    // (4·25 + 3.5·25 + 3·20 + 2.5·20 + 5·10) / 100 = 347.5 / 100
    expect(weightedTotal(lifd, full)).toBe(3.475);
    // (7·40 + 6.5·30 + 8·30) / 100 = 715 / 100
    expect(weightedTotal(st, s({ public_benefit: 7, feasibility: 6.5, sustainability: 8 }))).toBe(7.15);
  });

  it('rounds to 4 decimals', () => {
    const equal: Jury = { ...st, criteria: st.criteria.map((c) => ({ ...c, weight: 1 })) };
    expect(weightedTotal(equal, s({ public_benefit: 1, feasibility: 1, sustainability: 0 }))).toBe(0.6667); // 2/3
  });

  it('throws when a criterion is missing', () => {
    expect(() => weightedTotal(st, s({ public_benefit: 7, feasibility: 6.5 }))).toThrow(/sustainability/);
  });
});

describe('knockedOut', () => {
  it('lists criteria scored below their threshold', () => {
    expect(knockedOut(lifd, { ...full, feasibility: { score: 1.5 } })).toEqual(['feasibility']);
    expect(knockedOut(lifd, { ...full, feasibility: { score: 2 } })).toEqual([]);
    expect(knockedOut(st, s({ public_benefit: 0, feasibility: 2.5, sustainability: 0 }))).toEqual(['feasibility']);
  });
});

describe('aggregate, spread, disagreement', () => {
  it('takes the mean (LIfD) or median (ST)', () => {
    expect(aggregate(lifd, [3.475, 2.8])).toBe(3.1375);
    expect(aggregate(lifd, [1, 1, 2])).toBe(1.3333);
    expect(aggregate(st, [7.15, 4, 9])).toBe(7.15);
    expect(aggregate(st, [7, 4])).toBe(5.5);
    expect(aggregate(st, [])).toBeNull();
  });

  it('computes the spread', () => {
    expect(spread([3.475, 2.8, 4.1])).toBe(1.3);
    expect(spread([0.3, 0.1])).toBe(0.2);
    expect(spread([5])).toBe(0);
    expect(spread([])).toBe(0);
  });

  it('flags a spread above the jury threshold', () => {
    expect(disagreement(lifd, [2, 3.5])).toBe(false); // exactly 1.5
    expect(disagreement(lifd, [2, 3.5001])).toBe(true);
    expect(disagreement(st, [4, 7.5])).toBe(true);
    expect(disagreement(st, [4])).toBe(false);
  });
});

describe('reviewerStats', () => {
  it('computes mean, population SD and deviation from the panel (hand-checked)', () => {
    // case means: c1 (4, 2) = 3; c2 (3, 3, 4.5) = 3.5; c3 (1, 2) = 1.5
    const stats = reviewerStats([
      { reviewerId: 'C', caseId: 'c2', total: 4.5 },
      { reviewerId: 'A', caseId: 'c1', total: 4 },
      { reviewerId: 'B', caseId: 'c1', total: 2 },
      { reviewerId: 'A', caseId: 'c2', total: 3 },
      { reviewerId: 'B', caseId: 'c2', total: 3 },
      { reviewerId: 'B', caseId: 'c3', total: 1 },
      { reviewerId: 'C', caseId: 'c3', total: 2 },
    ]);
    expect(stats).toEqual([
      // A: (4, 3) → mean 3.5, SD 0.5; deviations +1, −0.5 → 0.25
      { reviewerId: 'A', reviews: 2, mean: 3.5, standardDeviation: 0.5, deviationFromPanel: 0.25 },
      // B: (2, 3, 1) → mean 2, SD √(2/3); deviations −1, −0.5, −0.5 → −2/3
      { reviewerId: 'B', reviews: 3, mean: 2, standardDeviation: 0.8165, deviationFromPanel: -0.6667 },
      // C: (4.5, 2) → mean 3.25, SD 1.25; deviations +1, +0.5 → 0.75
      { reviewerId: 'C', reviews: 2, mean: 3.25, standardDeviation: 1.25, deviationFromPanel: 0.75 },
    ]);
    expect(reviewerStats([])).toEqual([]);
  });
});

describe('rank', () => {
  const entry = (caseId: string, score: number | null, grant: number, extra: Partial<RankingEntry> = {}): RankingEntry => ({
    caseId,
    fileNumber: `F-${caseId}`,
    score,
    criterionMeans: {},
    requestedGrantCents: grant,
    submittedAt: '2025-03-01T12:00:00Z',
    knockedOut: false,
    ...extra,
  });

  it('orders as comparing every pair afresh does (scores, means, grants and instants computed once per entry)', () => {
    // the comparison before issue #11's speed-up: rounded score, then each tie-break rule, then file number and id
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4 || 0;
    const at = (t: string) => (Number.isNaN(Date.parse(t)) ? Number.POSITIVE_INFINITY : Date.parse(t));
    const str = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
    const reference = (jury: Jury, es: RankingEntry[]) =>
      [...es].filter((e) => e.score !== null && r4(e.score) >= jury.minimumScore && !e.knockedOut).sort((a, b) => {
        const d = r4(b.score!) - r4(a.score!);
        if (d) return d;
        for (const rule of jury.tieBreak) {
          let x = 0;
          if (rule === 'criterion' && jury.tieBreakCriterion) {
            x = (b.criterionMeans[jury.tieBreakCriterion] ?? -Infinity) - (a.criterionMeans[jury.tieBreakCriterion] ?? -Infinity);
            if (Number.isNaN(x)) x = 0;
          } else if (rule === 'lower_grant') x = a.requestedGrantCents - b.requestedGrantCents;
          else if (rule === 'earlier_submission') x = at(a.submittedAt) - at(b.submittedAt);
          if (x !== 0) return x;
        }
        return str(a.fileNumber, b.fileNumber) || str(a.caseId, b.caseId);
      });
    // 400 entries from a fixed sequence, many ties on every key, some without a means, a date or a file number
    let seed = 7;
    const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const entriesFor = (jury: Jury) => Array.from({ length: 400 }, (_, i) =>
      entry(`c${String(next(1000)).padStart(3, '0')}-${i}`, next(9) === 0 ? null : jury.minimumScore - 1 + next(7) * 0.5 + (next(3) === 0 ? 0.00004 : 0), 10_000 * (1 + next(4)), {
        fileNumber: next(10) === 0 ? null : `F-${next(50)}`,
        criterionMeans: next(5) === 0 ? {} : { regional_impact: next(6) * 0.5 },
        submittedAt: next(8) === 0 ? 'unbekannt' : `2025-03-0${1 + next(3)}T12:00:00Z`,
        knockedOut: next(12) === 0,
      }),
    );
    for (const jury of [lifd, st]) {
      const entries = entriesFor(jury);
      const ranked = rank(jury, 2_000_000, entries).filter((e) => e.fundable).map((e) => e.caseId);
      expect(ranked.length).toBeGreaterThan(200);
      expect(ranked).toEqual(reference(jury, entries).map((e) => e.caseId));
    }
  });

  it('ranks LIfD concepts with tie-breakers and draws the funding line (budget 1,000,000 ct)', () => {
    const entries = [
      entry('I', null, 100_000),
      entry('H', 2.4, 10_000),
      entry('B', 3.8, 300_000, { criterionMeans: { regional_impact: 4 }, submittedAt: '2025-03-02T09:00:00Z' }),
      entry('F', 2.9, 50_000),
      entry('G', 4.5, 100_000, { knockedOut: true }),
      entry('C', 3.8, 200_000, { criterionMeans: { regional_impact: 4.5 }, submittedAt: '2025-03-05T09:00:00Z' }),
      entry('E', 3, 250_000),
      entry('A', 4.2, 400_000),
      entry('J', 2.5, 10_000),
      entry('D', 3.8, 100_000, { criterionMeans: { regional_impact: 4 }, submittedAt: '2025-03-01T09:00:00Z' }),
    ];
    const r = rank(lifd, 1_000_000, entries);
    const view = r.map((e) => [e.caseId, e.rank, e.tie, e.fundable, e.belowMinimum, e.knockedOut, e.cumulativeGrantCents, e.aboveFundingLine]);
    expect(view).toEqual([
      ['A', 1, false, true, false, false, 400_000, true],
      ['C', 2, true, true, false, false, 600_000, true], // regional_impact 4.5 beats 4
      ['D', 3, true, true, false, false, 700_000, true], // regional_impact 4 = B's, submitted earlier
      ['B', 4, true, true, false, false, 1_000_000, true], // exactly the budget: still above
      ['E', 5, false, true, false, false, 1_250_000, false], // first that does not fit: the line
      ['F', 6, false, true, false, false, 1_300_000, false], // would fit alone, but no skipping
      ['J', 7, false, true, false, false, 1_310_000, false], // 2.5 = minimum: fundable
      ['G', null, false, false, false, true, null, false], // knocked out despite 4.5
      ['H', null, false, false, true, false, null, false],
      ['I', null, false, false, false, false, null, false], // reviews missing
    ]);
    expect(r[0]).toMatchObject({ fileNumber: 'F-A', requestedGrantCents: 400_000, score: 4.2 });
  });

  it('ST: lower grant, then earlier instant, then file number; ties at 4 decimals', () => {
    const entries = [
      entry('late', 6, 50_000, { fileNumber: 'S-001', submittedAt: '2025-03-01T09:30:00Z' }),
      entry('early', 6.00001, 50_000, { fileNumber: 'S-009', submittedAt: '2025-03-01T10:00:00+02:00' }), // 08:00Z
      entry('cheap', 6, 40_000, { fileNumber: 'S-010' }),
      entry('f3', 6, 60_000, { fileNumber: 'S-003' }),
      entry('f2', 6, 60_000, { fileNumber: 'S-002' }),
      entry('top', 9, 500_000, { fileNumber: 'S-100' }),
    ];
    const r = rank(st, 600_000, entries);
    expect(r.map((e) => [e.caseId, e.rank, e.tie, e.cumulativeGrantCents, e.aboveFundingLine])).toEqual([
      ['top', 1, false, 500_000, true],
      ['cheap', 2, true, 540_000, true],
      ['early', 3, true, 590_000, true],
      ['late', 4, true, 640_000, false],
      ['f2', 5, true, 700_000, false],
      ['f3', 6, true, 760_000, false],
    ]);
  });

  it('returns nothing for nothing and handles an entry over the whole budget', () => {
    expect(rank(st, 100, [])).toEqual([]);
    const r = rank(st, 100, [entry('big', 8, 200), entry('small', 7, 50)]);
    expect(r.map((e) => e.aboveFundingLine)).toEqual([false, false]);
  });
});
