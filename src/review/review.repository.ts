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

/** An assignment of a call as the ranking reads it: its review's scores in the order of the jury's criteria. */
export interface CallScoreRow {
  reviewer_id: string;
  status: 'active' | 'conflict';
  review_status: 'draft' | 'submitted' | null;
  values: (number | null)[] | null;
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
   * What the ranking reads of a call's assignments, found through the call rather than a list of ids, by case and in
   * the order of `rows`. Of a review's scores only the numbers, in the order of `criteria` (null where none is
   * given; the comments are long and the ranking reads none): neither sent as jsonb nor parsed as JSON. Sorting the
   * call's rows in PostgreSQL took half the query; each case's three are sorted here.
   */
  async scoresOfCall(em: EntityManager, guidelineCode: string, callCode: string, onlyCaseId: string | null, criteria: string[]): Promise<Map<string, CallScoreRow[]>> {
    const columns = criteria.map((_, i) => `r.scores -> $${i + 4}::text ->> 'score' AS s${i}`);
    const rows: (Omit<CallScoreRow, 'values'> & { case_id: string; assignment_id: string; at: string } & Record<string, string | null>)[] = await em.query(
      `SELECT a.case_id, a.id AS assignment_id, (extract(epoch FROM a.assigned_at) * 1000000)::int8 AS at, a.reviewer_id, a.status, r.status AS review_status${columns.map((c) => `, ${c}`).join('')}
         FROM review_assignments a JOIN cases c ON c.id = a.case_id LEFT JOIN reviews r ON r.assignment_id = a.id
        WHERE c.guideline_code = $1 AND c.call_code = $2 AND ($3::uuid IS NULL OR a.case_id = $3)`,
      [guidelineCode, callCode, onlyCaseId, ...criteria],
    );
    const keys = criteria.map((_, i) => `s${i}`);
    const byCase = new Map<string, typeof rows>();
    for (const r of rows) {
      const own = byCase.get(r.case_id);
      if (own) own.push(r);
      else byCase.set(r.case_id, [r]);
    }
    const result = new Map<string, CallScoreRow[]>();
    for (const [caseId, own] of byCase) {
      // microseconds since 1970 have 16 digits until the year 2286: as strings they sort as numbers
      own.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.assignment_id < b.assignment_id ? -1 : a.assignment_id > b.assignment_id ? 1 : 0));
      result.set(
        caseId,
        own.map((r) => ({
          reviewer_id: r.reviewer_id,
          status: r.status,
          review_status: r.review_status,
          values: r.review_status === null ? null : keys.map((k) => (r[k] === null ? null : Number(r[k]))),
        })),
      );
    }
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
