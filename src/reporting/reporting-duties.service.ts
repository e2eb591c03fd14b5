import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { WorkflowRegistry } from '../guidelines/workflow/workflow-registry';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { DirectoryService } from '../platform/accounts/directory.service';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { addDays, berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { formatDate } from '../platform/format';
import { OutboxService } from '../platform/outbox/outbox.service';
import { QueuesService } from '../platform/outbox/queues.service';
import { mailFromTexts } from '../platform/texts';
import type { ExtendDutyDto, ReportingDutyDto } from './dto/reporting-duties.dto';

interface DutyRow {
  id: string;
  case_id: string;
  kind: 'interim' | 'final';
  period_end: string;
  due_on: string;
  extended_due_on: string | null;
  reason: string | null;
  fulfilled_at: Date | null;
}

const DUTY_COLUMNS = `d.id, d.case_id, d.kind, d.period_end::text, d.due_on::text, d.extended_due_on::text, d.reason, d.fulfilled_at`;
/** States in which nothing more is to be reported (the case is settled, being recovered, or over). */
const NOTHING_OWED = ['settlement_prepared', 'settled', 'recovery_pending', 'closed'];

/**
 * The reporting duties of a case (interim proofs and the final proof of use, scheduled when the project starts):
 * due dates, extensions by a caseworker with a reason, and the daily reminders before and after each due date, each
 * sent once (a row per duty, kind and due date; a moved due date gets its own pair).
 */
@Injectable()
export class ReportingDutiesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('ReportingDuties');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workflow: WorkflowService,
    private readonly registry: WorkflowRegistry,
    private readonly guidelines: GuidelinesService,
    private readonly directory: DirectoryService,
    private readonly outbox: OutboxService,
    private readonly queues: QueuesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.declareNeeds('reporting-duties', { texts: ['mailReportDueSoonSubject', 'mailReportDueSoonBody', 'mailReportOverdueSubject', 'mailReportOverdueBody', 'reportLabelInterim', 'reportLabelFinal'] });
    // the final proof of use fulfils the final duty when it is submitted; a returned proof owes it again
    this.registry.registerEffect('fulfil_reporting_duty', async (ctx) => {
      await ctx.em.query(`UPDATE reporting_duties SET fulfilled_at = now() WHERE case_id = $1 AND kind = 'final' AND fulfilled_at IS NULL`, [ctx.case.id]);
    });
    this.registry.registerEffect('reopen_reporting_duty', async (ctx) => {
      await ctx.em.query(`UPDATE reporting_duties SET fulfilled_at = NULL WHERE case_id = $1 AND kind = 'final'`, [ctx.case.id]);
    });
    this.queues.register('reporting.remind-duties', async () => void (await this.remind()));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    await this.queues.schedule('reporting.remind-duties', { pattern: this.config.reportingReminderCron });
  }

  async ofCase(actor: Actor, caseId: string): Promise<ReportingDutyDto[]> {
    await this.workflow.getCase(actor, caseId); // 404 for another organisation's case
    const rows: DutyRow[] = await this.db.query(`SELECT ${DUTY_COLUMNS} FROM reporting_duties d WHERE d.case_id = $1 ORDER BY d.due_on, d.kind`, [caseId]);
    return rows.map((r) => this.view(r));
  }

  /** The due date in force of the case's next open duty (null: none open). */
  async nextDue(caseId: string): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT min(coalesce(extended_due_on, due_on))::text AS due FROM reporting_duties WHERE case_id = $1 AND fulfilled_at IS NULL`,
      [caseId],
    );
    return row?.due ?? null;
  }

  /** The agency's overdue list: duties past their (extended) due date and not fulfilled, on cases that still owe them. */
  async overdue(): Promise<(ReportingDutyDto & { fileNumber: string | null; caseTitle: string; organisationName: string })[]> {
    const rows: (DutyRow & { file_number: string | null; title: string; organisation_name: string })[] = await this.db.query(
      `SELECT ${DUTY_COLUMNS}, c.file_number, c.title, o.name AS organisation_name
         FROM reporting_duties d JOIN cases c ON c.id = d.case_id JOIN organisations o ON o.id = c.organisation_id
        WHERE d.fulfilled_at IS NULL AND coalesce(d.extended_due_on, d.due_on) < $1 AND c.state <> ALL($2)
        ORDER BY coalesce(d.extended_due_on, d.due_on), c.file_number`,
      [this.today(), NOTHING_OWED],
    );
    return rows.map((r) => ({ ...this.view(r), fileNumber: r.file_number, caseTitle: r.title, organisationName: r.organisation_name }));
  }

  /** A caseworker moves a due date (later only), with the reason; audited, and the recipient is reminded of the new date. */
  async extend(actor: Actor, dutyId: string, dto: ExtendDutyDto): Promise<ReportingDutyDto> {
    return this.db.transaction(async (em) => {
      const [duty]: DutyRow[] = await em.query(`SELECT ${DUTY_COLUMNS} FROM reporting_duties d WHERE d.id = $1 FOR UPDATE`, [dutyId]);
      if (!duty) throw new NotFoundError('The reporting duty', 'REPORTING_DUTY_NOT_FOUND');
      await this.workflow.getCase(actor, duty.case_id, em);
      if (duty.fulfilled_at) throw new UnprocessableError('REPORTING_DUTY_FULFILLED', 'This proof has been submitted; its due date no longer matters.');
      const current = duty.extended_due_on ?? duty.due_on;
      if (!isRealDay(dto.dueOn) || dto.dueOn <= current) {
        throw new UnprocessableError('DUE_DATE_NOT_LATER', `The new due date must be a day after the current one (${formatDate(current)}).`, { field: 'dueOn', currentDueOn: current });
      }
      await em.query(`UPDATE reporting_duties SET extended_due_on = $2, reason = $3, extended_by = $4 WHERE id = $1`, [dutyId, dto.dueOn, dto.reason.trim(), actor.id]);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'reporting_duty.extended',
        entityType: 'case',
        entityId: duty.case_id,
        data: { dutyId, kind: duty.kind, from: current, to: dto.dueOn, reason: dto.reason.trim() },
      });
      const [row]: DutyRow[] = await em.query(`SELECT ${DUTY_COLUMNS} FROM reporting_duties d WHERE d.id = $1`, [dutyId]);
      return this.view(row);
    });
  }

  /**
   * A caseworker records that an interim proof (Zwischennachweis) came in — it is filed outside this system, unlike
   * the final proof of use, whose submission fulfils its duty itself. Audited; reminders stop.
   */
  async received(actor: Actor, dutyId: string): Promise<ReportingDutyDto> {
    return this.db.transaction(async (em) => {
      const [duty]: DutyRow[] = await em.query(`SELECT ${DUTY_COLUMNS} FROM reporting_duties d WHERE d.id = $1 FOR UPDATE`, [dutyId]);
      if (!duty) throw new NotFoundError('The reporting duty', 'REPORTING_DUTY_NOT_FOUND');
      await this.workflow.getCase(actor, duty.case_id, em);
      if (duty.kind !== 'interim') throw new UnprocessableError('FINAL_PROOF_BY_SUBMISSION', 'The final proof of use is fulfilled by its submission, not recorded by hand.');
      if (duty.fulfilled_at) throw new UnprocessableError('REPORTING_DUTY_FULFILLED', 'This proof is already recorded as received.');
      await em.query(`UPDATE reporting_duties SET fulfilled_at = $2 WHERE id = $1`, [dutyId, this.clock.now()]);
      await this.audit.append(em, { actorId: actor.id, action: 'reporting_duty.received', entityType: 'case', entityId: duty.case_id, data: { dutyId, kind: duty.kind, periodEnd: duty.period_end } });
      const [row]: DutyRow[] = await em.query(`SELECT ${DUTY_COLUMNS} FROM reporting_duties d WHERE d.id = $1`, [dutyId]);
      return this.view(row);
    });
  }

  /**
   * The daily job: for every open duty on a case that still owes it, a reminder `reminderDaysBefore` days before its
   * due date (until the day it is due) and one `reminderDaysAfter` days after it — each once: the reminder row and
   * its mail are written in one transaction, and a second run finds the row.
   */
  async remind(today = this.today()): Promise<{ before: number; after: number }> {
    const due: (DutyRow & { guideline_version_id: string; state: string; file_number: string | null; title: string; created_by: string })[] = await this.db.query(
      `SELECT ${DUTY_COLUMNS}, c.guideline_version_id, c.state, c.file_number, c.title, c.created_by
         FROM reporting_duties d JOIN cases c ON c.id = d.case_id
        WHERE d.fulfilled_at IS NULL AND c.state <> ALL($1) ORDER BY coalesce(d.extended_due_on, d.due_on)`,
      [NOTHING_OWED],
    );
    const sent = { before: 0, after: 0 };
    for (const d of due) {
      const { definition } = await this.guidelines.version(d.guideline_version_id);
      const dueOn = d.extended_due_on ?? d.due_on;
      const kind =
        today >= addDays(dueOn, definition.reporting.reminderDaysAfter) ? 'after' : today >= addDays(dueOn, -definition.reporting.reminderDaysBefore) && today <= dueOn ? 'before' : null;
      if (!kind) continue;
      await this.db.transaction(async (em) => {
        const claimed = await em.query(`INSERT INTO reporting_duty_reminders (duty_id, kind, due_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING duty_id`, [d.id, kind, dueOn]);
        if (!claimed.length) return;
        const to = await this.directory.emailOf(d.created_by, em);
        if (!to) return this.logger.warn(`case ${d.case_id}: no address to remind of its ${d.kind} proof`);
        const label = d.kind === 'final' ? definition.texts.reportLabelFinal : `${definition.texts.reportLabelInterim} ${d.period_end.slice(0, 4)}`;
        const mail = mailFromTexts(definition.texts, kind === 'before' ? 'mailReportDueSoon' : 'mailReportOverdue', {
          reportLabel: label,
          fileNumber: d.file_number ?? '–',
          projectTitle: d.title,
          dueDate: formatDate(dueOn),
          authorityName: definition.authority.name,
        });
        const outboxId = await this.outbox.add(em, 'mail.send', { to, caseId: d.case_id, ...mail });
        await em.query(`UPDATE reporting_duty_reminders SET outbox_id = $4 WHERE duty_id = $1 AND kind = $2 AND due_on = $3`, [d.id, kind, dueOn, outboxId]);
        sent[kind]++;
      });
    }
    if (sent.before || sent.after) this.logger.log(`reminded of ${sent.before} proofs due soon and ${sent.after} overdue`);
    return sent;
  }

  private view(r: DutyRow): ReportingDutyDto {
    const dueOn = r.extended_due_on ?? r.due_on;
    return {
      id: r.id,
      caseId: r.case_id,
      kind: r.kind,
      periodEnd: r.period_end,
      dueOn,
      originalDueOn: r.due_on,
      extensionReason: r.reason,
      fulfilledAt: r.fulfilled_at?.toISOString() ?? null,
      overdue: !r.fulfilled_at && dueOn < this.today(),
    };
  }

  private today(): string {
    return berlinDate(this.clock.now());
  }
}

const isRealDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
