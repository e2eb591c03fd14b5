import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { callDeadlinePassed } from '../guidelines/calls/call-rules';
import { CallsService } from '../guidelines/calls/calls.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { insideTerritory } from '../guidelines/territory';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { Case } from '../guidelines/workflow/case.entity';
import { TransitionContext, WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { stateOf } from '../guidelines/workflow/workflow-rules';
import { DirectoryService } from '../platform/accounts/directory.service';
import { addDays, addWorkingDays, berlinDate, endOfDayBerlin, Region } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { ValidationError } from '../platform/errors/domain-error';
import { formatDate } from '../platform/format';
import { OutboxService } from '../platform/outbox/outbox.service';
import { QueuesService } from '../platform/outbox/queues.service';
import { AttachmentsService } from './attachments.service';
import { lineFrom, mailFrom, mailTextsOf } from './domain/mail-texts';
import { formatFileNumber } from './domain/file-number';
import type { Problem } from './domain/problem';
import { validateForm } from './domain/form-validation';
import { applicationFormProblems, balanceProblems, categoryProblems, conceptProblems, limitProblems } from './domain/proposal-rules';
import { EarlyStartRequest, InformationRequest, Proposal } from './entities';

/** Text blocks (`texts` of the guideline) the mails of this module are worded from. */
export const APPLICATIONS_MAIL_TEXTS = [
  'mailStepSubject',
  'mailStepBody',
  'mailReasonLine',
  'mailInformationRequestNote',
  'mailCaseworkerNoticeSubject',
  'mailCaseworkerNoticeBody',
  'mailInformationReminderSubject',
  'mailInformationReminderBody',
];

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
    private readonly calls: CallsService,
    private readonly guidelines: GuidelinesService,
    private readonly directory: DirectoryService,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.declareNeeds('applications', {
      transitions: ['submit_concept', 'start_application', 'submit_application', 'request_information', 'answer_information_request'],
      texts: APPLICATIONS_MAIL_TEXTS,
      ownRoutes: {
        request_information: 'POST /api/v1/cases/:id/information-requests',
        answer_information_request: 'POST /api/v1/cases/:id/information-requests/:requestId/answer',
      },
    });
    r.registerCheck('call_open', async (ctx) => this.callOpen(ctx));
    r.registerCheck('applicant_eligible', async (ctx) => this.applicantEligible(ctx));
    r.registerCheck('concept_complete', async (ctx) =>
      conceptProblems(ctx.definition, await proposal(ctx, 'concept'), await this.calls.budgetYears(ctx.definition.code, ctx.case.callCode, ctx.em)),
    );
    r.registerCheck('required_attachments_present', async (ctx) => {
      const stage = stateOf(ctx.definition, ctx.case.state)?.editable ?? stateOf(ctx.definition, ctx.case.state)?.stage;
      await lockCase(ctx);
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
    r.registerCheck('cost_categories_eligible', async (ctx) =>
      categoryProblems(ctx.definition, await proposal(ctx, 'application'), await this.calls.budgetYears(ctx.definition.code, ctx.case.callCode, ctx.em)),
    );
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

  /** Reads the call record, whose dates staff may have moved (or which they closed early). */
  private async callOpen(ctx: TransitionContext): Promise<Problem[]> {
    const call = await this.calls.find(ctx.definition.code, ctx.case.callCode, ctx.em);
    const now = this.clock.now();
    if (!call) return [{ code: 'CALL_NOT_FOUND', field: 'callCode', message: 'The call of this case no longer exists.' }];
    if (call.closedAt && callDeadlinePassed(call, now)) {
      return [{ code: 'CALL_DEADLINE_PASSED', field: 'callCode', message: `The call was closed on ${formatDate(berlinDate(call.closedAt))}: ${call.closeReason}` }];
    }
    if (berlinDate(now) < call.opensOn) return [{ code: 'CALL_NOT_OPEN', field: 'callCode', message: `The call opens on ${formatDate(call.opensOn)}.` }];
    if (callDeadlinePassed(call, now)) {
      return [{ code: 'CALL_DEADLINE_PASSED', field: 'callCode', message: `The deadline of the call was the end of ${formatDate(call.deadline)}.` }];
    }
    return [];
  }

  private async applicantEligible(ctx: TransitionContext): Promise<Problem[]> {
    const org = await this.directory.organisation(ctx.case.organisationId, ctx.em);
    if (!org) throw new Error(`case ${ctx.case.id}: organisation ${ctx.case.organisationId} not found`);
    const problems: Problem[] = [];
    if (!(ctx.definition.eligibleApplicantTypes as string[]).includes(org.kind)) {
      problems.push({ code: 'APPLICANT_TYPE_NOT_ELIGIBLE', field: 'organisation', message: `Organisations of kind "${org.kind}" may not apply under this guideline.` });
    }
    if (org.ags && !insideTerritory(ctx.definition.territory, org.ags)) {
      problems.push({ code: 'APPLICANT_OUTSIDE_TERRITORY', field: 'organisation', message: `The guideline is open to ${ctx.definition.territory!.label} only; AGS ${org.ags} lies outside.` });
    }
    return problems;
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

  /** The application starts from the concept: its plan, and the answers to the questions both forms share. */
  private async copyConceptToApplication(ctx: TransitionContext): Promise<void> {
    const concept = await proposal(ctx, 'concept');
    const exists = await ctx.em.existsBy(Proposal, { caseId: ctx.case.id, stage: 'application' });
    if (exists) return;
    const fields = sharedAnswers(ctx.definition, concept.fields);
    await ctx.em.save(ctx.em.create(Proposal, { ...concept, stage: 'application', fields, version: 1, updatedAt: new Date() }));
  }

  private async setInformationDeadline(ctx: TransitionContext): Promise<void> {
    const message = ctx.reason;
    if (!message || message.length < 10) {
      throw new ValidationError('MESSAGE_REQUIRED', 'An information request needs a message (the reason) of at least 10 characters.', { field: 'reason' });
    }
    const d = ctx.definition.deadlines;
    const region: Region = d.holidayCalendar ?? 'DE-SN';
    const workingDays = ctx.input.workingDays ?? d.informationRequestWorkingDays;
    if (typeof workingDays !== 'number') throw new ValidationError('WORKING_DAYS_OUT_OF_RANGE', 'Working days must be a whole number.', { field: 'workingDays' });
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
    ctx.notes.push(lineFrom(this.mailTexts(ctx.definition), 'mailInformationRequestNote', { dueDate: formatDate(dueOn) }));
  }

  private async notifyApplicant(ctx: TransitionContext): Promise<void> {
    const to = await this.applicantEmail(ctx.em, ctx.case);
    const texts = this.mailTexts(ctx.definition);
    const state = stateOf(ctx.definition, ctx.transition.to);
    const details = [...(ctx.reason ? [lineFrom(texts, 'mailReasonLine', { reasons: ctx.reason })] : []), ...ctx.notes].map((line) => `\n${line}\n`).join('');
    const mail = mailFrom(texts, 'mailStep', {
      fileNumber: ctx.case.fileNumber ?? '–',
      projectTitle: ctx.case.title || '–',
      programme: ctx.definition.shortTitle,
      stateLabel: state?.label ?? ctx.transition.to,
      details,
      authorityName: ctx.definition.authority.name,
    });
    await this.outbox.add(ctx.em, 'mail.send', { to, caseId: ctx.case.id, ...mail });
  }

  /** To the programme's mailbox, where the guideline names one. */
  private async notifyCaseworker(ctx: TransitionContext): Promise<void> {
    const to = ctx.definition.authority.email;
    if (!to) return;
    const texts = this.mailTexts(ctx.definition);
    const state = stateOf(ctx.definition, ctx.transition.to);
    const mail = mailFrom(texts, 'mailCaseworkerNotice', {
      fileNumber: ctx.case.fileNumber ?? ctx.case.id,
      projectTitle: ctx.case.title,
      stateLabel: state?.label ?? ctx.transition.to,
      stepName: ctx.transition.name,
      actorEmail: ctx.actor.email,
      details: ctx.reason ? `\n${lineFrom(texts, 'mailReasonLine', { reasons: ctx.reason })}` : '',
    });
    await this.outbox.add(ctx.em, 'mail.send', { to, caseId: ctx.case.id, internal: true, ...mail });
  }

  /** The `reminder.information-request` job: one reminder per open request, however often the job runs. */
  private async remind(requestId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const request = await em.findOne(InformationRequest, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      if (!request || request.answeredAt || request.reminderSentAt) return;
      const found = await em.findOneByOrFail(Case, { id: request.caseId });
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      await em.update(InformationRequest, { id: requestId }, { reminderSentAt: new Date() });
      const mail = mailFrom(this.mailTexts(definition), 'mailInformationReminder', {
        fileNumber: found.fileNumber ?? found.title,
        projectTitle: found.title,
        dueDate: formatDate(request.dueOn),
        requestMessage: request.message,
      });
      await this.outbox.add(em, 'mail.send', { to: await this.applicantEmail(em, found), caseId: found.id, ...mail });
    });
  }

  /**
   * The text blocks mails are worded from: the case's guideline version, or, for a version stored before its
   * mails were configured, the current version of the same guideline.
   */
  private mailTexts(def: GuidelineDefinition): Record<string, string> {
    return mailTextsOf(def, APPLICATIONS_MAIL_TEXTS, (code) => this.guidelines.currentVersion(code).definition);
  }

  private async applicantEmail(em: EntityManager, c: Case): Promise<string> {
    const email = await this.directory.emailOf(c.createdBy, em);
    if (!email) throw new Error(`case ${c.id}: its creator ${c.createdBy} has no account`);
    return email;
  }
}

/**
 * Locks the case row (SELECT … FOR UPDATE) before a check reads what the applicant edits: a draft save or an
 * upload, which lock the same row, then either commits before the check reads, or waits and finds the case moved on.
 */
async function lockCase(ctx: TransitionContext): Promise<void> {
  await ctx.em.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [ctx.case.id]);
}

async function proposal(ctx: TransitionContext, stage: 'concept' | 'application'): Promise<Proposal> {
  await lockCase(ctx);
  const found = await ctx.em.findOneBy(Proposal, { caseId: ctx.case.id, stage });
  if (!found) throw new Error(`case ${ctx.case.id} has no ${stage}`);
  return found;
}

/**
 * The concept's answers to fields the application form has too (same key and type), each only if it is a valid
 * draft answer there (the application may allow less, e.g. a shorter text).
 */
export function sharedAnswers(def: GuidelineDefinition, conceptFields: Record<string, unknown>): Record<string, unknown> {
  const conceptTypes = new Map(def.forms.concept.fields.map((f) => [f.key, f.type]));
  const out: Record<string, unknown> = {};
  for (const field of def.forms.application.fields) {
    const value = conceptFields[field.key];
    if (value === undefined || value === null || conceptTypes.get(field.key) !== field.type) continue;
    if (validateForm({ fields: [field] }, { [field.key]: value }, 'draft').length === 0) out[field.key] = value;
  }
  return out;
}
