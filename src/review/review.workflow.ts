import { REVIEW_MAIL_TEXTS } from './assignment.service';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { callDeadlinePassed } from '../guidelines/calls/call-rules';
import { CallsService } from '../guidelines/calls/calls.service';
import { TransitionContext, WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { berlinDate, deadlineFromDays } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { formatDate } from '../platform/format';
import type { CheckFailure } from '../guidelines/workflow/check-failure';
import { lineFrom } from '../applications/domain/mail-texts';
import { AssignmentService } from './assignment.service';
import { RankingService } from './ranking.service';

/** The checks and effects of the jury step that guideline workflows name. */
@Injectable()
export class ReviewWorkflow implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly ranking: RankingService,
    private readonly assignment: AssignmentService,
    private readonly clock: Clock,
    private readonly calls: CallsService,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.declareNeeds('review', {
      transitions: ['submit_concept', 'rank_concept', 'invite_to_application', 'reject_concept'],
      texts: REVIEW_MAIL_TEXTS,
      // an invitation follows the jury's ranking and funding line
      ownRoutes: { invite_to_application: 'POST /api/v1/guidelines/:code/calls/:call/jury-outcome' },
    });
    r.registerCheck('call_deadline_passed', async (ctx) => {
      // the call record: its deadline may have been moved, or the call closed early
      // in a jury outcome, the one read of the call serves all its steps
      const { call } = await this.ranking.callOf(ctx.definition.code, ctx.case.callCode, ctx.em);
      if (callDeadlinePassed(call, this.clock.now())) return [];
      return [{ code: 'CALL_STILL_OPEN', field: 'callCode', message: `Concepts are ranked after the deadline (${formatDate(call.deadline)}).` }];
    });
    r.registerCheck('reviews_complete', async (ctx) => {
      const result = await this.ranking.conceptResult(ctx.em, ctx.definition, ctx.case);
      return result.missingReviews > 0 ? [{ code: 'REVIEWS_MISSING', field: 'reviews', message: `${result.missingReviews} review(s) are still missing.` }] : [];
    });
    r.registerCheck('no_unresolved_disagreement', async (ctx) => {
      const result = await this.ranking.conceptResult(ctx.em, ctx.definition, ctx.case);
      if (!result.disagreement || result.disagreementResolved) return [];
      return [{ code: 'DISAGREEMENT_UNRESOLVED', field: 'reviews', message: `The reviewers' totals differ by ${result.spread}; record how this was resolved first.` }];
    });
    r.registerCheck('minimum_score_reached', async (ctx) => this.rankingProblems(ctx, 'belowMinimum'));
    r.registerCheck('no_knock_out', async (ctx) => this.rankingProblems(ctx, 'knockedOut'));
    r.registerCheck('ranked_within_budget', async (ctx) => this.rankingProblems(ctx, 'budget'));
    r.registerEffect('set_application_deadline', async (ctx) => {
      const days = ctx.definition.deadlines.applicationDueDays;
      if (!days) return;
      const due = deadlineFromDays(berlinDate(this.clock.now()), days, ctx.definition.deadlines.holidayCalendar ?? 'DE-SN');
      await ctx.em.query('UPDATE cases SET application_due_on = $2 WHERE id = $1', [ctx.case.id, due]);
      ctx.notes.push(lineFrom(this.assignment.mailTexts(ctx.definition), 'mailInvitationNote', { dueDate: formatDate(due) }));
    });
  }

  private async rankingProblems(ctx: TransitionContext, what: 'belowMinimum' | 'knockedOut' | 'budget'): Promise<CheckFailure[]> {
    const { definition } = ctx;
    const { entries } = await this.ranking.ranking(definition.code, ctx.case.callCode, ctx.em);
    const entry = entries.find((e) => e.caseId === ctx.case.id);
    if (!entry || entry.score === null) return [{ code: 'NOT_RANKED', field: 'reviews', message: 'The concept has no complete reviews.' }];
    if (what === 'belowMinimum' && entry.belowMinimum) {
      return [{ code: 'SCORE_BELOW_MINIMUM', field: 'score', message: `The score ${entry.score} is below the minimum of ${definition.jury.minimumScore}.` }];
    }
    if (what === 'knockedOut' && entry.knockedOut) return [{ code: 'KNOCKED_OUT', field: 'score', message: 'A knock-out criterion was scored below its minimum.' }];
    if (what === 'budget' && entry.fundable && !entry.aboveFundingLine) {
      return [{ code: 'BELOW_FUNDING_LINE', field: 'rank', message: `Rank ${entry.rank} lies below the funding line of the call's budget.` }];
    }
    return [];
  }
}
