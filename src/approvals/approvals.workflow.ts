import { NOTICE_TEXT_BLOCKS } from './notice-letter';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransitionContext, WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { addDays, berlinDate, deadlineFromMonths, endOfDayBerlin, nextWorkingDayOnOrAfter } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { formatDate, formatEuro } from '../platform/format';
import { OutboxService } from '../platform/outbox/outbox.service';
import { QueuesService } from '../platform/outbox/queues.service';
import type { CheckFailure } from '../guidelines/workflow/check-failure';
import { ApprovalsService, DecisionRow } from './approvals.service';
import { NoticesService } from './notices.service';

/** The checks and effects of decisions, notices and objections that guideline workflows name. */
@Injectable()
export class ApprovalsWorkflow implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly approvals: ApprovalsService,
    private readonly notices: NoticesService,
    private readonly outbox: OutboxService,
    private readonly queues: QueuesService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.declareNeeds('approvals', {
      transitions: ['prepare_decision', 'approve_decision', 'return_decision', 'prepare_rejection', 'approve_rejection', 'return_rejection', 'waive_objection', 'mark_notice_final', 'submit_application'],
      // closing a rejection and withdrawing an objection are taken where a guideline has them
      anyTransitionOf: ['lodge', 'dismiss', 'remedy'].map((verb) => [`${verb}_objection`, `${verb}_rejection_objection`]),
      texts: [...NOTICE_TEXT_BLOCKS, 'mailNoticeSubject', 'mailNoticeBody'],
      ownRoutes: {
        prepare_decision: 'POST /api/v1/cases/:id/decisions',
        prepare_rejection: 'POST /api/v1/cases/:id/decisions',
        approve_decision: 'POST /api/v1/decisions/:id/sign-off',
        approve_rejection: 'POST /api/v1/decisions/:id/sign-off',
        return_decision: 'POST /api/v1/decisions/:id/return',
        return_rejection: 'POST /api/v1/decisions/:id/return',
        waive_objection: 'POST /api/v1/cases/:id/waive-objection',
        lodge_objection: 'POST /api/v1/cases/:id/objections',
        lodge_rejection_objection: 'POST /api/v1/cases/:id/objections',
        ...Object.fromEntries(
          ['dismiss', 'remedy'].flatMap((verb) => [`${verb}_objection`, `${verb}_rejection_objection`].map((step) => [step, 'POST /api/v1/cases/:id/objections/resolve'])),
        ),
      },
    });
    r.registerCheck('budget_available', async (ctx) => {
      const d = await this.prepared(ctx);
      if (d.kind === 'rejection') return [];
      const short = await this.approvals.fits(ctx.em, ctx.definition, ctx.case.callCode, d, await this.variant(ctx));
      return short.map((s) => ({
        code: 'BUDGET_EXCEEDED',
        field: `budget.${s.year}`,
        message: `The call's budget for ${s.year} has ${formatEuro(s.available)} left; this grant needs ${formatEuro(s.needed)} of it.`,
      }));
    });
    r.registerPreparer(['approve_decision', 'approve_rejection'], async (ctx) => (await this.prepared(ctx)).prepared_by);
    r.registerCheck('objection_period_running', async (ctx) => ((await this.periodOver(ctx)) ? [OBJECTION_PERIOD_OVER(await this.deadline(ctx))] : []));
    r.registerCheck('objection_period_expired', async (ctx) =>
      (await this.periodOver(ctx)) ? [] : [{ code: 'OBJECTION_PERIOD_RUNNING', field: 'objectionDeadline', message: `The objection period runs until ${formatDate((await this.deadline(ctx))!)}.` }],
    );
    // The payouts module asks this before any payment: an open objection holds the case.
    r.registerCheck('no_open_objection', async (ctx) => {
      const [open] = await ctx.em.query('SELECT 1 FROM objections WHERE case_id = $1 AND closed_at IS NULL', [ctx.case.id]);
      return open ? [{ code: 'OBJECTION_OPEN', field: 'objection', message: 'An objection is open: the case is not payable until it is resolved.' }] : [];
    });

    r.registerEffect('commit_budget', async (ctx) => this.approvals.commit(ctx.em, ctx.definition, ctx.case.callCode, await this.prepared(ctx), await this.variant(ctx)));
    r.registerEffect('release_commitment', async (ctx) => this.approvals.release(ctx.em, ctx.case.id));
    r.registerEffect('render_notice', async (ctx) => this.approvals.issueNotice(ctx.em, (await this.prepared(ctx)).id, this.clock.now()));
    r.registerEffect('start_objection_period', async (ctx) => {
      // § 41 (2) VwVfG: a notice sent by post counts as received on the n-th day after sending (moved off weekends and holidays)
      const region = ctx.definition.deadlines.holidayCalendar ?? 'DE-SN';
      const sentOn = berlinDate(this.clock.now());
      const received = nextWorkingDayOnOrAfter(addDays(sentOn, ctx.definition.deadlines.deemedReceiptDays), region);
      const deadline = deadlineFromMonths(received, ctx.definition.deadlines.objectionPeriodMonths, region);
      const d = await this.prepared(ctx);
      await ctx.em.query('UPDATE decisions SET deemed_received_on = $2, objection_deadline = $3 WHERE id = $1', [d.id, received, deadline]);
      await this.outbox.add(ctx.em, 'notice.finalize', { decisionId: d.id }, { availableAt: new Date(endOfDayBerlin(deadline).getTime() + 1) });
    });
    r.registerEffect('record_waiver', async (ctx) => {
      await ctx.em.query(`UPDATE decisions SET waived_at = now() WHERE id = $1`, [(await this.latest(ctx)).id]);
    });
    r.registerEffect('record_objection', async (ctx) => {
      await ctx.em.query('INSERT INTO objections (case_id, decision_id, reason, lodged_by) VALUES ($1, $2, $3, $4)', [ctx.case.id, (await this.latest(ctx)).id, ctx.reason, ctx.actor.id]);
    });
    r.registerEffect('close_objection', async (ctx) => {
      await ctx.em.query('UPDATE objections SET closed_at = now(), outcome = $2 WHERE case_id = $1 AND closed_at IS NULL', [ctx.case.id, ctx.transition.name]);
    });

    this.queues.register('notice.render', ({ decisionId }) => this.notices.render(decisionId));
    this.queues.register('notice.finalize', ({ decisionId }) => this.notices.finalize(decisionId));
  }

  private async prepared(ctx: TransitionContext): Promise<DecisionRow> {
    const d = await this.approvals.preparedDecision(ctx.em, ctx.case.id);
    if (!d) throw new Error(`case ${ctx.case.id} has no prepared decision`);
    return d;
  }

  private async latest(ctx: TransitionContext): Promise<DecisionRow> {
    const d = await this.approvals.latestApproved(ctx.em, ctx.case.id);
    if (!d) throw new Error(`case ${ctx.case.id} has no approved decision`);
    return d;
  }

  private variant(ctx: TransitionContext): Promise<string> {
    return this.approvals.variantOf(ctx.em, ctx.case.id);
  }

  private async deadline(ctx: TransitionContext): Promise<string | null> {
    return (await this.latest(ctx)).objection_deadline;
  }

  private async periodOver(ctx: TransitionContext): Promise<boolean> {
    const deadline = await this.deadline(ctx);
    return !!deadline && this.clock.now().getTime() > endOfDayBerlin(deadline).getTime();
  }
}

const OBJECTION_PERIOD_OVER = (deadline: string | null): CheckFailure => ({
  code: 'OBJECTION_PERIOD_OVER',
  field: 'objectionDeadline',
  message: `The objection period ended on ${deadline ? formatDate(deadline) : '?'}; the notice is final.`,
});
