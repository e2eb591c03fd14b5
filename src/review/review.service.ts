import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { ApplicationsService } from '../applications/applications.service';
import { CallsService } from '../guidelines/calls/calls.service';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { districtOf } from '../platform/accounts/ags';
import { hasRole } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { returnedRows } from '../platform/database/database';
import { DocumentStore } from '../platform/documents/document-store';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { planAssignments } from './domain/assignment';
import { aggregate, disagreement, knockedOut, rank, RankedEntry, reviewerStats, scoreProblems, Scores, spread, weightedTotal } from './domain/jury';
import { csvCell } from './domain/csv';
import { AffiliationsDto, AssignDto, DeclarationDto, JuryOutcomeDto, SaveReviewDto } from './dto/review.dto';

interface ReviewRow {
  assignment_id: string;
  case_id: string;
  reviewer_id: string;
  status: 'active' | 'conflict';
  declared_at: Date | null;
  review_status: 'draft' | 'submitted' | null;
  scores: Scores | null;
  version: number | null;
  submitted_at: Date | null;
}

export interface ConceptResult {
  caseId: string;
  fileNumber: string | null;
  title: string;
  state: string;
  organisationId: string;
  requestedGrantCents: number;
  submittedAt: string;
  reviews: { reviewerId: string; total: number; knockedOut: string[] }[];
  missingReviews: number;
  score: number | null;
  spread: number;
  disagreement: boolean;
  disagreementResolved: boolean;
  knockedOut: boolean;
  criterionMeans: Record<string, number>;
}

/**
 * The jury: reviewers assigned to concepts (never where they are affiliated), conflicts declared
 * before anything is shown, sealed reviews, and the ranking with its funding line.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly workflow: WorkflowService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsService,
    private readonly documents: DocumentStore,
    private readonly calls: CallsService,
  ) {}

  async setAffiliations(actor: Actor, reviewerId: string, dto: AffiliationsDto) {
    return this.dataSource.transaction(async (em) => {
      await this.reviewer(em, reviewerId);
      await em.query('DELETE FROM reviewer_affiliations WHERE reviewer_id = $1', [reviewerId]);
      for (const org of new Set(dto.organisationIds)) {
        const [exists] = await em.query('SELECT 1 FROM organisations WHERE id = $1', [org]);
        if (!exists) throw new ValidationError('ORGANISATION_NOT_FOUND', `The organisation ${org} does not exist.`, { field: 'organisationIds' });
        await em.query('INSERT INTO reviewer_affiliations (reviewer_id, organisation_id) VALUES ($1, $2)', [reviewerId, org]);
      }
      for (const district of new Set(dto.districts)) {
        await em.query('INSERT INTO reviewer_affiliations (reviewer_id, district) VALUES ($1, $2)', [reviewerId, district]);
      }
      await this.audit.append(em, { actorId: actor.id, action: 'reviewer.affiliations_set', entityType: 'user', entityId: reviewerId, data: { ...dto } });
      return { reviewerId, organisationIds: [...new Set(dto.organisationIds)], districts: [...new Set(dto.districts)] };
    });
  }

  /** Assigns one reviewer by hand; an affiliated reviewer is refused, and the exclusion recorded. */
  async assign(actor: Actor, guidelineCode: string, callCode: string, dto: AssignDto) {
    const { definition } = await this.callOf(guidelineCode, callCode);
    const outcome = await this.dataSource.transaction(async (em) => {
      await this.reviewer(em, dto.reviewerId);
      const [concept] = await this.conceptsToStaff(em, definition, callCode, dto.caseId);
      if (!concept) throw new ConflictError('CONCEPT_NOT_IN_REVIEW', 'Reviewers can be assigned only to concepts of this call that are in review.');
      const [candidate] = await this.candidates(em, [dto.reviewerId]);
      const plan = planAssignments(Number.MAX_SAFE_INTEGER, [{ ...concept, assigned: [], unavailable: [] }], [candidate], {});
      if (plan.exclusions.length) {
        await this.recordExclusions(em, plan.exclusions);
        return { conflict: plan.exclusions[0].reason };
      }
      if (concept.assigned.includes(dto.reviewerId) || concept.unavailable.includes(dto.reviewerId)) {
        throw new ConflictError('ALREADY_ASSIGNED', 'This reviewer is (or was) assigned to this concept already.');
      }
      const [row] = await em.query(`INSERT INTO review_assignments (case_id, reviewer_id, status, assigned_by) VALUES ($1, $2, 'active', $3) RETURNING id`, [
        dto.caseId,
        dto.reviewerId,
        actor.id,
      ]);
      await this.audit.append(em, { actorId: actor.id, action: 'review.assigned', entityType: 'case', entityId: dto.caseId, data: { reviewerId: dto.reviewerId } });
      await this.notifyReviewers(em, definition, [dto.reviewerId]);
      return { assignmentId: row.id as string };
    });
    // refused after the transaction committed, so the recorded exclusion stays
    if ('conflict' in outcome) {
      throw new ConflictError('REVIEWER_CONFLICT', `The reviewer is affiliated with the applicant's ${outcome.conflict} and is excluded from this concept.`, {
        reason: outcome.conflict,
      });
    }
    return outcome;
  }

  /** Fills every concept of the call up to the guideline's number of reviewers, spreading the load evenly. */
  async autoAssign(actor: Actor, guidelineCode: string, callCode: string) {
    const { definition } = await this.callOf(guidelineCode, callCode);
    return this.dataSource.transaction(async (em) => {
      const concepts = await this.conceptsToStaff(em, definition, callCode);
      const reviewerIds: string[] = (await em.query(`SELECT id FROM users WHERE 'reviewer' = ANY(roles) AND status = 'active' ORDER BY id`)).map((r: { id: string }) => r.id);
      const candidates = await this.candidates(em, reviewerIds);
      const load: Record<string, number> = {};
      for (const c of concepts) for (const r of c.assigned) load[r] = (load[r] ?? 0) + 1;
      const plan = planAssignments(definition.jury.reviewersPerConcept, concepts, candidates, load);
      await this.recordExclusions(em, plan.exclusions);
      for (const a of plan.assignments) {
        await em.query(`INSERT INTO review_assignments (case_id, reviewer_id, status, assigned_by) VALUES ($1, $2, 'active', $3)`, [a.caseId, a.reviewerId, actor.id]);
      }
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'review.auto_assigned',
        entityType: 'call',
        entityId: `${guidelineCode}/${callCode}`,
        data: { assignments: plan.assignments, exclusions: plan.exclusions, unfilled: plan.unfilled },
      });
      await this.notifyReviewers(em, definition, [...new Set(plan.assignments.map((a) => a.reviewerId))]);
      return plan;
    });
  }

  async myAssignments(actor: Actor) {
    return this.dataSource.query(
      `SELECT a.id AS "assignmentId", a.case_id AS "caseId", c.file_number AS "fileNumber", c.title, o.name AS "organisationName",
              c.call_code AS "callCode", a.status, a.declared_at AS "declaredAt", r.status AS "reviewStatus"
         FROM review_assignments a JOIN cases c ON c.id = a.case_id JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN reviews r ON r.assignment_id = a.id
        WHERE a.reviewer_id = $1 ORDER BY c.file_number`,
      [actor.id],
    );
  }

  /** Befangenheit: declared before the concept is shown; a conflict takes the reviewer off and asks for a replacement. */
  async declare(actor: Actor, assignmentId: string, dto: DeclarationDto) {
    if (dto.conflict && !dto.reason) throw new ValidationError('REASON_REQUIRED', 'Say briefly why you have a conflict of interest.', { field: 'reason' });
    return this.dataSource.transaction(async (em) => {
      const a = await this.ownAssignment(em, actor, assignmentId, true);
      if (a.declared_at) throw new ConflictError('ALREADY_DECLARED', 'You have declared for this concept already.');
      await em.query(`UPDATE review_assignments SET declared_at = now(), status = $2, conflict_reason = $3 WHERE id = $1`, [
        assignmentId,
        dto.conflict ? 'conflict' : 'active',
        dto.reason ?? null,
      ]);
      await this.audit.append(em, {
        actorId: actor.id,
        action: dto.conflict ? 'review.conflict_declared' : 'review.no_conflict_declared',
        entityType: 'case',
        entityId: a.case_id,
        data: { assignmentId, reason: dto.reason ?? null },
      });
      if (dto.conflict) {
        await em.query(`INSERT INTO review_exclusions (case_id, reviewer_id, kind, reason) VALUES ($1, $2, 'declared', $3) ON CONFLICT DO NOTHING`, [
          a.case_id,
          actor.id,
          dto.reason,
        ]);
        const [c] = await em.query('SELECT c.file_number, v.definition FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE c.id = $1', [a.case_id]);
        const mailbox = (c.definition as GuidelineDefinition).authority.email;
        if (mailbox) {
          await this.outbox.add(em, 'mail.send', {
            to: mailbox,
            subject: `${c.file_number}: Ersatz für befangene Gutachterin oder befangenen Gutachter nötig`,
            text: `Für den Vorgang ${c.file_number} wurde Befangenheit erklärt. Bitte weisen Sie eine andere Person zu.`,
          });
        }
      }
      return { assignmentId, status: dto.conflict ? 'conflict' : 'active' };
    });
  }

  /** The concept itself, only after the reviewer declared no conflict. */
  async conceptForReview(actor: Actor, assignmentId: string) {
    const a = await this.ownAssignment(this.dataSource.manager, actor, assignmentId);
    const em = this.dataSource.manager;
    const [c] = await em.query(`SELECT c.file_number, c.title, o.name FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1`, [a.case_id]);
    const p = (await this.applications.proposalsOf(em, [a.case_id], 'concept')).get(a.case_id)!;
    const attachments = (await this.applications.attachmentsOf(em, a.case_id, 'concept')).map(({ id, type, filename, mediaType, sha256 }) => ({ id, type, filename, mediaType, sha256 }));
    const proposal = {
      fileNumber: c.file_number,
      title: c.title,
      organisationName: c.name,
      variant: p.variant,
      locationAgs: p.locationAgs,
      fields: p.fields,
      costs: p.costs,
      ownContributionCents: p.ownContributionCents,
      thirdPartyFunds: p.thirdPartyFunds,
      grantCents: p.grantCents,
      calculation: p.calculation,
    };
    return { caseId: a.case_id, ...proposal, attachments };
  }

  /** A file of the concept, for its declared reviewer. */
  async conceptAttachment(actor: Actor, assignmentId: string, attachmentId: string) {
    const a = await this.ownAssignment(this.dataSource.manager, actor, assignmentId);
    const attachment = (await this.applications.attachmentsOf(this.dataSource.manager, a.case_id, 'concept')).find((x) => x.id === attachmentId);
    if (!attachment) throw new NotFoundError('The attachment', 'ATTACHMENT_NOT_FOUND');
    return { filename: attachment.filename, mediaType: attachment.mediaType, data: (await this.documents.get(attachment.sha256)).data };
  }

  async saveReview(actor: Actor, assignmentId: string, dto: SaveReviewDto) {
    return this.dataSource.transaction(async (em) => {
      const a = await this.ownAssignment(em, actor, assignmentId);
      const jury = await this.juryOf(em, a.case_id);
      if (a.review_status === 'submitted') throw new ConflictError('REVIEW_SUBMITTED', 'The review has been submitted and is locked; only a caseworker can reopen it.');
      const problems = scoreProblems(jury, dto.scores, 'draft');
      if (problems.length) throw new ValidationError(problems[0].code, `The review has ${problems.length} invalid value(s).`, problems);
      // A review never saved has version 0.
      const stale = () => new ConflictError('STALE_VERSION', 'The review has changed since you loaded it. Please reload and try again.', { currentVersion: a.version ?? 0 });
      if (dto.version !== (a.version ?? 0)) throw stale();
      const changed = a.version === null
        ? await em.query(`INSERT INTO reviews (assignment_id, scores, status) VALUES ($1, $2, 'draft') ON CONFLICT DO NOTHING RETURNING version`, [assignmentId, dto.scores])
        : await em.query(
            `UPDATE reviews SET scores = $2, version = version + 1, updated_at = now() WHERE assignment_id = $1 AND version = $3 AND status = 'draft' RETURNING version`,
            [assignmentId, dto.scores, dto.version],
          );
      const rows = returnedRows<{ version: number }>(changed);
      if (!rows.length) throw stale();
      return { assignmentId, status: 'draft', version: rows[0].version, scores: dto.scores };
    });
  }

  async submitReview(actor: Actor, assignmentId: string) {
    return this.dataSource.transaction(async (em) => {
      const a = await this.ownAssignment(em, actor, assignmentId);
      const jury = await this.juryOf(em, a.case_id);
      if (a.review_status === 'submitted') throw new ConflictError('REVIEW_SUBMITTED', 'The review has been submitted already.');
      const problems = scoreProblems(jury, a.scores ?? {}, 'submit');
      if (problems.length) throw new UnprocessableError('REVIEW_INCOMPLETE', `The review cannot be submitted: ${problems.length} problem(s).`, { problems });
      const total = weightedTotal(jury, a.scores!);
      await em.query(`UPDATE reviews SET status = 'submitted', total = $2, submitted_at = now(), version = version + 1, updated_at = now() WHERE assignment_id = $1`, [
        assignmentId,
        total,
      ]);
      await this.audit.append(em, { actorId: actor.id, action: 'review.submitted', entityType: 'case', entityId: a.case_id, data: { assignmentId, total } });
      return { assignmentId, status: 'submitted', total, knockedOut: knockedOut(jury, a.scores!) };
    });
  }

  async reopenReview(actor: Actor, assignmentId: string, reason: string) {
    return this.dataSource.transaction(async (em) => {
      const [row] = await em.query(`SELECT a.case_id, r.status FROM review_assignments a LEFT JOIN reviews r ON r.assignment_id = a.id WHERE a.id = $1 FOR UPDATE OF a`, [assignmentId]);
      if (!row) throw new NotFoundError('The assignment', 'ASSIGNMENT_NOT_FOUND');
      if (row.status !== 'submitted') throw new ConflictError('REVIEW_NOT_SUBMITTED', 'Only a submitted review can be reopened.');
      const found = await this.workflow.getCase(actor, row.case_id, em);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      if (!this.assignableStates(definition).includes(found.state)) {
        throw new ConflictError('REVIEW_CLOSED', 'The jury has decided on this concept; its reviews can no longer be reopened.');
      }
      await em.query(`UPDATE reviews SET status = 'draft', total = NULL, submitted_at = NULL, version = version + 1, updated_at = now() WHERE assignment_id = $1`, [assignmentId]);
      await this.audit.append(em, { actorId: actor.id, action: 'review.reopened', entityType: 'case', entityId: row.case_id, data: { assignmentId, reason } });
      return { assignmentId, status: 'draft' };
    });
  }

  /** Own review for a reviewer, any for agency staff. */
  async getReview(actor: Actor, assignmentId: string) {
    const a = hasRole(actor, 'caseworker', 'approver', 'auditor', 'admin')
      ? await this.assignmentRow(this.dataSource.manager, assignmentId)
      : await this.ownAssignment(this.dataSource.manager, actor, assignmentId, true);
    return { assignmentId, reviewerId: a.reviewer_id, status: a.review_status ?? 'draft', version: a.version ?? 0, scores: a.scores ?? {}, submittedAt: a.submitted_at };
  }

  /** Sealed: a reviewer sees the others' submitted scores only after submitting their own, and never their names. */
  async caseReviews(actor: Actor, caseId: string) {
    const rows: ReviewRow[] = await this.rows(this.dataSource.manager, [caseId]);
    const staff = hasRole(actor, 'caseworker', 'approver', 'auditor', 'admin');
    if (!staff) {
      const own = rows.find((r) => r.reviewer_id === actor.id && r.status === 'active');
      if (!own) throw new NotFoundError('The case', 'CASE_NOT_FOUND');
      if (own.review_status !== 'submitted') throw new ForbiddenError('Submit your own review before you see the others.', 'OWN_REVIEW_NOT_SUBMITTED');
    }
    let other = 0;
    return rows
      .filter((r) => r.status === 'active' && (staff || r.review_status === 'submitted'))
      .map((r) => ({
        reviewer: staff ? r.reviewer_id : r.reviewer_id === actor.id ? 'you' : `reviewer ${++other}`,
        status: r.review_status ?? 'not started',
        scores: r.review_status === 'submitted' || staff ? (r.scores ?? {}) : {},
        submittedAt: r.submitted_at,
      }));
  }

  async resolveDisagreement(actor: Actor, caseId: string, note: string) {
    return this.dataSource.transaction(async (em) => {
      await this.workflow.getCase(actor, caseId, em);
      await em.query(
        `INSERT INTO review_resolutions (case_id, note, resolved_by) VALUES ($1, $2, $3)
         ON CONFLICT (case_id) DO UPDATE SET note = excluded.note, resolved_by = excluded.resolved_by, resolved_at = now()`,
        [caseId, note, actor.id],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'review.disagreement_resolved', entityType: 'case', entityId: caseId, data: { note } });
      return { caseId, note };
    });
  }

  /** Every concept's reviews and score, and how each reviewer scores across the call. */
  async results(guidelineCode: string, callCode: string, em: EntityManager = this.dataSource.manager) {
    const { definition } = await this.callOf(guidelineCode, callCode);
    const concepts = await this.conceptResults(em, definition, callCode);
    const stats = reviewerStats(concepts.flatMap((c) => c.reviews.map((r) => ({ reviewerId: r.reviewerId, caseId: c.caseId, total: r.total }))));
    return { concepts, reviewers: stats };
  }

  async ranking(guidelineCode: string, callCode: string, em: EntityManager = this.dataSource.manager): Promise<{ budgetCents: number; entries: (RankedEntry & { title: string; state: string })[] }> {
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
    return { budgetCents, entries: ranked.map((e) => ({ ...e, title: byId.get(e.caseId)!.title, state: byId.get(e.caseId)!.state })) };
  }

  async rankingCsv(guidelineCode: string, callCode: string): Promise<string> {
    const { entries } = await this.ranking(guidelineCode, callCode);
    const header = ['rank', 'file_number', 'title', 'score', 'tie', 'requested_grant_eur', 'cumulative_grant_eur', 'above_funding_line', 'below_minimum', 'knocked_out', 'state'];
    const euros = (cents: number | null) => (cents === null ? '' : `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    const lines = entries.map((e) =>
      [e.rank ?? '', e.fileNumber ?? '', e.title, e.score ?? '', e.tie, euros(e.requestedGrantCents), euros(e.cumulativeGrantCents), e.aboveFundingLine, e.belowMinimum, e.knockedOut, e.state]
        .map(csvCell)
        .join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  /** Invite or reject, one by one or the whole ranking at once; all in one transaction, so it lands whole or not at all. */
  async juryOutcome(actor: Actor, guidelineCode: string, callCode: string, dto: JuryOutcomeDto) {
    const { definition } = await this.callOf(guidelineCode, callCode);
    if (!dto.decisions?.length && !dto.rejectAllOthersWithReason) {
      throw new ValidationError('DECISIONS_REQUIRED', 'Give decisions, or rejectAllOthersWithReason to apply the whole ranking.');
    }
    return this.dataSource.transaction(async (em) => {
      let decisions = dto.decisions ?? [];
      if (dto.rejectAllOthersWithReason) {
        const { entries } = await this.ranking(guidelineCode, callCode, em);
        const open = entries.filter((e) => this.assignableStates(definition).includes(e.state) || e.state === this.rankedState(definition));
        decisions = open.map((e) => ({ caseId: e.caseId, outcome: e.aboveFundingLine ? 'invite' : 'reject', reason: e.aboveFundingLine ? undefined : dto.rejectAllOthersWithReason }));
      }
      const results: { caseId: string; outcome: string; state: string }[] = [];
      for (const d of decisions) {
        if (d.outcome === 'reject' && !d.reason) throw new ValidationError('REASON_REQUIRED', 'A rejection needs a reason.', { caseId: d.caseId });
        let current = await this.workflow.getCase(actor, d.caseId, em);
        if (current.callCode !== callCode) throw new ValidationError('CASE_NOT_IN_CALL', 'The case belongs to another call.', { caseId: d.caseId });
        if (this.assignableStates(definition).includes(current.state)) {
          current = await this.workflow.transition(actor, { caseId: d.caseId, transition: 'rank_concept' }, em);
        }
        const moved = await this.workflow.transition(actor, { caseId: d.caseId, transition: d.outcome === 'invite' ? 'invite_to_application' : 'reject_concept', reason: d.reason }, em);
        results.push({ caseId: d.caseId, outcome: d.outcome, state: moved.state });
      }
      return { results };
    });
  }

  // --- what the workflow checks need

  async conceptResult(em: EntityManager, caseId: string): Promise<ConceptResult> {
    const [c] = await em.query(`SELECT c.call_code, v.definition FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE c.id = $1`, [caseId]);
    const [result] = await this.conceptResults(em, c.definition, c.call_code, caseId);
    return result;
  }

  assignableStates(def: GuidelineDefinition): string[] {
    return def.workflow.transitions.find((t) => t.name === 'rank_concept')?.from ?? [];
  }

  private rankedState(def: GuidelineDefinition): string | undefined {
    return def.workflow.transitions.find((t) => t.name === 'rank_concept')?.to;
  }

  private async conceptResults(em: EntityManager, def: GuidelineDefinition, callCode: string, onlyCaseId?: string): Promise<ConceptResult[]> {
    const finalStates = def.workflow.states.filter((s) => s.final).map((s) => s.code);
    const cases = await em.query(
      `SELECT c.id, c.file_number, c.title, c.state, c.organisation_id,
              (SELECT min(t.occurred_at) FROM case_transitions t WHERE t.case_id = c.id AND t.transition = 'submit_concept') AS submitted_at,
              EXISTS (SELECT 1 FROM review_resolutions x WHERE x.case_id = c.id) AS resolved
         FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id
        WHERE v.guideline_code = $1 AND c.call_code = $2 AND NOT (c.state = ANY($3))
          AND EXISTS (SELECT 1 FROM review_assignments a WHERE a.case_id = c.id)
          AND ($4::uuid IS NULL OR c.id = $4)
        ORDER BY c.file_number`,
      [def.code, callCode, finalStates, onlyCaseId ?? null],
    );
    const rows = await this.rows(em, cases.map((c: { id: string }) => c.id));
    const concepts = await this.applications.proposalsOf(em, cases.map((c: { id: string }) => c.id), 'concept');
    const jury = def.jury;
    return cases.map((c: Record<string, any>) => {
      const active = rows.filter((r) => r.case_id === c.id && r.status === 'active');
      const submitted = active.filter((r) => r.review_status === 'submitted');
      const reviews = submitted.map((r) => ({ reviewerId: r.reviewer_id, total: weightedTotal(jury, r.scores!), knockedOut: knockedOut(jury, r.scores!) }));
      const missingReviews = Math.max(jury.reviewersPerConcept, active.length) - submitted.length;
      const totals = reviews.map((r) => r.total);
      const criterionMeans = Object.fromEntries(
        jury.criteria.map((k) => [k.code, submitted.length ? Math.round((submitted.reduce((s, r) => s + r.scores![k.code].score, 0) / submitted.length) * 1e4) / 1e4 : 0]),
      );
      return {
        caseId: c.id,
        fileNumber: c.file_number,
        title: c.title,
        state: c.state,
        organisationId: c.organisation_id,
        requestedGrantCents: concepts.get(c.id)?.grantCents ?? 0,
        submittedAt: (c.submitted_at ?? new Date(0)).toISOString(),
        reviews,
        missingReviews,
        score: missingReviews === 0 ? aggregate(jury, totals) : null,
        spread: spread(totals),
        disagreement: disagreement(jury, totals),
        disagreementResolved: c.resolved,
        knockedOut: reviews.some((r) => r.knockedOut.length > 0),
        criterionMeans,
      };
    });
  }

  // --- helpers

  /** The call record (dates and budgets as staff steered them) with the guideline in force. */
  private async callOf(guidelineCode: string, callCode: string, em?: EntityManager) {
    const { definition } = this.guidelines.currentVersion(guidelineCode);
    const call = await this.calls.get(guidelineCode, callCode, em);
    return { definition, call };
  }

  private async reviewer(em: EntityManager, id: string): Promise<void> {
    const [user] = await em.query(`SELECT 1 FROM users WHERE id = $1 AND 'reviewer' = ANY(roles) AND status = 'active'`, [id]);
    if (!user) throw new NotFoundError('The reviewer', 'REVIEWER_NOT_FOUND');
  }

  private async conceptsToStaff(em: EntityManager, def: GuidelineDefinition, callCode: string, onlyCaseId?: string) {
    const rows = await em.query(
      `SELECT c.id, c.organisation_id, o.ags AS org_ags,
              coalesce(array_agg(a.reviewer_id) FILTER (WHERE a.status = 'active'), '{}') AS assigned,
              coalesce(array_agg(a.reviewer_id) FILTER (WHERE a.status = 'conflict'), '{}') AS unavailable
         FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN review_assignments a ON a.case_id = c.id
        WHERE v.guideline_code = $1 AND c.call_code = $2 AND c.state = ANY($3) AND ($4::uuid IS NULL OR c.id = $4)
        GROUP BY c.id, o.ags ORDER BY c.file_number`,
      [def.code, callCode, this.assignableStates(def), onlyCaseId ?? null],
    );
    const excluded = await em.query(`SELECT case_id, reviewer_id FROM review_exclusions WHERE kind = 'declared'`);
    const concepts = await this.applications.proposalsOf(em, rows.map((r: { id: string }) => r.id), 'concept');
    return rows.map((r: Record<string, any>) => ({
      caseId: r.id as string,
      organisationId: r.organisation_id as string,
      districts: [...new Set([r.org_ags, concepts.get(r.id)?.locationAgs].filter(Boolean).map((ags: string) => districtOf(ags)))],
      assigned: r.assigned as string[],
      unavailable: [...r.unavailable, ...excluded.filter((x: { case_id: string }) => x.case_id === r.id).map((x: { reviewer_id: string }) => x.reviewer_id)] as string[],
    }));
  }

  private async candidates(em: EntityManager, reviewerIds: string[]) {
    const affiliations = await em.query('SELECT reviewer_id, organisation_id, district FROM reviewer_affiliations WHERE reviewer_id = ANY($1)', [reviewerIds]);
    return reviewerIds.map((id) => ({
      reviewerId: id,
      organisationIds: affiliations.filter((a: any) => a.reviewer_id === id && a.organisation_id).map((a: any) => a.organisation_id),
      districts: affiliations.filter((a: any) => a.reviewer_id === id && a.district).map((a: any) => a.district),
    }));
  }

  private async recordExclusions(em: EntityManager, exclusions: { caseId: string; reviewerId: string; reason: string }[]) {
    for (const x of exclusions) {
      await em.query(`INSERT INTO review_exclusions (case_id, reviewer_id, kind, reason) VALUES ($1, $2, 'automatic', $3) ON CONFLICT DO NOTHING`, [
        x.caseId,
        x.reviewerId,
        `affiliated ${x.reason}`,
      ]);
    }
  }

  private async notifyReviewers(em: EntityManager, def: GuidelineDefinition, reviewerIds: string[]) {
    for (const id of reviewerIds) {
      const [u] = await em.query('SELECT email FROM users WHERE id = $1', [id]);
      await this.outbox.add(em, 'mail.send', {
        to: u.email,
        subject: `${def.shortTitle}: neue Projektskizzen zur Begutachtung`,
        text: 'Ihnen wurden Projektskizzen zur Begutachtung zugewiesen. Bitte erklären Sie vor der Begutachtung, ob Sie befangen sind.',
      });
    }
  }

  private async rows(em: EntityManager, caseIds: string[]): Promise<ReviewRow[]> {
    return em.query(
      `SELECT a.id AS assignment_id, a.case_id, a.reviewer_id, a.status, a.declared_at, r.status AS review_status, r.scores, r.version, r.submitted_at
         FROM review_assignments a LEFT JOIN reviews r ON r.assignment_id = a.id WHERE a.case_id = ANY($1) ORDER BY a.assigned_at, a.id`,
      [caseIds],
    );
  }

  private async assignmentRow(em: EntityManager, assignmentId: string): Promise<ReviewRow> {
    const [row] = await em.query(
      `SELECT a.id AS assignment_id, a.case_id, a.reviewer_id, a.status, a.declared_at, r.status AS review_status, r.scores, r.version, r.submitted_at
         FROM review_assignments a LEFT JOIN reviews r ON r.assignment_id = a.id WHERE a.id = $1`,
      [assignmentId],
    );
    if (!row) throw new NotFoundError('The assignment', 'ASSIGNMENT_NOT_FOUND');
    return row;
  }

  /**
   * The reviewer's own assignment; another's answers 404. Unless `beforeDeclaration`, it must be
   * active and declared free of conflict.
   */
  private async ownAssignment(em: EntityManager, actor: Actor, assignmentId: string, beforeDeclaration = false): Promise<ReviewRow> {
    const row = await this.assignmentRow(em, assignmentId).catch(() => null);
    if (!row || row.reviewer_id !== actor.id) throw new NotFoundError('The assignment', 'ASSIGNMENT_NOT_FOUND');
    if (beforeDeclaration) return row;
    if (row.status === 'conflict') throw new ForbiddenError('You declared a conflict of interest for this concept.', 'CONFLICT_DECLARED');
    if (!row.declared_at) throw new ForbiddenError('Declare first whether you have a conflict of interest.', 'DECLARATION_REQUIRED');
    return row;
  }

  private async juryOf(em: EntityManager, caseId: string) {
    const [c] = await em.query('SELECT v.definition FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id WHERE c.id = $1', [caseId]);
    return (c.definition as GuidelineDefinition).jury;
  }
}
