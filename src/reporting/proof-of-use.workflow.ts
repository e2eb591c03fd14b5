import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { ProofOfUseService } from './proof-of-use.service';

/** The checks and effects of the proof of use that guideline workflows name. */
@Injectable()
export class ProofOfUseWorkflow implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly proofs: ProofOfUseService,
    private readonly guidelines: GuidelinesService,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.declareNeeds('reporting: proof of use', {
      transitions: ['submit_proof_of_use', 'return_proof_of_use'],
      // the submission is taken with the proof's own route, which checks the proof exists and answers it
      ownRoutes: { submit_proof_of_use: 'POST /api/v1/cases/:id/proof-of-use/submit' },
    });
    r.registerCheck('proof_of_use_complete', async (ctx) => this.proofs.completenessProblems(ctx.em, ctx.definition, ctx.case.id));
    r.registerCheck('proof_of_use_checked', async (ctx) => this.proofs.checkProblems(ctx.em, ctx.case.id));
    r.registerEffect('freeze_proof_of_use', async (ctx) => this.proofs.setFrozen(ctx.em, ctx.actor, ctx.case.id, true));
    r.registerEffect('unfreeze_proof_of_use', async (ctx) => this.proofs.setFrozen(ctx.em, ctx.actor, ctx.case.id, false));
  }

  /** A guideline whose workflow files a proof of use needs the report form it is written in: the start fails naming it. */
  onApplicationBootstrap(): void {
    for (const { code, definition } of this.guidelines.list()) {
      if (definition.workflow.transitions.some((t) => t.name === 'submit_proof_of_use') && !definition.forms.report) {
        throw new Error(`guideline ${code}: forms.report (the Sachbericht of the proof of use) is missing`);
      }
    }
  }
}
