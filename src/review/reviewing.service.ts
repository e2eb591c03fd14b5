import { Injectable } from '@nestjs/common';
import { ApplicationsService } from '../applications/applications.service';
import { mergeFields } from '../applications/domain/draft-merge';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { DirectoryService } from '../platform/accounts/directory.service';
import { hasRole } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { returnedRows } from '../platform/database/database';
import { DocumentStore } from '../platform/documents/document-store';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../platform/errors/domain-error';
import { knockedOut, scoreProblems, Scores, scoreValues, weightedTotal } from './domain/jury';
import { SaveReviewDto } from './dto/review.dto';
import { ReviewRepository, ReviewRow } from './review.repository';

const STAFF = ['caseworker', 'approver', 'auditor', 'admin'] as const;

/** Reviewing: the concept shown to its declared reviewer, sealed reviews saved as drafts and submitted once. */
@Injectable()
export class ReviewingService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly workflow: WorkflowService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly documents: DocumentStore,
  ) {}

  /** The concept itself, only after the reviewer declared no conflict. */
  async conceptForReview(actor: Actor, assignmentId: string) {
    const em = this.repo.manager;
    const a = await this.repo.ownAssignment(em, actor, assignmentId);
    const { found: c } = await this.repo.definitionOfCase(em, a.case_id);
    const organisation = await this.directory.organisation(c.organisationId, em);
    const p = (await this.applications.proposalsOf(em, [a.case_id], 'concept')).get(a.case_id)!;
    const attachments = (await this.applications.attachmentsOf(em, a.case_id, 'concept')).map(({ id, type, filename, mediaType, sha256 }) => ({ id, type, filename, mediaType, sha256 }));
    const proposal = {
      fileNumber: c.fileNumber,
      title: c.title,
      organisationName: organisation?.name ?? null,
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
    const a = await this.repo.ownAssignment(this.repo.manager, actor, assignmentId);
    const attachment = (await this.applications.attachmentsOf(this.repo.manager, a.case_id, 'concept')).find((x) => x.id === attachmentId);
    if (!attachment) throw new NotFoundError('The attachment', 'ATTACHMENT_NOT_FOUND');
    return { filename: attachment.filename, mediaType: attachment.mediaType, data: (await this.documents.get(attachment.sha256)).data };
  }

  /**
   * Saves the review draft with the save semantics of every draft: `scores` are merged per criterion (a
   * criterion sent replaces its score and comment, one left out keeps them, one sent as null is removed).
   */
  async saveReview(actor: Actor, assignmentId: string, dto: SaveReviewDto) {
    return this.repo.transaction(async (em) => {
      const a = await this.repo.ownAssignment(em, actor, assignmentId);
      const jury = await this.repo.juryOf(em, a.case_id);
      if (a.review_status === 'submitted') throw new ConflictError('REVIEW_SUBMITTED', 'The review has been submitted and is locked; only a caseworker can reopen it.');
      const scores: Scores = mergeFields(a.scores ?? {}, dto.scores);
      const problems = scoreProblems(jury, scores, 'draft');
      if (problems.length) throw new ValidationError(problems[0].code, `The review has ${problems.length} invalid value(s).`, problems);
      // A review never saved has version 0.
      const stale = () => new ConflictError('STALE_VERSION', 'The review has changed since you loaded it. Please reload and try again.', { currentVersion: a.version ?? 0 });
      if (dto.version !== (a.version ?? 0)) throw stale();
      const changed = a.version === null
        ? await em.query(`INSERT INTO reviews (assignment_id, scores, status) VALUES ($1, $2, 'draft') ON CONFLICT DO NOTHING RETURNING version`, [assignmentId, scores])
        : await em.query(
            `UPDATE reviews SET scores = $2, version = version + 1, updated_at = now() WHERE assignment_id = $1 AND version = $3 AND status = 'draft' RETURNING version`,
            [assignmentId, scores, dto.version],
          );
      const rows = returnedRows<{ version: number }>(changed);
      if (!rows.length) throw stale();
      return { assignmentId, status: 'draft', version: rows[0].version, scores };
    });
  }

  /**
   * Submits the review as it was read: the update is conditional on the draft status and the version whose
   * scores were checked and totalled, so a double submit or a save in between answers 409.
   */
  async submitReview(actor: Actor, assignmentId: string) {
    return this.repo.transaction(async (em) => {
      const a = await this.repo.ownAssignment(em, actor, assignmentId);
      const jury = await this.repo.juryOf(em, a.case_id);
      if (a.review_status === 'submitted') throw new ConflictError('REVIEW_SUBMITTED', 'The review has been submitted already.');
      const scores = a.scores ?? {};
      const problems = scoreProblems(jury, scores, 'submit');
      if (problems.length) throw new UnprocessableError('REVIEW_INCOMPLETE', `The review cannot be submitted: ${problems.length} problem(s).`, { problems });
      const total = weightedTotal(jury, scores);
      // the scores as numbers in the order of the criteria, beside their total: what the ranking reads
      const changed = await em.query(
        `UPDATE reviews SET status = 'submitted', total = $2, score_values = $4, submitted_at = now(), version = version + 1, updated_at = now()
          WHERE assignment_id = $1 AND status = 'draft' AND version = $3 RETURNING version`,
        [assignmentId, total, a.version, scoreValues(jury, scores)],
      );
      if (!returnedRows(changed).length) {
        const now = await this.repo.assignmentRow(em, assignmentId);
        if (now.review_status === 'submitted') throw new ConflictError('REVIEW_SUBMITTED', 'The review has been submitted already.');
        throw new ConflictError('STALE_VERSION', 'The review changed while it was being submitted. Please reload and try again.', { currentVersion: now.version ?? 0 });
      }
      await this.audit.append(em, { actorId: actor.id, action: 'review.submitted', entityType: 'case', entityId: a.case_id, data: { assignmentId, total, version: a.version } });
      return { assignmentId, status: 'submitted', total, knockedOut: knockedOut(jury, scores) };
    });
  }

  async reopenReview(actor: Actor, assignmentId: string, reason: string) {
    return this.repo.transaction(async (em) => {
      const row = await this.repo.assignmentRow(em, assignmentId, true);
      if (row.review_status !== 'submitted') throw new ConflictError('REVIEW_NOT_SUBMITTED', 'Only a submitted review can be reopened.');
      const found = await this.workflow.getCase(actor, row.case_id, em);
      const { definition } = await this.repo.definitionOfCase(em, found.id);
      if (!this.repo.assignableStates(definition).includes(found.state)) {
        throw new ConflictError('REVIEW_CLOSED', 'The jury has decided on this concept; its reviews can no longer be reopened.');
      }
      await em.query(`UPDATE reviews SET status = 'draft', total = NULL, score_values = NULL, submitted_at = NULL, version = version + 1, updated_at = now() WHERE assignment_id = $1`, [assignmentId]);
      await this.audit.append(em, { actorId: actor.id, action: 'review.reopened', entityType: 'case', entityId: row.case_id, data: { assignmentId, reason } });
      return { assignmentId, status: 'draft' };
    });
  }

  /** Own review for a reviewer, any for agency staff. */
  async getReview(actor: Actor, assignmentId: string) {
    const a = hasRole(actor, ...STAFF)
      ? await this.repo.assignmentRow(this.repo.manager, assignmentId)
      : await this.repo.ownAssignment(this.repo.manager, actor, assignmentId, true);
    return { assignmentId, reviewerId: a.reviewer_id, status: a.review_status ?? 'draft', version: a.version ?? 0, scores: a.scores ?? {}, submittedAt: a.submitted_at };
  }

  /** Sealed: a reviewer sees the others' submitted scores only after submitting their own, and never their names. */
  async caseReviews(actor: Actor, caseId: string) {
    const rows: ReviewRow[] = await this.repo.rows(this.repo.manager, [caseId]);
    const staff = hasRole(actor, ...STAFF);
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
    return this.repo.transaction(async (em) => {
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
}
