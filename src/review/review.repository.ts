import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { CallsService } from '../guidelines/calls/calls.service';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { Case } from '../guidelines/workflow/case.entity';
import type { Actor } from '../platform/auth/actor';
import { ForbiddenError, NotFoundError } from '../platform/errors/domain-error';
import type { Scores } from './domain/jury';

/** A concept's assignments as the ranking reads them. */
export interface CaseScores {
  /** Assignments whose reviewer is on the concept (not withdrawn for a conflict), submitted or not. */
  active: number;
  /**
   * The submitted reviews of those, in the order of assignment: their scores in the order of the jury's criteria,
   * each with its reviewer (`[reviewerId, values]`) where the reviewers were asked for.
   */
  submitted: ((number | null)[] | [reviewerId: string, values: (number | null)[]])[];
}

export interface ReviewRow {
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

const ROW = `SELECT a.id AS assignment_id, a.case_id, a.reviewer_id, a.status, a.declared_at, r.status AS review_status, r.scores, r.version, r.submitted_at
               FROM review_assignments a LEFT JOIN reviews r ON r.assignment_id = a.id`;

/** The review module's own tables (assignments, reviews), read the ways its services need, and its calls' definitions. */
@Injectable()
export class ReviewRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly calls: CallsService,
  ) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The call record (dates and budgets as staff steered them) with the guideline in force. */
  async callOf(guidelineCode: string, callCode: string, em?: EntityManager) {
    const { definition } = this.guidelines.currentVersion(guidelineCode);
    const call = await this.calls.get(guidelineCode, callCode, em);
    return { definition, call };
  }

  /** The states in which a concept is with the jury (those the ranking step leaves from). */
  assignableStates(def: GuidelineDefinition): string[] {
    return def.workflow.transitions.find((t) => t.name === 'rank_concept')?.from ?? [];
  }

  rankedState(def: GuidelineDefinition): string | undefined {
    return def.workflow.transitions.find((t) => t.name === 'rank_concept')?.to;
  }

  /** The guideline version a case runs under. */
  async definitionOfCase(em: EntityManager, caseId: string): Promise<{ definition: GuidelineDefinition; found: Case }> {
    const found = await em.findOneBy(Case, { id: caseId });
    if (!found) throw new NotFoundError('The case', 'CASE_NOT_FOUND');
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    return { definition, found };
  }

  async juryOf(em: EntityManager, caseId: string) {
    return (await this.definitionOfCase(em, caseId)).definition.jury;
  }

  async rows(em: EntityManager, caseIds: string[]): Promise<ReviewRow[]> {
    return em.query(`${ROW} WHERE a.case_id = ANY($1) ORDER BY a.assigned_at, a.id`, [caseIds]);
  }

  /**
   * What the ranking reads of a call's assignments, found through the call rather than a list of ids, one row per
   * concept. Of a review's scores only the numbers, in the order of `criteria` (null where none is given; the
   * comments are long and the ranking reads none). PostgreSQL groups and orders them, on the other core: reading
   * 15,000 rows of strings here and grouping them took most of a 5,000-concept ranking's time and garbage.
   * A submitted review keeps its numbers in the order of its own guideline version's criteria (`score_values`); they
   * are read as they are where that order is `criteria`'s, and picked out of the scores by code elsewhere.
   * The reviewers only `withReviewers`: the ranking reads none, and 15,000 ids are a tenth of what it would parse.
   */
  async scoresOfCall(em: EntityManager, guidelineCode: string, callCode: string, onlyCaseId: string | null, criteria: string[], withReviewers: boolean): Promise<Map<string, CaseScores>> {
    const values = criteria.map((_, i) => `r.scores -> $${i + 5}::text -> 'score'`).join(', ');
    const rows: { case_id: string; active: number; submitted: CaseScores['submitted'] | null }[] = await em.query(
      // the scores are picked out before the rows are sorted by case (OFFSET 0 keeps the subquery apart): sorting
      // whole reviews with their comments spilt to disk
      `WITH same_order AS (
         SELECT v.id FROM guideline_versions v
          WHERE v.guideline_code = $1
            AND ARRAY(SELECT x.cr ->> 'code' FROM jsonb_array_elements(v.definition -> 'jury' -> 'criteria') WITH ORDINALITY AS x(cr, n) ORDER BY x.n) = $4::text[])
       SELECT s.case_id, count(*) FILTER (WHERE s.active)::int AS active,
              json_agg(${withReviewers ? 'json_build_array(s.reviewer_id, s.v)' : 's.v'} ORDER BY s.assigned_at, s.id) FILTER (WHERE s.active AND s.submitted) AS submitted
         FROM (SELECT a.case_id, a.id, a.assigned_at, a.reviewer_id, a.status = 'active' AS active, r.status = 'submitted' AS submitted,
                      CASE WHEN r.status IS DISTINCT FROM 'submitted' THEN NULL
                           WHEN c.guideline_version_id IN (SELECT id FROM same_order) THEN to_json(r.score_values)
                           ELSE json_build_array(${values}) END AS v
                 FROM review_assignments a JOIN cases c ON c.id = a.case_id LEFT JOIN reviews r ON r.assignment_id = a.id
                WHERE c.guideline_code = $1 AND c.call_code = $2 AND ($3::uuid IS NULL OR a.case_id = $3)
               OFFSET 0) s
        GROUP BY s.case_id`,
      [guidelineCode, callCode, onlyCaseId, criteria, ...criteria],
    );
    const result = new Map<string, CaseScores>();
    for (const r of rows) result.set(r.case_id, { active: r.active, submitted: r.submitted ?? [] });
    return result;
  }

  /** One assignment with its review; `lock` locks the assignment row until the transaction ends. */
  async assignmentRow(em: EntityManager, assignmentId: string, lock = false): Promise<ReviewRow> {
    const [row] = await em.query(`${ROW} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [assignmentId]);
    if (!row) throw new NotFoundError('The assignment', 'ASSIGNMENT_NOT_FOUND');
    return row;
  }

  /**
   * The reviewer's own assignment; another's answers 404. Unless `beforeDeclaration`, it must be
   * active and declared free of conflict.
   */
  async ownAssignment(em: EntityManager, actor: Actor, assignmentId: string, beforeDeclaration = false, lock = false): Promise<ReviewRow> {
    const row = await this.assignmentRow(em, assignmentId, lock).catch(() => null);
    if (!row || row.reviewer_id !== actor.id) throw new NotFoundError('The assignment', 'ASSIGNMENT_NOT_FOUND');
    if (beforeDeclaration) return row;
    if (row.status === 'conflict') throw new ForbiddenError('You declared a conflict of interest for this concept.', 'CONFLICT_DECLARED');
    if (!row.declared_at) throw new ForbiddenError('Declare first whether you have a conflict of interest.', 'DECLARATION_REQUIRED');
    return row;
  }
}
