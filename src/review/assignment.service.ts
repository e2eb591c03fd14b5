import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { ApplicationsService } from '../applications/applications.service';
import { mailFrom, mailTextsOf } from '../applications/domain/mail-texts';
import { districtOf } from '../platform/accounts/ags';
import { DirectoryService } from '../platform/accounts/directory.service';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { planAssignments } from './domain/assignment';
import { AffiliationsDto, AssignDto, DeclarationDto } from './dto/review.dto';
import { ReviewRepository } from './review.repository';

/** Text blocks (`texts` of the guideline) the mails of the jury are worded from. */
export const REVIEW_MAIL_TEXTS = ['mailReviewersAssignedSubject', 'mailReviewersAssignedBody', 'mailReviewerReplacementSubject', 'mailReviewerReplacementBody', 'mailInvitationNote'];

/**
 * Who reviews what: reviewers' affiliations, assignment by hand or balanced for a whole call (never where a
 * reviewer is affiliated), and the declaration of conflicts before anything is shown.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly guidelines: GuidelinesService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly applications: ApplicationsService,
  ) {}

  async setAffiliations(actor: Actor, reviewerId: string, dto: AffiliationsDto) {
    return this.repo.transaction(async (em) => {
      await this.reviewer(em, reviewerId);
      await em.query('DELETE FROM reviewer_affiliations WHERE reviewer_id = $1', [reviewerId]);
      const known = await this.directory.organisations(dto.organisationIds, em);
      for (const org of new Set(dto.organisationIds)) {
        if (!known.has(org)) throw new ValidationError('ORGANISATION_NOT_FOUND', `The organisation ${org} does not exist.`, { field: 'organisationIds' });
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
    const { definition } = await this.repo.callOf(guidelineCode, callCode);
    const outcome = await this.repo.transaction(async (em) => {
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
    const { definition } = await this.repo.callOf(guidelineCode, callCode);
    return this.repo.transaction(async (em) => {
      const concepts = await this.conceptsToStaff(em, definition, callCode);
      const reviewerIds = await this.directory.activeUserIdsWithRole('reviewer', em);
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

  /**
   * For staff: the call's concepts with the jury, each with its reviewers (declared conflicts with their reason)
   * and the reviewers excluded from it, and the active reviewers to choose from when assigning by hand.
   */
  async callAssignments(guidelineCode: string, callCode: string) {
    const { definition } = await this.repo.callOf(guidelineCode, callCode);
    const em = this.repo.manager;
    const cases: Record<string, any>[] = await em.query(
      `SELECT c.id, c.file_number, c.title, c.organisation_id FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id
        WHERE v.guideline_code = $1 AND c.call_code = $2 AND c.state = ANY($3) ORDER BY c.file_number`,
      [definition.code, callCode, this.repo.assignableStates(definition)],
    );
    const ids = cases.map((c) => c.id as string);
    const assignments: Record<string, any>[] = await em.query(
      `SELECT a.id, a.case_id, a.reviewer_id, u.display_name, a.status, a.declared_at, a.conflict_reason, r.status AS review_status
         FROM review_assignments a JOIN users u ON u.id = a.reviewer_id LEFT JOIN reviews r ON r.assignment_id = a.id
        WHERE a.case_id = ANY($1) ORDER BY a.assigned_at, a.id`,
      [ids],
    );
    const exclusions: Record<string, any>[] = await em.query(
      `SELECT x.case_id, x.reviewer_id, u.display_name, x.kind, x.reason FROM review_exclusions x JOIN users u ON u.id = x.reviewer_id
        WHERE x.case_id = ANY($1) ORDER BY u.display_name, x.kind`,
      [ids],
    );
    const reviewers: { id: string; display_name: string }[] = await em.query(
      `SELECT id, display_name FROM users WHERE 'reviewer' = ANY(roles) AND status = 'active' ORDER BY display_name, id`,
    );
    const orgs = await this.directory.organisations(cases.map((c) => c.organisation_id), em);
    return {
      reviewersPerConcept: definition.jury.reviewersPerConcept,
      reviewers: reviewers.map((r) => ({ id: r.id, displayName: r.display_name })),
      concepts: cases.map((c) => ({
        caseId: c.id,
        fileNumber: c.file_number,
        title: c.title,
        organisationName: orgs.get(c.organisation_id)?.name ?? null,
        assignments: assignments
          .filter((a) => a.case_id === c.id)
          .map((a) => ({
            assignmentId: a.id,
            reviewerId: a.reviewer_id,
            reviewerName: a.display_name,
            status: a.status,
            declaredAt: a.declared_at,
            conflictReason: a.conflict_reason,
            reviewStatus: a.review_status,
          })),
        exclusions: exclusions
          .filter((x) => x.case_id === c.id)
          .map((x) => ({ reviewerId: x.reviewer_id, reviewerName: x.display_name, kind: x.kind, reason: x.reason })),
      })),
    };
  }

  async myAssignments(actor: Actor) {
    const em = this.repo.manager;
    const rows: Record<string, any>[] = await em.query(
      `SELECT a.id AS "assignmentId", a.case_id AS "caseId", c.file_number AS "fileNumber", c.title, c.organisation_id,
              v.guideline_code AS "guidelineCode", c.call_code AS "callCode", a.status, a.declared_at AS "declaredAt", r.status AS "reviewStatus"
         FROM review_assignments a JOIN cases c ON c.id = a.case_id
         JOIN guideline_versions v ON v.id = c.guideline_version_id
         LEFT JOIN reviews r ON r.assignment_id = a.id
        WHERE a.reviewer_id = $1 ORDER BY c.file_number`,
      [actor.id],
    );
    const orgs = await this.directory.organisations(rows.map((r) => r.organisation_id), em);
    return rows.map(({ organisation_id, ...r }) => ({
      assignmentId: r.assignmentId,
      caseId: r.caseId,
      fileNumber: r.fileNumber,
      title: r.title,
      organisationName: orgs.get(organisation_id)?.name ?? null,
      guidelineCode: r.guidelineCode,
      callCode: r.callCode,
      status: r.status,
      declaredAt: r.declaredAt,
      reviewStatus: r.reviewStatus,
    }));
  }

  /** Befangenheit: declared before the concept is shown; a conflict takes the reviewer off and asks for a replacement. */
  async declare(actor: Actor, assignmentId: string, dto: DeclarationDto) {
    if (dto.conflict && !dto.reason) throw new ValidationError('REASON_REQUIRED', 'Say briefly why you have a conflict of interest.', { field: 'reason' });
    return this.repo.transaction(async (em) => {
      const a = await this.repo.ownAssignment(em, actor, assignmentId, true, true);
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
        const { definition, found } = await this.repo.definitionOfCase(em, a.case_id);
        const mailbox = definition.authority.email;
        if (mailbox) {
          const mail = mailFrom(this.mailTexts(definition), 'mailReviewerReplacement', { fileNumber: found.fileNumber ?? found.id });
          await this.outbox.add(em, 'mail.send', { to: mailbox, caseId: a.case_id, internal: true, ...mail });
        }
      }
      return { assignmentId, status: dto.conflict ? 'conflict' : 'active' };
    });
  }

  mailTexts(def: GuidelineDefinition): Record<string, string> {
    return mailTextsOf(def, REVIEW_MAIL_TEXTS, (code) => this.guidelines.currentVersion(code).definition);
  }

  private async reviewer(em: EntityManager, id: string): Promise<void> {
    if (!(await this.directory.isActiveWithRole(id, 'reviewer', em))) throw new NotFoundError('The reviewer', 'REVIEWER_NOT_FOUND');
  }

  private async conceptsToStaff(em: EntityManager, def: GuidelineDefinition, callCode: string, onlyCaseId?: string) {
    const rows: Record<string, any>[] = await em.query(
      `SELECT c.id, c.organisation_id,
              coalesce(array_agg(a.reviewer_id) FILTER (WHERE a.status = 'active'), '{}') AS assigned,
              coalesce(array_agg(a.reviewer_id) FILTER (WHERE a.status = 'conflict'), '{}') AS unavailable
         FROM cases c JOIN guideline_versions v ON v.id = c.guideline_version_id
         LEFT JOIN review_assignments a ON a.case_id = c.id
        WHERE v.guideline_code = $1 AND c.call_code = $2 AND c.state = ANY($3) AND ($4::uuid IS NULL OR c.id = $4)
        GROUP BY c.id ORDER BY c.file_number`,
      [def.code, callCode, this.repo.assignableStates(def), onlyCaseId ?? null],
    );
    const excluded = new Map<string, string[]>();
    const declared = await em.query(`SELECT case_id, reviewer_id FROM review_exclusions WHERE kind = 'declared' AND case_id = ANY($1)`, [rows.map((r) => r.id)]);
    for (const x of declared as { case_id: string; reviewer_id: string }[]) excluded.set(x.case_id, [...(excluded.get(x.case_id) ?? []), x.reviewer_id]);
    const concepts = await this.applications.proposalsOf(em, rows.map((r) => r.id), 'concept');
    const orgs = await this.directory.organisations(rows.map((r) => r.organisation_id), em);
    return rows.map((r) => ({
      caseId: r.id as string,
      organisationId: r.organisation_id as string,
      districts: [...new Set([orgs.get(r.organisation_id)?.ags, concepts.get(r.id)?.locationAgs].filter((x): x is string => !!x).map((ags) => districtOf(ags)))],
      assigned: r.assigned as string[],
      unavailable: [...r.unavailable, ...(excluded.get(r.id) ?? [])] as string[],
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
    if (!exclusions.length) return;
    await em.query(
      `INSERT INTO review_exclusions (case_id, reviewer_id, kind, reason)
       SELECT case_id, reviewer_id, 'automatic', reason FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(case_id, reviewer_id, reason) ON CONFLICT DO NOTHING`,
      [exclusions.map((x) => x.caseId), exclusions.map((x) => x.reviewerId), exclusions.map((x) => `affiliated ${x.reason}`)],
    );
  }

  private async notifyReviewers(em: EntityManager, def: GuidelineDefinition, reviewerIds: string[]) {
    const mail = mailFrom(this.mailTexts(def), 'mailReviewersAssigned', { programme: def.shortTitle });
    const emails = await this.directory.emailsOf(reviewerIds, em);
    for (const id of reviewerIds) {
      const to = emails.get(id);
      if (to) await this.outbox.add(em, 'mail.send', { to, ...mail });
    }
  }
}
