import { type Candidate, type ConceptToStaff, conflictOf, planAssignments } from './assignment';

const reviewer = (reviewerId: string, extra: Partial<Candidate> = {}): Candidate => ({ reviewerId, organisationIds: [], districts: [], ...extra });
const concept = (caseId: string, extra: Partial<ConceptToStaff> = {}): ConceptToStaff => ({
  caseId,
  organisationId: `org-${caseId}`,
  districts: ['14713'],
  assigned: [],
  unavailable: [],
  ...extra,
});
const loads = (assignments: { reviewerId: string }[]) =>
  assignments.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.reviewerId]: (acc[a.reviewerId] ?? 0) + 1 }), {});
const twelve = (extra: (i: number) => Partial<ConceptToStaff> = () => ({})) =>
  Array.from({ length: 12 }, (_, i) => concept(`c${String(i + 1).padStart(2, '0')}`, extra(i + 1)));

describe('conflictOf', () => {
  it('detects organisation before district', () => {
    const c = { organisationId: 'org-1', districts: ['14612', '14713'] };
    expect(conflictOf(reviewer('r', { organisationIds: ['org-1'], districts: ['14612'] }), c)).toBe('organisation');
    expect(conflictOf(reviewer('r', { organisationIds: ['org-2'], districts: ['14713'] }), c)).toBe('district');
    expect(conflictOf(reviewer('r', { organisationIds: ['org-2'], districts: ['14511'] }), c)).toBeNull();
  });
});

describe('planAssignments', () => {
  const four = ['r1', 'r2', 'r3', 'r4'].map((id) => reviewer(id));

  it('12 concepts × 2 over 4 reviewers → 6 each, ties by reviewerId', () => {
    const plan = planAssignments(2, twelve(), four, {});
    expect(loads(plan.assignments)).toEqual({ r1: 6, r2: 6, r3: 6, r4: 6 });
    expect(plan.assignments.slice(0, 4)).toEqual([
      { caseId: 'c01', reviewerId: 'r1' },
      { caseId: 'c01', reviewerId: 'r2' },
      { caseId: 'c02', reviewerId: 'r3' },
      { caseId: 'c02', reviewerId: 'r4' },
    ]);
    expect(plan.exclusions).toEqual([]);
    expect(plan.unfilled).toEqual([]);
  });

  it('balances around a reviewer who conflicts with 9 of 12 concepts', () => {
    const r4 = reviewer('r4', { districts: ['14612'] });
    const plan = planAssignments(2, twelve((i) => ({ districts: i <= 9 ? ['14612'] : ['14713'] })), [...four.slice(0, 3), r4], {});
    // c01–c09: 18 assignments over r1–r3 = 6 each; c10–c12: r4 (lowest) plus r1, r2, r3 in turn
    expect(loads(plan.assignments)).toEqual({ r1: 7, r2: 7, r3: 7, r4: 3 });
    expect(plan.exclusions).toHaveLength(9);
    expect(plan.exclusions[0]).toEqual({ caseId: 'c01', reviewerId: 'r4', reason: 'district' });
    expect(plan.unfilled).toEqual([]);
  });

  it('counts the current load and the reviewers already active; skips the unavailable', () => {
    const plan = planAssignments(
      2,
      [concept('a'), concept('b', { assigned: ['r1'], unavailable: ['r2'] }), concept('c', { assigned: ['r1', 'r2'] })],
      four,
      { r1: 3, r2: 1 },
    );
    // a: r3 (0), r4 (0) → r3 1, r4 1; b: needs one, r3 and r4 at 1 → r3
    expect(plan.assignments).toEqual([
      { caseId: 'a', reviewerId: 'r3' },
      { caseId: 'a', reviewerId: 'r4' },
      { caseId: 'b', reviewerId: 'r3' },
    ]);
    expect(plan.unfilled).toEqual([]);
  });

  it('reports unfilled concepts and records each conflict once', () => {
    const reviewers = [
      reviewer('r1', { organisationIds: ['org-x'] }),
      reviewer('r2', { districts: ['14612'] }),
      reviewer('r3', { districts: ['14612'] }),
    ];
    const plan = planAssignments(
      2,
      [
        concept('all', { organisationId: 'org-x', districts: ['14612'] }), // everybody conflicts
        concept('one', { districts: ['14612'] }), // only r1 eligible
        concept('known', { organisationId: 'org-x', unavailable: ['r1'], assigned: ['r2', 'r3'] }), // already decided
      ],
      reviewers,
      {},
    );
    expect(plan.assignments).toEqual([{ caseId: 'one', reviewerId: 'r1' }]);
    expect(plan.exclusions).toEqual([
      { caseId: 'all', reviewerId: 'r1', reason: 'organisation' },
      { caseId: 'all', reviewerId: 'r2', reason: 'district' },
      { caseId: 'all', reviewerId: 'r3', reason: 'district' },
      { caseId: 'one', reviewerId: 'r2', reason: 'district' },
      { caseId: 'one', reviewerId: 'r3', reason: 'district' },
    ]);
    expect(plan.unfilled).toEqual([
      { caseId: 'all', missing: 2 },
      { caseId: 'one', missing: 1 },
    ]);
  });
});
