import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { Case } from '../guidelines/workflow/case.entity';
import { TransitionContext, WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { stateOf } from '../guidelines/workflow/workflow-rules';
import { addDays, addWorkingDays, berlinDate, endOfDayBerlin, Region } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { ValidationError } from '../platform/errors/domain-error';
import { formatDate } from '../platform/format';
import { OutboxService } from '../platform/outbox/outbox.service';
import { QueuesService } from '../platform/outbox/queues.service';
import { AttachmentsService } from './attachments.service';
import { formatFileNumber } from './domain/file-number';
import type { Problem } from './domain/problem';
import { applicationFormProblems, balanceProblems, categoryProblems, conceptProblems, limitProblems } from './domain/proposal-rules';
import { EarlyStartRequest, InformationRequest, Proposal } from './entities';

/** The checks and effects of stages 1 and 2 that guideline workflows name. */
@Injectable()
export class ApplicationsWorkflow implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    private readonly queues: QueuesService,
    private readonly outbox: OutboxService,
    private readonly attachments: AttachmentsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.registerCheck('call_open', async (ctx) => this.callOpen(ctx));
    r.registerCheck('applicant_eligible', async (ctx) => this.applicantEligible(ctx));
    r.registerCheck('concept_complete', async (ctx) => conceptProblems(ctx.definition, await proposal(ctx, 'concept')));
    r.registerCheck('required_attachments_present', async (ctx) => {
      const stage = stateOf(ctx.definition, ctx.case.state)?.editable ?? stateOf(ctx.definition, ctx.case.state)?.stage;
      return stage ? this.attachments.missingRequired(ctx.em, ctx.definition, ctx.case.id, stage) : [];
    });
    r.registerCheck('invitation_valid', async (ctx) => this.invitationValid(ctx));
    r.registerCheck('application_form_complete', async (ctx) => {
      const early = await ctx.em.findOneBy(EarlyStartRequest, { caseId: ctx.case.id, approved: true });
      return applicationFormProblems(ctx.definition, await proposal(ctx, 'application'), {
        today: berlinDate(this.clock.now()),
        approvedEarlyStart: early?.requestedStart ?? null,
      });
    });
    r.registerCheck('cost_categories_eligible', async (ctx) => categoryProblems(ctx.definition, await proposal(ctx, 'application')));
    r.registerCheck('financing_plan_balanced', async (ctx) => balanceProblems(ctx.definition, await proposal(ctx, 'application')));
    r.registerCheck('grant_within_limits', async (ctx) => limitProblems(ctx.definition, await proposal(ctx, 'application')));

    r.registerEffect('assign_file_number', (ctx) => this.assignFileNumber(ctx));
    r.registerEffect('copy_concept_to_application', (ctx) => this.copyConceptToApplication(ctx));
    r.registerEffect('set_information_deadline', (ctx) => this.setInformationDeadline(ctx));
    r.registerEffect('notify_applicant', (ctx) => this.notifyApplicant(ctx));
    r.registerEffect('notify_caseworker', (ctx) => this.notifyCaseworker(ctx));
    r.registerEffect('archive_case', async (ctx) => {
      await ctx.em.query('UPDATE cases SET closed_at = now() WHERE id = $1', [ctx.case.id]);
    });

    this.queues.register('reminder.information-request', ({ requestId }) => this.remind(requestId));
  }

  private callOpen(ctx: TransitionContext): Problem[] {
    const call = ctx.definition.calls.find((c) => c.code === ctx.case.callCode);
    const now = this.clock.now();
    if (!call) return [{ code: 'CALL_NOT_FOUND', field: 'callCode', message: 'The call of this case no longer exists in the guideline.' }];
    if (berlinDate(now) < call.opensOn) return [{ code: 'CALL_NOT_OPEN', field: 'callCode', message: `The call opens on ${formatDate(call.opensOn)}.` }];
    if (now.getTime() > endOfDayBerlin(call.deadline).getTime()) {
      return [{ code: 'CALL_DEADLINE_PASSED', field: 'callCode', message: `The deadline of the call was the end of ${formatDate(call.deadline)}.` }];
    }
    return [];
  }

  private async applicantEligible(ctx: TransitionContext): Promise<Problem[]> {
    const [org] = await ctx.em.query('SELECT kind FROM organisations WHERE id = $1', [ctx.case.organisationId]);
    if (ctx.definition.eligibleApplicantTypes.includes(org.kind)) return [];
    return [{ code: 'APPLICANT_TYPE_NOT_ELIGIBLE', field: 'organisation', message: `Organisations of kind "${org.kind}" may not apply under this guideline.` }];
  }

  private async invitationValid(ctx: TransitionContext): Promise<Problem[]> {
    const [row] = await ctx.em.query('SELECT application_due_on::text AS due FROM cases WHERE id = $1', [ctx.case.id]);
    if (!row.due || berlinDate(this.clock.now()) <= row.due) return [];
    return [{ code: 'INVITATION_EXPIRED', field: 'applicationDueOn', message: `The formal application was due by ${formatDate(row.due)}.` }];
  }

  private async assignFileNumber(ctx: TransitionContext): Promise<void> {
    if (ctx.case.fileNumber) return;
    const [{ last_seq }] = await ctx.em.query(
      `INSERT INTO file_number_counters (prefix, call_code, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, call_code) DO UPDATE SET last_seq = file_number_counters.last_seq + 1 RETURNING last_seq`,
      [ctx.definition.fileNumberPrefix, ctx.case.callCode],
    );
    ctx.case.fileNumber = formatFileNumber(ctx.definition.fileNumberPrefix, ctx.case.callCode, last_seq);
    await ctx.em.update(Case, { id: ctx.case.id }, { fileNumber: ctx.case.fileNumber });
  }

  private async copyConceptToApplication(ctx: TransitionContext): Promise<void> {
    const concept = await proposal(ctx, 'concept');
    const exists = await ctx.em.existsBy(Proposal, { caseId: ctx.case.id, stage: 'application' });
    if (exists) return;
    await ctx.em.save(ctx.em.create(Proposal, { ...concept, stage: 'application', fields: {}, version: 1, updatedAt: new Date() }));
  }

  private async setInformationDeadline(ctx: TransitionContext): Promise<void> {
    const message = ctx.reason;
    if (!message || message.length < 10) {
      throw new ValidationError('MESSAGE_REQUIRED', 'An information request needs a message (the reason) of at least 10 characters.', { field: 'reason' });
    }
    const d = ctx.definition.deadlines;
    const region: Region = d.holidayCalendar ?? 'DE-SN';
    const workingDays = typeof ctx.input.workingDays === 'number' ? ctx.input.workingDays : d.informationRequestWorkingDays;
    const today = berlinDate(this.clock.now());
    const dueOn = addWorkingDays(today, workingDays, region);
    const request = await ctx.em.save(
      ctx.em.create(InformationRequest, { caseId: ctx.case.id, message, dueOn, requestedBy: ctx.actor.id, requestedAt: this.clock.now() }),
    );
    const remindOn = addDays(dueOn, -d.reminderDaysBefore);
    if (remindOn > today) {
      // from the start of the reminder day, Berlin time
      const availableAt = new Date(endOfDayBerlin(addDays(remindOn, -1)).getTime() + 1);
      await this.outbox.add(ctx.em, 'reminder.information-request', { requestId: request.id }, { availableAt });
    }
    ctx.notes.push(`Bitte reichen Sie die angeforderten Angaben und Unterlagen bis zum ${formatDate(dueOn)} ein.`);
  }

  private async notifyApplicant(ctx: TransitionContext): Promise<void> {
    const to = await applicantEmail(ctx.em, ctx.case);
    const state = stateOf(ctx.definition, ctx.transition.to);
    const subject = `${ctx.case.fileNumber ?? ctx.definition.shortTitle}: ${state?.label ?? ctx.transition.to}`;
    const lines = [
      'Guten Tag,',
      '',
      `Ihr Vorgang „${ctx.case.title || 'ohne Titel'}“${ctx.case.fileNumber ? ` (Aktenzeichen ${ctx.case.fileNumber})` : ''} im Förderprogramm ${ctx.definition.shortTitle} hat einen neuen Stand: ${state?.label ?? ctx.transition.to}.`,
      ...(ctx.reason ? ['', `Begründung: ${ctx.reason}`] : []),
      ...(ctx.notes.length ? ['', ...ctx.notes] : []),
      '',
      'Mit freundlichen Grüßen',
      ctx.definition.authority.name,
    ];
    await this.outbox.add(ctx.em, 'mail.send', { to, subject, text: lines.join('\n'), caseId: ctx.case.id });
  }

  /** To the programme's mailbox, where the guideline names one. */
  private async notifyCaseworker(ctx: TransitionContext): Promise<void> {
    const to = ctx.definition.authority.email;
    if (!to) return;
    const state = stateOf(ctx.definition, ctx.transition.to);
    await this.outbox.add(ctx.em, 'mail.send', {
      to,
      caseId: ctx.case.id,
      internal: true,
      subject: `${ctx.case.fileNumber ?? ctx.case.id}: ${state?.label ?? ctx.transition.to}`,
      text: [`Vorgang „${ctx.case.title}“ (${ctx.case.fileNumber ?? ctx.case.id}): ${ctx.transition.name} durch ${ctx.actor.email}.`, ...(ctx.reason ? [`Begründung: ${ctx.reason}`] : [])].join('\n'),
    });
  }

  /** The `reminder.information-request` job: one reminder per open request, however often the job runs. */
  private async remind(requestId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const request = await em.findOne(InformationRequest, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      if (!request || request.answeredAt || request.reminderSentAt) return;
      const found = await em.findOneByOrFail(Case, { id: request.caseId });
      await em.update(InformationRequest, { id: requestId }, { reminderSentAt: new Date() });
      await this.outbox.add(em, 'mail.send', {
        to: await applicantEmail(em, found),
        caseId: found.id,
        subject: `Erinnerung: ${found.fileNumber ?? found.title} – Unterlagen bis ${formatDate(request.dueOn)}`,
        text: [
          'Guten Tag,',
          '',
          `wir erinnern an unsere Nachforderung zum Vorgang „${found.title}“ (${found.fileNumber}). Die Frist endet am ${formatDate(request.dueOn)}.`,
          '',
          request.message,
        ].join('\n'),
      });
    });
  }
}

async function proposal(ctx: TransitionContext, stage: 'concept' | 'application'): Promise<Proposal> {
  const found = await ctx.em.findOneBy(Proposal, { caseId: ctx.case.id, stage });
  if (!found) throw new Error(`case ${ctx.case.id} has no ${stage}`);
  return found;
}

async function applicantEmail(em: EntityManager, c: Case): Promise<string> {
  const [user] = await em.query('SELECT email FROM users WHERE id = $1', [c.createdBy]);
  return user.email;
}
