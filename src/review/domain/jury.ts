import type { Jury } from '../../guidelines/guideline.types';
import type { CheckFailure } from '../../guidelines/workflow/check-failure';

/** Scores of one review, by criterion code. */
export type Scores = Record<string, { score: number; comment?: string }>;

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4 || 0; // `|| 0` turns -0 into 0

const isValidScore = (jury: Jury, s: unknown): s is number =>
  typeof s === 'number' && Number.isFinite(s) && s >= jury.scale.min && s <= jury.scale.max && Number.isInteger(s * 2);

/** Problems with a review's scores; 'submit' additionally requires every criterion and the comments on low scores. */
export function scoreProblems(jury: Jury, scores: Scores, mode: 'draft' | 'submit'): CheckFailure[] {
  const problems: CheckFailure[] = [];
  const known = new Map(jury.criteria.map((c) => [c.code, c]));
  for (const code of Object.keys(scores ?? {})) {
    if (!known.has(code)) problems.push({ code: 'CRITERION_UNKNOWN', field: `scores.${code}`, message: `The jury has no criterion "${code}".` });
  }
  for (const c of jury.criteria) {
    const entry = scores?.[c.code];
    if (entry === undefined || entry === null) {
      if (mode === 'submit') problems.push({ code: 'SCORE_REQUIRED', field: `scores.${c.code}`, message: `Score "${c.label}".` });
      continue;
    }
    if (!isValidScore(jury, entry.score)) {
      problems.push({
        code: 'SCORE_INVALID',
        field: `scores.${c.code}`,
        message: `The score for "${c.label}" must be between ${jury.scale.min} and ${jury.scale.max} in steps of 0.5.`,
      });
      continue;
    }
    const hasComment = typeof entry.comment === 'string' && entry.comment.trim() !== '';
    if (mode === 'submit' && entry.score <= jury.commentRequiredAtOrBelow && !hasComment) {
      problems.push({
        code: 'COMMENT_REQUIRED',
        field: `scores.${c.code}.comment`,
        message: `Explain a score of ${jury.commentRequiredAtOrBelow} or less for "${c.label}".`,
      });
    }
  }
  return problems;
}

/** Weighted mean of the scores over all criteria; throws when a criterion has no valid number. */
export function weightedTotal(jury: Jury, scores: Scores): number {
  return weightedTotalOf(jury, scoreValues(jury, scores));
}

/** Codes of the criteria scored below their knock-out threshold. */
export function knockedOut(jury: Jury, scores: Scores): string[] {
  return knockedOutOf(jury, scoreValues(jury, scores));
}

/** A review's scores in the order of the jury's criteria (undefined where one is missing): what the ranking reads. */
export function scoreValues(jury: Jury, scores: Scores): (number | undefined)[] {
  return jury.criteria.map((c) => scores[c.code]?.score);
}

/** `weightedTotal` of scores in the order of the criteria. */
export function weightedTotalOf(jury: Jury, values: readonly (number | null | undefined)[]): number {
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < jury.criteria.length; i++) {
    const c = jury.criteria[i];
    const s = values[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new Error(`weightedTotal: no score for criterion "${c.code}"`);
    sum += s * c.weight;
    weights += c.weight;
  }
  if (weights === 0) throw new Error('weightedTotal: the criteria have no weight');
  return round4(sum / weights);
}

/** `knockedOut` of scores in the order of the criteria. */
export function knockedOutOf(jury: Jury, values: readonly (number | null | undefined)[]): string[] {
  const codes: string[] = [];
  for (let i = 0; i < jury.criteria.length; i++) {
    const c = jury.criteria[i];
    const s = values[i];
    if (c.knockOutBelow !== undefined && typeof s === 'number' && s < c.knockOutBelow) codes.push(c.code);
  }
  return codes;
}

/** The panel's score from the reviewers' totals; null without totals. */
export function aggregate(jury: Jury, totals: number[]): number | null {
  if (totals.length === 0) return null;
  if (jury.aggregation === 'median') {
    const s = [...totals].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return round4(s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2);
  }
  return round4(totals.reduce((a, b) => a + b, 0) / totals.length);
}

export function spread(values: number[]): number {
  if (values.length < 2) return 0;
  return round4(Math.max(...values) - Math.min(...values));
}

export function disagreement(jury: Jury, totals: number[]): boolean {
  return spread(totals) > jury.disagreementSpread;
}

export interface ReviewerStats {
  reviewerId: string;
  reviews: number;
  mean: number;
  standardDeviation: number;
  /** Mean of (own total − mean of all totals of that case); positive = more generous than the panel. */
  deviationFromPanel: number;
}

/** Statistics per reviewer over the submitted reviews of one call. */
export function reviewerStats(reviews: { reviewerId: string; caseId: string; total: number }[]): ReviewerStats[] {
  const byCase = new Map<string, number[]>();
  const byReviewer = new Map<string, { total: number; caseId: string }[]>();
  for (const r of reviews) {
    byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r.total]);
    byReviewer.set(r.reviewerId, [...(byReviewer.get(r.reviewerId) ?? []), r]);
  }
  const caseMean = new Map([...byCase].map(([id, t]) => [id, t.reduce((a, b) => a + b, 0) / t.length]));
  return [...byReviewer.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((reviewerId) => {
      const own = byReviewer.get(reviewerId)!;
      const n = own.length;
      const mean = own.reduce((a, r) => a + r.total, 0) / n;
      const variance = own.reduce((a, r) => a + (r.total - mean) ** 2, 0) / n;
      const deviation = own.reduce((a, r) => a + (r.total - caseMean.get(r.caseId)!), 0) / n;
      return { reviewerId, reviews: n, mean: round4(mean), standardDeviation: round4(Math.sqrt(variance)), deviationFromPanel: round4(deviation) };
    });
}

export interface RankingEntry {
  caseId: string;
  fileNumber: string | null;
  /** Aggregated panel score; null while reviews are missing. */
  score: number | null;
  criterionMeans: Record<string, number>;
  requestedGrantCents: number;
  /** ISO instant. */
  submittedAt: string;
  knockedOut: boolean;
}

export interface RankedEntry extends RankingEntry {
  rank: number | null;
  tie: boolean;
  belowMinimum: boolean;
  fundable: boolean;
  cumulativeGrantCents: number | null;
  aboveFundingLine: boolean;
}

const cmpStr = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1; // null last

const instant = (s: string): number => {
  const t = Date.parse(s);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

/** Ranking of a call's concepts with tie-breakers and the funding line for the budget. */
export function rank(jury: Jury, budgetCents: number, entries: RankingEntry[]): RankedEntry[] {
  const score = (e: RankingEntry) => round4(e.score as number);
  // the sort compares each entry some log2(n) times: its rounded score and submission instant are computed once
  type Keyed = { e: RankingEntry; score: number; submitted: number };
  const keyed = (e: RankingEntry): Keyed => ({ e, score: score(e), submitted: instant(e.submittedAt) });
  const tieBreak = (x: Keyed, y: Keyed): number => {
    const a = x.e;
    const b = y.e;
    // an indexed loop: `for…of` made an iterator in each of the sort's ~60,000 comparisons of 5,000 concepts
    for (let i = 0; i < jury.tieBreak.length; i++) {
      const rule = jury.tieBreak[i];
      let d = 0;
      if (rule === 'criterion' && jury.tieBreakCriterion) {
        const c = jury.tieBreakCriterion;
        d = (b.criterionMeans[c] ?? Number.NEGATIVE_INFINITY) - (a.criterionMeans[c] ?? Number.NEGATIVE_INFINITY);
        if (Number.isNaN(d)) d = 0; // both missing
      } else if (rule === 'lower_grant') d = a.requestedGrantCents - b.requestedGrantCents;
      else if (rule === 'earlier_submission') d = x.submitted - y.submitted;
      if (d !== 0) return d;
    }
    return cmpStr(a.fileNumber, b.fileNumber) || cmpStr(a.caseId, b.caseId);
  };
  const byScore = (a: Keyed, b: Keyed) => b.score - a.score || tieBreak(a, b);
  const sorted = (es: RankingEntry[]) => es.map(keyed).sort(byScore).map((k) => k.e);

  const scored = entries.filter((e) => e.score !== null);
  const isFundable = (e: RankingEntry) => score(e) >= jury.minimumScore && !e.knockedOut;
  const fundable = sorted(scored.filter(isFundable));
  const notFundable = sorted(scored.filter((e) => !isFundable(e)));
  const unscored = entries
    .filter((e) => e.score === null)
    .sort((a, b) => cmpStr(a.fileNumber, b.fileNumber) || cmpStr(a.caseId, b.caseId));

  const scoreCount = new Map<number, number>();
  for (const e of fundable) scoreCount.set(score(e), (scoreCount.get(score(e)) ?? 0) + 1);

  // The entry's fields as RankingEntry names them, written out: a call's 5,000 entries copied by spreading (and
  // spread again by the callers) made the largest share of a ranking's garbage.
  const entry = (e: RankingEntry, rest: Omit<RankedEntry, keyof RankingEntry>): RankedEntry => ({
    caseId: e.caseId,
    fileNumber: e.fileNumber,
    score: e.score,
    criterionMeans: e.criterionMeans,
    requestedGrantCents: e.requestedGrantCents,
    submittedAt: e.submittedAt,
    knockedOut: e.knockedOut,
    rank: rest.rank,
    tie: rest.tie,
    belowMinimum: rest.belowMinimum,
    fundable: rest.fundable,
    cumulativeGrantCents: rest.cumulativeGrantCents,
    aboveFundingLine: rest.aboveFundingLine,
  });
  let cumulative = 0;
  let lineOpen = true;
  const ranked: RankedEntry[] = fundable.map((e, i) => {
    cumulative += e.requestedGrantCents;
    if (cumulative > budgetCents) lineOpen = false;
    return entry(e, {
      rank: i + 1,
      tie: scoreCount.get(score(e))! > 1,
      belowMinimum: false,
      fundable: true,
      cumulativeGrantCents: cumulative,
      aboveFundingLine: lineOpen,
    });
  });
  const rest = (e: RankingEntry): RankedEntry => entry(e, {
    rank: null,
    tie: false,
    belowMinimum: e.score !== null && score(e) < jury.minimumScore,
    fundable: false,
    cumulativeGrantCents: null,
    aboveFundingLine: false,
  });
  return [...ranked, ...notFundable.map(rest), ...unscored.map(rest)];
}
