import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../platform/auth/actor';

/** Read side for work lists and case timelines: notices issued and decisions awaiting sign-off. Callers check access to cases. */
@Injectable()
export class ApprovalsOverviewService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The letters (notices) issued on a case, oldest first. */
  async noticesOf(caseId: string): Promise<{ id: string; kind: string; issuedOn: string; verificationCode: string; createdAt: Date }[]> {
    return this.dataSource.query(
      `SELECT id, kind, issued_on::text AS "issuedOn", verification_code AS "verificationCode", created_at AS "createdAt"
         FROM notices WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
  }

  /** Prepared decisions the actor may sign off: everyone's but their own (four eyes), oldest first. */
  async decisionsToSign(actor: Actor): Promise<{ decisionId: string; caseId: string; kind: string; preparedAt: Date }[]> {
    return this.dataSource.query(
      `SELECT id AS "decisionId", case_id AS "caseId", kind, prepared_at AS "preparedAt"
         FROM decisions WHERE status = 'prepared' AND prepared_by <> $1 ORDER BY prepared_at, id`,
      [actor.id],
    );
  }
}
