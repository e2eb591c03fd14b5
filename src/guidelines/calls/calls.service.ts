import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/auth/actor';
import { AuditService } from '../../platform/audit/audit.service';
import { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/domain-error';
import type { Role } from '../../platform/auth/roles';
import type { GuidelineDefinition } from '../guideline.types';
import { GuidelinesService } from '../guidelines.service';
import { CallStatus, callStatus } from './call-rules';

export interface CallBudget {
  fiscalYear: number;
  amountCents: number;
}

/** A managed call: created from the guideline's template or opened by staff; its dates and budgets can be steered. */
export interface CallRecord {
  guidelineCode: string;
  code: string;
  title: string;
  opensOn: string;
  deadline: string;
  budgets: CallBudget[];
  closedAt: Date | null;
  closeReason: string | null;
  fromTemplate: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallChange {
  kind: 'opened' | 'changed' | 'closed' | 'budget';
  reason: string | null;
  changes: Record<string, unknown>;
  actorId: string | null;
  occurredAt: Date;
}

/**
 * Keeps the money side of a call in step: the ledger registers itself here (the guideline engine knows no
 * feature module). Both methods run in the caller's transaction.
 */
export interface CallBudgetKeeper {
  /** Makes sure there is a ledger row per fiscal year of the call; never changes an existing one. */
  open(em: EntityManager, guidelineCode: string, callCode: string, budgets: CallBudget[]): Promise<void>;
  /** Sets a year's budget under the ledger's row lock; refuses (409 BUDGET_BELOW_COMMITTED) one below what is committed. */
  set(em: EntityManager, guidelineCode: string, callCode: string, fiscalYear: number, amountCents: number): Promise<void>;
}

/** Roles that see the jury's criteria and the history of a call; applicants see neither. */
const AGENCY_ROLES: Role[] = ['caseworker', 'reviewer', 'approver', 'finance', 'auditor', 'admin'];

/**
 * Calls as managed records. The guideline's `calls:` are templates, copied at start for calls that do not exist
 * yet (a steered call is never overwritten); an admin opens further calls, moves dates, closes early and sets
 * budgets, each with a reason that is kept with the call and in the audit trail.
 */
@Injectable()
export class CallsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Calls');
  private keeper?: CallBudgetKeeper;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The ledger registers here at module init. */
  useBudgetKeeper(keeper: CallBudgetKeeper): void {
    this.keeper = keeper;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { definition } of this.guidelines.list()) {
      for (const template of definition.calls) {
        await this.dataSource.transaction(async (em) => {
          const inserted = await em.query(
            `INSERT INTO calls (guideline_code, call_code, title, opens_on, deadline, budgets, from_template)
             VALUES ($1, $2, $3, $4, $5, $6, true) ON CONFLICT (guideline_code, call_code) DO NOTHING RETURNING call_code`,
            [definition.code, template.code, template.title, template.opensOn, template.deadline, JSON.stringify(template.budgets)],
          );
          if (inserted.length) this.logger.log(`call ${definition.code}/${template.code} created from the guideline's template`);
        });
      }
    }
    // the ledger has a row for every budget year of every call (existing rows stay as they are)
    const calls = await this.list();
    await this.dataSource.transaction(async (em) => {
      for (const call of calls) await this.keeper?.open(em, call.guidelineCode, call.code, call.budgets);
    });
  }

  // --- reading

  async list(guidelineCode?: string, em: EntityManager = this.dataSource.manager): Promise<CallRecord[]> {
    const rows = await em.query(`${SELECT} WHERE ($1::text IS NULL OR guideline_code = $1) ORDER BY guideline_code, opens_on, call_code`, [guidelineCode ?? null]);
    return rows.map(toRecord);
  }

  async find(guidelineCode: string, callCode: string, em: EntityManager = this.dataSource.manager): Promise<CallRecord | undefined> {
    const [row] = await em.query(`${SELECT} WHERE guideline_code = $1 AND call_code = $2`, [guidelineCode, callCode]);
    return row ? toRecord(row) : undefined;
  }

  async get(guidelineCode: string, callCode: string, em: EntityManager = this.dataSource.manager): Promise<CallRecord> {
    const call = await this.find(guidelineCode, callCode, em);
    if (!call) throw new NotFoundError(`The call ${callCode} of ${guidelineCode}`, 'CALL_NOT_FOUND');
    return call;
  }

  /** The fiscal years a call has budgets for, ascending (none for an unknown call). */
  async budgetYears(guidelineCode: string, callCode: string, em: EntityManager = this.dataSource.manager): Promise<number[]> {
    const call = await this.find(guidelineCode, callCode, em);
    return call ? [...new Set(call.budgets.map((b) => b.fiscalYear))].sort((a, b) => a - b) : [];
  }

  status(call: CallRecord): CallStatus {
    return callStatus(call, this.clock.now());
  }

  /** Open calls of every guideline in force, with what a client needs to start a concept. */
  async openCalls(): Promise<{ call: CallRecord; definition: GuidelineDefinition }[]> {
    const now = this.clock.now();
    const byCode = new Map(this.guidelines.list().map((v) => [v.code, v.definition]));
    return (await this.list())
      .filter((call) => byCode.has(call.guidelineCode) && callStatus(call, now) === 'open')
      .map((call) => ({ call, definition: byCode.get(call.guidelineCode)! }));
  }

  async changes(guidelineCode: string, callCode: string): Promise<CallChange[]> {
    const rows = await this.dataSource.query(
      `SELECT kind, reason, changes, actor_id, occurred_at FROM call_changes WHERE guideline_code = $1 AND call_code = $2 ORDER BY id`,
      [guidelineCode, callCode],
    );
    return rows.map((r: any) => ({ kind: r.kind, reason: r.reason, changes: r.changes, actorId: r.actor_id, occurredAt: r.occurred_at }));
  }

  /** A call as a client renders it: dates, status, budgets, the forms and rules of the guideline in force. */
  async describe(actor: Actor, guidelineCode: string, callCode: string) {
    const { definition } = this.guidelines.currentVersion(guidelineCode);
    const call = await this.get(guidelineCode, callCode);
    const agency = actor.roles.some((r) => AGENCY_ROLES.includes(r));
    return {
      ...this.summary(call),
      guidelineTitle: definition.title,
      minimumGrantCents: definition.minimumGrantCents,
      eligibleApplicantTypes: definition.eligibleApplicantTypes,
      territory: definition.territory ?? null,
      variants: definition.variants,
      costCategories: definition.costCategories,
      attachmentTypes: definition.attachmentTypes,
      conceptForm: definition.forms.concept,
      applicationForm: definition.forms.application,
      deadlines: definition.deadlines,
      ...(agency
        ? {
            jury: {
              scale: definition.jury.scale,
              reviewersPerConcept: definition.jury.reviewersPerConcept,
              minimumScore: definition.jury.minimumScore,
              commentRequiredAtOrBelow: definition.jury.commentRequiredAtOrBelow,
              criteria: definition.jury.criteria,
            },
            changes: await this.changes(guidelineCode, callCode),
          }
        : {}),
    };
  }

  async listOf(guidelineCode: string) {
    this.guidelines.currentVersion(guidelineCode); // 404 for an unknown guideline
    return (await this.list(guidelineCode)).map((c) => this.summary(c));
  }

  summary(call: CallRecord) {
    return {
      guidelineCode: call.guidelineCode,
      callCode: call.code,
      title: call.title,
      opensOn: call.opensOn,
      deadline: call.deadline,
      status: this.status(call),
      closedAt: call.closedAt,
      closeReason: call.closeReason,
      budgets: call.budgets,
      totalBudgetCents: call.budgets.reduce((s, b) => s + b.amountCents, 0),
      version: call.version,
      updatedAt: call.updatedAt,
    };
  }

  // --- steering (admin)

  async open(actor: Actor, guidelineCode: string, dto: { code: string; title: string; opensOn: string; deadline: string; budgets: CallBudget[] }) {
    this.guidelines.currentVersion(guidelineCode);
    assertDates(dto.opensOn, dto.deadline);
    const years = dto.budgets.map((b) => b.fiscalYear);
    const dup = years.find((y, i) => years.indexOf(y) !== i);
    if (dup !== undefined) throw new ValidationError('FISCAL_YEAR_DUPLICATE', `The fiscal year ${dup} is given twice.`, { field: 'budgets' });
    const budgets = [...dto.budgets].sort((a, b) => a.fiscalYear - b.fiscalYear).map((b) => ({ fiscalYear: b.fiscalYear, amountCents: b.amountCents }));
    await this.dataSource.transaction(async (em) => {
      const inserted = await em.query(
        `INSERT INTO calls (guideline_code, call_code, title, opens_on, deadline, budgets, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (guideline_code, call_code) DO NOTHING RETURNING call_code`,
        [guidelineCode, dto.code, dto.title, dto.opensOn, dto.deadline, JSON.stringify(budgets), actor.id],
      );
      if (!inserted.length) throw new ConflictError('CALL_EXISTS', `The call ${dto.code} of ${guidelineCode} exists already.`, { field: 'code' });
      await this.keeper?.open(em, guidelineCode, dto.code, budgets);
      const data = { title: dto.title, opensOn: dto.opensOn, deadline: dto.deadline, budgets };
      await this.record(em, actor, guidelineCode, dto.code, 'opened', null, data);
    });
    return this.describe(actor, guidelineCode, dto.code);
  }

  /** Moves the opening or the deadline, or renames; the reason is kept with the call and in the audit trail. */
  async change(actor: Actor, guidelineCode: string, callCode: string, dto: { title?: string; opensOn?: string; deadline?: string; reason: string }) {
    await this.dataSource.transaction(async (em) => {
      const call = await this.locked(em, guidelineCode, callCode);
      if (call.closedAt) throw new ConflictError('CALL_CLOSED', `The call ${callCode} was closed early on ${call.closedAt.toISOString()}; it cannot be changed.`);
      const next = { title: dto.title ?? call.title, opensOn: dto.opensOn ?? call.opensOn, deadline: dto.deadline ?? call.deadline };
      const changes: Record<string, { from: string; to: string }> = {};
      for (const key of ['title', 'opensOn', 'deadline'] as const) if (next[key] !== call[key]) changes[key] = { from: call[key], to: next[key] };
      if (!Object.keys(changes).length) throw new ValidationError('NOTHING_TO_CHANGE', 'Give a new title, opening date or deadline.');
      assertDates(next.opensOn, next.deadline);
      await em.query(
        `UPDATE calls SET title = $3, opens_on = $4, deadline = $5, version = version + 1, updated_at = now() WHERE guideline_code = $1 AND call_code = $2`,
        [guidelineCode, callCode, next.title, next.opensOn, next.deadline],
      );
      await this.record(em, actor, guidelineCode, callCode, 'changed', dto.reason, changes);
    });
    return this.describe(actor, guidelineCode, callCode);
  }

  /** Closes the call now: no more concepts, and the jury may rank at once. */
  async close(actor: Actor, guidelineCode: string, callCode: string, reason: string) {
    await this.dataSource.transaction(async (em) => {
      const call = await this.locked(em, guidelineCode, callCode);
      if (callStatus(call, this.clock.now()) === 'closed') throw new ConflictError('CALL_ALREADY_CLOSED', `The call ${callCode} is closed already.`);
      const closedAt = this.clock.now();
      await em.query(
        `UPDATE calls SET closed_at = $3, close_reason = $4, version = version + 1, updated_at = now() WHERE guideline_code = $1 AND call_code = $2`,
        [guidelineCode, callCode, closedAt, reason],
      );
      await this.record(em, actor, guidelineCode, callCode, 'closed', reason, { closedAt: closedAt.toISOString(), deadline: call.deadline });
    });
    return this.describe(actor, guidelineCode, callCode);
  }

  /** Raises or lowers (or adds) a fiscal year's budget; never below what is committed in that year. */
  async setBudget(actor: Actor, guidelineCode: string, callCode: string, fiscalYear: number, amountCents: number, reason: string) {
    if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
      throw new ValidationError('FISCAL_YEAR_INVALID', 'The fiscal year must lie between 2000 and 2100.', { field: 'fiscalYear' });
    }
    await this.dataSource.transaction(async (em) => {
      const call = await this.locked(em, guidelineCode, callCode);
      const before = call.budgets.find((b) => b.fiscalYear === fiscalYear)?.amountCents ?? null;
      if (before === amountCents) throw new ValidationError('NOTHING_TO_CHANGE', `The budget of ${fiscalYear} is ${amountCents} cents already.`, { field: 'amountCents' });
      await this.keeper?.set(em, guidelineCode, callCode, fiscalYear, amountCents);
      const budgets = [...call.budgets.filter((b) => b.fiscalYear !== fiscalYear), { fiscalYear, amountCents }].sort((a, b) => a.fiscalYear - b.fiscalYear);
      await em.query(`UPDATE calls SET budgets = $3, version = version + 1, updated_at = now() WHERE guideline_code = $1 AND call_code = $2`, [
        guidelineCode,
        callCode,
        JSON.stringify(budgets),
      ]);
      await this.record(em, actor, guidelineCode, callCode, 'budget', reason, { fiscalYear, fromCents: before, toCents: amountCents });
    });
    return this.describe(actor, guidelineCode, callCode);
  }

  // --- internals

  private async locked(em: EntityManager, guidelineCode: string, callCode: string): Promise<CallRecord> {
    this.guidelines.currentVersion(guidelineCode);
    const [row] = await em.query(`${SELECT} WHERE guideline_code = $1 AND call_code = $2 FOR UPDATE`, [guidelineCode, callCode]);
    if (!row) throw new NotFoundError(`The call ${callCode} of ${guidelineCode}`, 'CALL_NOT_FOUND');
    return toRecord(row);
  }

  private async record(em: EntityManager, actor: Actor, guidelineCode: string, callCode: string, kind: CallChange['kind'], reason: string | null, changes: Record<string, unknown>) {
    await em.query(`INSERT INTO call_changes (guideline_code, call_code, kind, reason, changes, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      guidelineCode,
      callCode,
      kind,
      reason,
      JSON.stringify(changes),
      actor.id,
    ]);
    await this.audit.append(em, { actorId: actor.id, action: `call.${kind}`, entityType: 'call', entityId: `${guidelineCode}/${callCode}`, data: { reason, ...changes } });
  }
}

const SELECT = `SELECT guideline_code, call_code, title, opens_on::text AS opens_on, deadline::text AS deadline, budgets, closed_at, close_reason,
                       from_template, version, created_at, updated_at FROM calls`;

function toRecord(r: any): CallRecord {
  return {
    guidelineCode: r.guideline_code,
    code: r.call_code,
    title: r.title,
    opensOn: r.opens_on,
    deadline: r.deadline,
    budgets: r.budgets,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    closeReason: r.close_reason,
    fromTemplate: r.from_template,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === s;
}

function assertDates(opensOn: string, deadline: string): void {
  if (!isIsoDate(opensOn)) throw new ValidationError('DATE_INVALID', `'${opensOn}' is not a valid date.`, { field: 'opensOn' });
  if (!isIsoDate(deadline)) throw new ValidationError('DATE_INVALID', `'${deadline}' is not a valid date.`, { field: 'deadline' });
  if (deadline < opensOn) throw new ValidationError('DEADLINE_BEFORE_OPENING', `The deadline ${deadline} lies before the opening ${opensOn}.`, { field: 'deadline' });
}
