import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { SETTLEMENT_TEXTS, SettlementService } from './settlement.service';

/** The checks and effects of settlement, revocation and closing that guideline workflows name. */
@Injectable()
export class SettlementWorkflow implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly settlements: SettlementService,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.declareNeeds('reporting: settlement', {
      transitions: ['revoke', 'close_case'],
      anyTransitionOf: [['approve_settlement', 'settle']],
      texts: SETTLEMENT_TEXTS,
      // sign-offs go through their own routes: they answer 403 for a self sign-off, and the settlement row moves with the step
      ownRoutes: {
        prepare_settlement: 'POST /api/v1/cases/:id/settlement',
        settle: 'POST /api/v1/cases/:id/settlement',
        approve_settlement: 'POST /api/v1/cases/:id/settlement/sign-off',
        return_settlement: 'POST /api/v1/cases/:id/settlement/return',
        revoke: 'POST /api/v1/cases/:id/revocation/sign-off',
      },
    });
    r.registerPreparer(['approve_settlement'], (ctx) => this.settlements.preparedBy(ctx.em, ctx.case.id));
    r.registerPreparer(['revoke'], (ctx) => this.settlements.draftedBy(ctx.em, ctx.case.id));
    r.registerCheck('revocation_drafted', (ctx) => this.settlements.revocationProblems(ctx.em, ctx.case.id));
    r.registerCheck('all_payments_settled', (ctx) => this.settlements.paymentProblems(ctx.em, ctx.case.id));
    r.registerEffect('compute_final_grant', (ctx) => this.settlements.record(ctx));
    r.registerEffect('fix_final_grant', (ctx) => this.settlements.approve(ctx));
    r.registerEffect('release_unused_commitment', (ctx) => this.settlements.releaseUnused(ctx));
    r.registerEffect('release_retention', (ctx) => this.settlements.finalPayment(ctx));
    r.registerEffect('render_revocation_notice', (ctx) => this.settlements.signDraft(ctx));
    r.registerEffect('release_revoked_commitment', (ctx) => this.settlements.releaseRevoked(ctx));
    r.registerEffect('create_recovery_claim', (ctx) => this.settlements.openClaim(ctx));
    r.registerEffect('record_receipt_retention', (ctx) => this.settlements.recordRetention(ctx));
  }
}
