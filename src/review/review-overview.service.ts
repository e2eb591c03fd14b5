import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../platform/auth/actor';

/** Read side for work lists: what a reviewer still owes (a declaration of conflicts, then the scores). */
@Injectable()
export class ReviewOverviewService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async openAssignments(actor: Actor): Promise<{ assignmentId: string; caseId: string; owes: 'declaration' | 'review'; assignedAt: Date }[]> {
    const rows = await this.dataSource.query(
      `SELECT a.id, a.case_id, a.declared_at, a.assigned_at FROM review_assignments a LEFT JOIN reviews r ON r.assignment_id = a.id
        WHERE a.reviewer_id = $1 AND a.status = 'active' AND (r.status IS NULL OR r.status <> 'submitted')
        ORDER BY a.assigned_at, a.id`,
      [actor.id],
    );
    return rows.map((r: Record<string, any>) => ({ assignmentId: r.id, caseId: r.case_id, owes: r.declared_at ? 'review' : 'declaration', assignedAt: r.assigned_at }));
  }
}
