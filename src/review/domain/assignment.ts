export interface Candidate {
  reviewerId: string;
  organisationIds: string[];
  /** 5-digit district keys. */
  districts: string[];
}

export interface ConceptToStaff {
  caseId: string;
  organisationId: string;
  /** Districts (5 digits) of the applicant organisation's AGS and of the space's location AGS. */
  districts: string[];
  /** Reviewers active on it. */
  assigned: string[];
  /** Reviewers who declared a conflict or were excluded. */
  unavailable: string[];
}

export type ConflictReason = 'organisation' | 'district';

/** Why a reviewer may not review a concept: same organisation, or a shared district; null when none. */
export function conflictOf(c: Candidate, concept: { organisationId: string; districts: string[] }): ConflictReason | null {
  if (c.organisationIds.includes(concept.organisationId)) return 'organisation';
  if (c.districts.some((d) => concept.districts.includes(d))) return 'district';
  return null;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Balanced assignment: concepts in the given order; each is filled up to `perConcept` active reviewers with the
 * eligible reviewer of lowest load (including this plan's assignments), ties by reviewerId.
 */
export function planAssignments(
  perConcept: number,
  concepts: ConceptToStaff[],
  reviewers: Candidate[],
  currentLoad: Record<string, number>,
): {
  assignments: { caseId: string; reviewerId: string }[];
  exclusions: { caseId: string; reviewerId: string; reason: ConflictReason }[];
  unfilled: { caseId: string; missing: number }[];
} {
  const pool = [...new Map(reviewers.map((r) => [r.reviewerId, r])).values()].sort((a, b) => byId(a.reviewerId, b.reviewerId));
  const load = new Map(pool.map((r) => [r.reviewerId, currentLoad[r.reviewerId] ?? 0]));
  const assignments: { caseId: string; reviewerId: string }[] = [];
  const exclusions: { caseId: string; reviewerId: string; reason: ConflictReason }[] = [];
  const unfilled: { caseId: string; missing: number }[] = [];

  for (const concept of concepts) {
    const active = new Set(concept.assigned);
    const unavailable = new Set(concept.unavailable);
    const eligible: Candidate[] = [];
    for (const r of pool) {
      if (active.has(r.reviewerId) || unavailable.has(r.reviewerId)) continue; // already decided on this concept
      const reason = conflictOf(r, concept);
      if (reason) exclusions.push({ caseId: concept.caseId, reviewerId: r.reviewerId, reason });
      else eligible.push(r);
    }
    let missing = Math.max(0, perConcept - active.size);
    while (missing > 0 && eligible.length > 0) {
      let best = 0; // pool order is by reviewerId, so the first lowest load wins ties
      for (let i = 1; i < eligible.length; i++) {
        if (load.get(eligible[i].reviewerId)! < load.get(eligible[best].reviewerId)!) best = i;
      }
      const [chosen] = eligible.splice(best, 1);
      load.set(chosen.reviewerId, load.get(chosen.reviewerId)! + 1);
      assignments.push({ caseId: concept.caseId, reviewerId: chosen.reviewerId });
      missing--;
    }
    if (missing > 0) unfilled.push({ caseId: concept.caseId, missing });
  }
  return { assignments, exclusions, unfilled };
}
