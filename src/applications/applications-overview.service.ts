import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';

export interface InformationRequestEvent {
  id: string;
  caseId: string;
  message: string;
  dueOn: string;
  requestedAt: Date;
  answeredAt: Date | null;
  overdue: boolean;
}

/** Read side for work lists and case timelines: information requests (Nachforderungen). Callers check access to cases. */
@Injectable()
export class ApplicationsOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every information request of a case, oldest first. */
  async informationRequestsOf(caseId: string): Promise<InformationRequestEvent[]> {
    return this.select('r.case_id = $1', [caseId]);
  }

  /** Requests not answered yet, earliest due first; `overdueOnly`: those whose deadline day has passed (Berlin). */
  async openInformationRequests(opts: { organisationId: string | null; overdueOnly?: boolean }): Promise<InformationRequestEvent[]> {
    const open = await this.select(
      `r.answered_at IS NULL AND ($1::uuid IS NULL OR r.case_id IN (SELECT id FROM cases WHERE organisation_id = $1))`,
      [opts.organisationId],
    );
    return open.filter((r) => !opts.overdueOnly || r.overdue).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  private async select(where: string, params: unknown[]): Promise<InformationRequestEvent[]> {
    const today = berlinDate(this.clock.now());
    const rows = await this.dataSource.query(
      `SELECT r.id, r.case_id, r.message, r.due_on::text AS due_on, r.requested_at, r.answered_at
         FROM information_requests r WHERE ${where} ORDER BY r.requested_at, r.id`,
      params,
    );
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      caseId: r.case_id,
      message: r.message,
      dueOn: r.due_on,
      requestedAt: r.requested_at,
      answeredAt: r.answered_at,
      // overdue from the day after the deadline day, in the authority's time zone
      overdue: !r.answered_at && today > r.due_on,
    }));
  }
}
