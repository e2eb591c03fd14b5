import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';

/**
 * STAND-IN, to be deleted at the merge with payouts (which registers the real `no_pending_payment_request`): a proof
 * of use is not submitted while a payment request of the case is still being processed (submitted or certified).
 */
@Injectable()
export class PendingPaymentCheckStandIn implements OnModuleInit {
  constructor(private readonly registry: WorkflowRegistry) {}

  onModuleInit(): void {
    this.registry.registerCheck('no_pending_payment_request', async (ctx) => {
      const [open] = await ctx.em.query(`SELECT number FROM payment_requests WHERE case_id = $1 AND status IN ('submitted', 'certified') ORDER BY number LIMIT 1`, [ctx.case.id]);
      return open
        ? [{ code: 'PAYMENT_REQUEST_PENDING', field: 'paymentRequests', message: `Payment request no. ${open.number} is still being processed; submit the proof of use once it is decided.` }]
        : [];
    });
  }
}
