import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Case } from '../guidelines/workflow/case.entity';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { ApplicationsService } from '../applications/applications.service';
import { DirectoryService } from '../platform/accounts/directory.service';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { assertOrganisationAccess } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { ValidationError } from '../platform/errors/domain-error';
import { toCsv } from './domain/csv';
import { aggregate, disagreement, knockedOutOf, rank, RankedEntry, reviewerStats, spread, weightedTotalOf } from './domain/jury';
import { JuryOutcomeDto } from './dto/review.dto';
import { ReviewRepository } from './review.repository';

export interface ConceptResult {
  caseId: string;
  fileNumber: string | null;
  title: string;
  state: string;
  organisationId: string;
  requestedGrantCents: number;
  submittedAt: string;
  /** Only where asked for (the review results); the ranking and the workflow's checks read none. */
  reviews?: { reviewerId: string; total: number; knockedOut: string[] }[];
  /** Active reviewers on the concept (0 while none is assigned). */
  reviewersAssigned: number;
  missingReviews: number;
  /** No review submitted yet: no score, never ranked or funded until reviewed. */
  unreviewed: boolean;
  score: number | null;
  spread: number;
  disagreement: boolean;
  disagreementResolved: boolean;
  knockedOut: boolean;
  criterionMeans: Record<string, number>;
}

export type RankingView = { budgetCents: number; entries: (RankedEntry & { title: string; state: string; unreviewed: boolean; reviewersAssigned: number; missingReviews: number })[] };

/** The jury's results: scores per concept and reviewer, the ranking with its funding line, and the outcome. */
@Injectable()
export class RankingService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly workflow: WorkflowService,
    private readonly applications: ApplicationsService,
    private readonly directory: DirectoryService,
  ) {}

  /** Transactions of a jury outcome: the results of each call (by guideline version and call) computed in them. */
  private readonly pinned = new WeakMap<EntityManager, Map<GuidelineDefinition, Map<string, Promise<ConceptResult[]>>>>();
  private readonly pinnedViews = new WeakMap<EntityManager, Map<string, Promise<RankingView>>>();
  /** The call records read in a jury outcome's transaction (nothing there changes them). */
  private readonly pinnedCalls = new WeakMap<EntityManager, Map<string, ReturnType<ReviewRepository['callOf']>>>();

  /** Every concept's reviews and score (also those in review without any yet), and how each reviewer scores across the call. */
  async results(guidelineCode: string, callCode: string, em: EntityManager = this.repo.manager) {
    const { definition } = await this.repo.callOf(guidelineCode, callCode);
    const concepts = await this.readConceptResults(em, definition, callCode, undefined, true);
    const stats = reviewerStats(concepts.flatMap((c) => c.reviews!.map((r) => ({ reviewerId: r.reviewerId, caseId: c.caseId, total: r.total }))));
    return { concepts, reviewers: stats };
  }

  /** The ranking; concepts still unreviewed are listed after the ranked ones, without rank, never above the funding line. */
  async ranking(guidelineCode: string, callCode: string, em: EntityManager = this.repo.manager): Promise<RankingView> {
    // in a jury outcome, the checks of one step share one ranking (a step's state change drops it)
    const views = this.pinnedViews.get(em);
    const key = `${guidelineCode}\n${callCode}`;
    if (!views) return this.computeRanking(guidelineCode, callCode, em);
    if (!views.has(key)) views.set(key, this.computeRanking(guidelineCode, callCode, em));
    return views.get(key)!;
  }

  /** The call with the guideline in force; in a jury outcome's transaction read once for all its steps. */
  callOf(guidelineCode: string, callCode: string, em: EntityManager): ReturnType<ReviewRepository['callOf']> {
    const calls = this.pinnedCalls.get(em);
    if (!calls) return this.repo.callOf(guidelineCode, callCode, em);
    const key = `${guidelineCode}\n${callCode}`;
    if (!calls.has(key)) calls.set(key, this.repo.callOf(guidelineCode, callCode, em));
    return calls.get(key)!;
  }

  private async computeRanking(guidelineCode: string, callCode: string, em: EntityManager): Promise<RankingView> {
    const { definition, call } = await this.callOf(guidelineCode, callCode, em);
    const budgetCents = call.budgets.reduce((sum, b) => sum + b.amountCents, 0);
    const concepts = await this.conceptResults(em, definition, callCode);
    const byId = new Map(concepts.map((c) => [c.caseId, c]));
    const ranked = rank(
      definition.jury,
      budgetCents,
      concepts.map((c) => ({
        caseId: c.caseId,
        fileNumber: c.fileNumber,
        score: c.score,
        criterionMeans: c.criterionMeans,
        requestedGrantCents: c.requestedGrantCents,
        submittedAt: c.submittedAt,
        knockedOut: c.knockedOut,
      })),
    );
    return {
      budgetCents,
      // written out rather than spread: see rank()
      entries: ranked.map((e) => {
        const c = byId.get(e.caseId)!;
        return {
          caseId: e.caseId,
          fileNumber: e.fileNumber,
          score: e.score,
          criterionMeans: e.criterionMeans,
          requestedGrantCents: e.requestedGrantCents,
          submittedAt: e.submittedAt,
          knockedOut: e.knockedOut,
          rank: e.rank,
          tie: e.tie,
          belowMinimum: e.belowMinimum,
          fundable: e.fundable,
          cumulativeGrantCents: e.cumulativeGrantCents,
          aboveFundingLine: e.aboveFundingLine,
          title: c.title,
          state: c.state,
          unreviewed: c.unreviewed,
          reviewersAssigned: c.reviewersAssigned,
          missingReviews: c.missingReviews,
        };
      }),
    };
  }

  async rankingCsv(guidelineCode: string, callCode: string): Promise<string> {
    const { entries } = await this.ranking(guidelineCode, callCode);
    const header = ['rank', 'file_number', 'title', 'score', 'tie', 'requested_grant_eur', 'cumulative_grant_eur', 'above_funding_line', 'below_minimum', 'knocked_out', 'state'];
    const euros = (cents: number | null) => (cents === null ? '' : `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    return toCsv(
      header,
      entries.map((e) => [e.rank, e.fileNumber, e.title, e.score, e.tie, euros(e.requestedGrantCents), euros(e.cumulativeGrantCents), e.aboveFundingLine, e.belowMinimum, e.knockedOut, e.state]),
    );
  }

  /** Invite or reject, one by one or the whole ranking at once; all in one transaction, so it lands whole or not at all. */
  async juryOutcome(actor: Actor, guidelineCode: string, callCode: string, dto: JuryOutcomeDto) {
    const { definition } = await this.repo.callOf(guidelineCode, callCode);
    if (!dto.decisions?.length && !dto.rejectAllOthersWithReason) {
      throw new ValidationError('DECISIONS_REQUIRED', 'Give decisions, or rejectAllOthersWithReason to apply the whole ranking.');
    }
    const assignable = this.repo.assignableStates(definition);
    return this.repo.transaction(async (em) => {
      // the checks of every step below read the call's results from this one computation
      this.pinned.set(em, new Map());
      this.pinnedViews.set(em, new Map());
      this.pinnedCalls.set(em, new Map());
      let decisions: { caseId: string; outcome: string; reason?: string }[] = dto.decisions ?? [];
      if (dto.rejectAllOthersWithReason) {
        const { entries } = await this.ranking(guidelineCode, callCode, em);
        // a concept no reviewer has been assigned to yet is not part of the jury's ranking: it waits for its reviews
        const open = entries.filter((e) => (assignable.includes(e.state) && e.reviewersAssigned > 0) || e.state === this.repo.rankedState(definition));
        decisions = open.map((e) => ({ caseId: e.caseId, outcome: e.aboveFundingLine ? 'invite' : 'reject', reason: e.aboveFundingLine ? undefined : dto.rejectAllOthersWithReason }));
      }
      const results: { caseId: string; outcome: string; state: string }[] = [];
      for (const d of decisions) {
        if (d.outcome === 'reject' && !d.reason) throw new ValidationError('REASON_REQUIRED', 'A rejection needs a reason.', { caseId: d.caseId });
      }
      // every case read at once, and each step handed the case as the step before left it: 1,000 reads fewer for 500
      // concepts. A case decided twice is read again for its second decision.
      const loaded = new Map((await em.findBy(Case, { id: In([...new Set(decisions.map((d) => d.caseId))]) })).map((c) => [c.id, c]));
      // and the addresses of the applicants that the steps mail, at once too
      await this.directory.readEmailsAhead(em, [...new Set([...loaded.values()].map((c) => c.createdBy))]);
      for (const d of decisions) {
        let current = loaded.get(d.caseId);
        loaded.delete(d.caseId);
        current ??= await this.workflow.getCase(actor, d.caseId, em);
        assertOrganisationAccess(actor, current.organisationId, 'The case', 'CASE_NOT_FOUND');
        if (current.callCode !== callCode) throw new ValidationError('CASE_NOT_IN_CALL', 'The case belongs to another call.', { caseId: d.caseId });
        if (assignable.includes(current.state)) {
          current = await this.workflow.transition(actor, { caseId: d.caseId, transition: 'rank_concept' }, em, current);
          await this.noteState(em, d.caseId, current.state);
        }
        const moved = await this.workflow.transition(actor, { caseId: d.caseId, transition: d.outcome === 'invite' ? 'invite_to_application' : 'reject_concept', reason: d.reason }, em, current);
        await this.noteState(em, d.caseId, moved.state);
        results.push({ caseId: d.caseId, outcome: d.outcome, state: moved.state });
      }
      return { results };
    });
  }

  // --- what the workflow checks need

  /** The result of a case the workflow check has loaded with its guideline version. */
  async conceptResult(em: EntityManager, definition: GuidelineDefinition, found: { id: string; callCode: string }): Promise<ConceptResult> {
    const [result] = await this.conceptResults(em, definition, found.callCode, found.id);
    return result;
  }

  /**
   * The concepts of a call that are with the jury (in review, whether or not a reviewer is assigned yet) or
   * were (they have assignments), unless the case has ended. In a transaction pinned by the jury outcome, the
   * call's results are read once; only the states its steps change are kept up to date (nothing else changes there).
   */
  private async conceptResults(em: EntityManager, def: GuidelineDefinition, callCode: string, onlyCaseId?: string): Promise<ConceptResult[]> {
    const memo = this.pinned.get(em);
    if (!memo) return this.readConceptResults(em, def, callCode, onlyCaseId);
    const calls = memo.get(def) ?? memo.set(def, new Map()).get(def)!;
    if (!calls.has(callCode)) calls.set(callCode, this.readConceptResults(em, def, callCode));
    const finalStates = new Set(def.workflow.states.filter((s) => s.final).map((s) => s.code));
    return (await calls.get(callCode)!).filter((c) => !finalStates.has(c.state) && (!onlyCaseId || c.caseId === onlyCaseId));
  }

  private async noteState(em: EntityManager, caseId: string, state: string): Promise<void> {
    // A concept that reaches a final state leaves the ranking, and the line moves: the rankings are computed again.
    // Any other step (ranked, invited) leaves every score, rank and the line as they were: only the state is noted.
    let leaves = false;
    for (const [def, calls] of this.pinned.get(em) ?? []) {
      for (const results of calls.values()) {
        const found = (await results).find((c) => c.caseId === caseId);
        if (!found) continue;
        found.state = state;
        if (def.workflow.states.some((s) => s.code === state && s.final)) leaves = true;
      }
    }
    const views = this.pinnedViews.get(em);
    if (!views) return;
    if (leaves) views.clear();
    for (const view of views.values()) {
      const entry = (await view).entries.find((e) => e.caseId === caseId);
      if (entry) entry.state = state;
    }
  }

  private async readConceptResults(em: EntityManager, def: GuidelineDefinition, callCode: string, onlyCaseId?: string, withReviews = false): Promise<ConceptResult[]> {
    const finalStates = def.workflow.states.filter((s) => s.final).map((s) => s.code);
    // three independent reads: outside a transaction they run side by side on the pool; a transaction has one
    // connection, which takes one statement at a time (pg warns of queued parallel queries), so there one by one
    const reads = [
      () =>
        em.query(
        `SELECT c.id, c.file_number, c.title, c.state, c.organisation_id,
                -- the instant as toISOString() writes it: 5,000 dates neither parsed nor formatted here
                to_char((SELECT min(t.occurred_at) FROM case_transitions t WHERE t.case_id = c.id AND t.transition = $6) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_at,
                EXISTS (SELECT 1 FROM review_resolutions x WHERE x.case_id = c.id) AS resolved
           FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id
          WHERE v.guideline_code = $1 AND c.call_code = $2 AND NOT (c.state = ANY($3))
            AND (c.state = ANY($5) OR EXISTS (SELECT 1 FROM review_assignments a WHERE a.case_id = c.id))
            AND ($4::uuid IS NULL OR c.id = $4)
          ORDER BY c.file_number`,
        [def.code, callCode, finalStates, onlyCaseId ?? null, this.repo.assignableStates(def), 'submit_concept'],
      ) as Promise<Record<string, any>[]>,
      () => this.repo.scoresOfCall(em, def.code, callCode, onlyCaseId ?? null, def.jury.criteria.map((k) => k.code), withReviews),
      () => this.applications.requestedGrants(em, def.code, callCode, 'concept', onlyCaseId),
    ] as const;
    const inTransaction = !!em.queryRunner?.isTransactionActive;
    const [cases, scores, grants] = inTransaction
      ? [await reads[0](), await reads[1](), await reads[2]()]
      : await Promise.all([reads[0](), reads[1](), reads[2]()]);
    const jury = def.jury;
    const n = jury.criteria.length;
    // indexed loops throughout: destructuring each review (`for (const [, values] of …)`) made three iterator
    // objects per review and criterion, a tenth of a 5,000-concept ranking's garbage
    return cases.map((c: Record<string, any>): ConceptResult => {
      const own = scores.get(c.id);
      const active = own?.active ?? 0;
      const submitted = own?.submitted ?? [];
      const reviews: ConceptResult['reviews'] = withReviews ? new Array(submitted.length) : undefined;
      const totals: number[] = new Array(submitted.length);
      const sums: number[] = new Array(n).fill(0);
      let knockedOut = false;
      for (let r = 0; r < submitted.length; r++) {
        const values = (withReviews ? submitted[r][1] : submitted[r]) as (number | null)[];
        const total = weightedTotalOf(jury, values);
        const knocked = knockedOutOf(jury, values);
        if (knocked.length > 0) knockedOut = true;
        if (reviews) reviews[r] = { reviewerId: submitted[r][0] as string, total, knockedOut: knocked };
        totals[r] = total;
        for (let i = 0; i < n; i++) sums[i] += values[i]!;
      }
      const missingReviews = Math.max(jury.reviewersPerConcept, active) - submitted.length;
      const criterionMeans: Record<string, number> = {};
      for (let i = 0; i < n; i++) criterionMeans[jury.criteria[i].code] = submitted.length ? Math.round((sums[i] / submitted.length) * 1e4) / 1e4 : 0;
      return {
        caseId: c.id,
        fileNumber: c.file_number,
        title: c.title,
        state: c.state,
        organisationId: c.organisation_id,
        requestedGrantCents: grants.get(c.id) ?? 0,
        submittedAt: c.submitted_at ?? '1970-01-01T00:00:00.000Z',
        reviews,
        reviewersAssigned: active,
        missingReviews,
        unreviewed: submitted.length === 0,
        score: missingReviews === 0 ? aggregate(jury, totals) : null,
        spread: spread(totals),
        disagreement: disagreement(jury, totals),
        disagreementResolved: c.resolved,
        knockedOut,
        criterionMeans,
      };
    });
  }
}
