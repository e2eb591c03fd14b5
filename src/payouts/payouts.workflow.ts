import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { reportingDuties } from './domain/reporting-duties';
import { PAYMENT_MAIL_TEXTS, PaymentRequestsService } from './payment-requests.service';

/** The checks and effects of payment requests that guideline workflows name. */
@Injectable()
export class PayoutsWorkflow implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly requests: PaymentRequestsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.declareNeeds('payment-requests', {
      transitions: ['start_project', 'mark_notice_final'],
      texts: PAYMENT_MAIL_TEXTS,
      // start_project is taken by the first submitted payment request; the caseworker may also record a start
      // without one (the generic route), so it is not reserved for the submission route
    });
    // the proof of use waits until no payment request is between submission and order
    r.registerCheck('no_pending_payment_request', async (ctx) =>
      (await this.requests.hasPending(ctx.em, ctx.case.id))
        ? [{ code: 'PAYMENT_REQUEST_PENDING', field: 'paymentRequests', message: 'A payment request is still being certified or ordered.' }]
        : [],
    );
    r.registerEffect('record_project_start', async (ctx) => {
      await ctx.em.query('UPDATE cases SET project_started_on = coalesce(project_started_on, $2) WHERE id = $1', [ctx.case.id, berlinDate(this.clock.now())]);
    });
    r.registerEffect('schedule_reports', async (ctx) => {
      const period = await this.requests.fundingPeriod(ctx.em, ctx.case.id);
      if (!period.start || !period.end) return;
      for (const d of reportingDuties(period.start, period.end, ctx.definition.reporting)) {
        await ctx.em.query(
          `INSERT INTO reporting_duties (case_id, kind, period_end, due_on) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id, kind, period_end) DO NOTHING`,
          [ctx.case.id, d.kind, d.periodEnd, d.dueOn],
        );
      }
    });
  }
}
