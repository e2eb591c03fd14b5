import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';

/** The checks of closing steps that guideline workflows name about recovery claims. */
@Injectable()
export class RecoveryWorkflow implements OnModuleInit {
  constructor(private readonly registry: WorkflowRegistry) {}

  onModuleInit(): void {
    const open = async (em: EntityManager, caseId: string) =>
      (await em.query(`SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*)::int AS all FROM recovery_claims WHERE case_id = $1`, [caseId]))[0] as { open: number; all: number };
    // book_recovery: the case leaves recovery only when what was claimed has come back, with its interest
    this.registry.registerCheck('recovery_paid_in_full', async (ctx) => {
      const n = await open(ctx.em, ctx.case.id);
      if (n.all === 0) return [{ code: 'NO_RECOVERY_CLAIM', field: 'recovery', message: 'The case has no recovery claim.' }];
      return n.open ? [{ code: 'RECOVERY_OPEN', field: 'recovery', message: 'A recovery claim of the case is not yet paid in full (principal, interest and costs).' }] : [];
    });
    // close_case: nothing may be owed when a case closes
    this.registry.registerCheck('no_recovery_due', async (ctx) =>
      (await open(ctx.em, ctx.case.id)).open ? [{ code: 'RECOVERY_OPEN', field: 'recovery', message: 'A recovery claim of the case is not yet paid in full.' }] : [],
    );
  }
}
