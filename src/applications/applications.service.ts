import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { CallsService } from '../guidelines/calls/calls.service';
import type { GuidelineDefinition } from '../guidelines/guideline.types';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { Case } from '../guidelines/workflow/case.entity';
import { WorkflowService } from '../guidelines/workflow/workflow.service';
import { stateOf } from '../guidelines/workflow/workflow-rules';
import { districtOf } from '../platform/accounts/ags';
import { DirectoryService } from '../platform/accounts/directory.service';
import { organisationScope, seesAllOrganisations } from '../platform/auth/access';
import type { Actor } from '../platform/auth/actor';
import { AuditService } from '../platform/audit/audit.service';
import { berlinDate } from '../platform/calendar/calendar';
import { Clock } from '../platform/clock';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../platform/errors/domain-error';
import { insideTerritory } from '../guidelines/territory';
import { AttachmentsService, lockCase } from './attachments.service';
import { caseListSql, CaseListPage, caseSearchSql, preparedName } from './domain/case-list-sql';
import { mergeDraft, sentKeysOf } from './domain/draft-merge';
import { applicationFormProblems, conceptProblems, costYearProblems, planOf, ProposalData } from './domain/proposal-rules';
import { validateForm } from './domain/form-validation';
import type { Problem } from './domain/problem';
import { CreateConceptDto, EarlyStartDecisionDto, EarlyStartRequestDto, ListCasesQuery, SaveApplicationDto } from './dto/applications.dto';
import { Attachment, EarlyStartRequest, InformationRequest, Proposal, Stage } from './entities';


/** The applicant's side of stages 1 and 2: drafts with versions, computed grants, submission through the workflow. */
/** The case list counts its matches exactly up to this many (and always up to the end of the page asked for). */
export const COUNT_EXACT_UP_TO = 10_000;

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly workflow: WorkflowService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calls: CallsService,
    private readonly directory: DirectoryService,
  ) {}

  /**
   * Closes the case's open information request when another step answers it (a returned proof of use filed again),
   * in the caller's transaction; answers its id, or null when none was open.
   */
  async closeOpenInformationRequest(em: EntityManager, caseId: string, actorId: string): Promise<string | null> {
    const open = await em.findOne(InformationRequest, { where: { caseId, answeredAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!open) return null;
    await em.update(InformationRequest, { id: open.id }, { answeredBy: actorId, answeredAt: this.clock.now() });
    return open.id;
  }

  /** The open calls, read from the call records (dates staff may have moved). */
  async openCalls() {
    return (await this.calls.openCalls()).map(({ call, definition: d }) => ({
      guidelineCode: d.code,
      guidelineTitle: d.title,
      callCode: call.code,
      title: call.title,
      opensOn: call.opensOn,
      deadline: call.deadline,
      minimumGrantCents: d.minimumGrantCents,
      variants: d.variants,
      costCategories: d.costCategories,
      attachmentTypes: d.attachmentTypes,
      conceptForm: d.forms.concept,
    }));
  }

  async createConcept(actor: Actor, dto: CreateConceptDto) {
    const { definition } = this.guidelines.currentVersion(dto.guidelineCode);
    const call = await this.calls.get(definition.code, dto.callCode);
    if (this.calls.status(call) !== 'open') {
      throw new ConflictError('CALL_NOT_OPEN', `The call ${call.code} is not open: it runs from ${call.opensOn} to the end of ${call.deadline}${call.closedAt ? ' and was closed early' : ''}.`);
    }
    if (!actor.organisationId) throw new ValidationError('ORGANISATION_REQUIRED', 'Only a user acting for an organisation can apply.');
    const org = await this.directory.organisation(actor.organisationId);
    if (org?.ags && !insideTerritory(definition.territory, org.ags)) {
      throw new ForbiddenError(`Applicants from AGS ${org.ags} cannot apply under this guideline: it is open to ${definition.territory!.label} only.`, 'APPLICANT_OUTSIDE_TERRITORY', {
        ags: org.ags,
        territory: definition.territory,
      });
    }
    const { created, proposal } = await this.dataSource.transaction(async (em) => {
      const created = await this.workflow.openCase(em, actor, {
        guidelineCode: definition.code,
        callCode: call.code,
        organisationId: actor.organisationId!,
        title: '',
      });
      const proposal = em.create(Proposal, { ...emptyProposal(created.id, 'concept'), updatedAt: new Date() });
      this.recompute(definition, proposal);
      // insert, not save: save looks the new row up first (the cast: TypeORM's insert type cannot take a jsonb Record)
      await em.insert(Proposal, proposal as QueryDeepPartialEntity<Proposal>);
      return { created, proposal };
    });
    // the answer is what was just written, as GET answers it (test/applications/concept.spec.ts): nothing read back
    return this.view(this.dataSource.manager, definition, created, proposal);
  }

  async getProposal(actor: Actor, caseId: string, stage: Stage, em: EntityManager = this.dataSource.manager) {
    const found = await this.workflow.getCase(actor, caseId, em);
    const proposal = await em.findOneBy(Proposal, { caseId, stage });
    if (!proposal) throw new NotFoundError(`The ${stage}`, 'PROPOSAL_NOT_FOUND');
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    return this.view(em, definition, found, proposal);
  }

  /**
   * Saves a draft. A key the client sends replaces the stored value, a key left out keeps it, `fields` are
   * merged per key (null removes one). The grant, the problems and the stored row all come from that one
   * merged draft. The case row is locked, so a save cannot commit after the concept was checked for submission.
   */
  async saveProposal(actor: Actor, caseId: string, stage: Stage, dto: SaveApplicationDto) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.lockCase(em, actor, caseId);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      assertEditable(definition, found, stage);
      const proposal = await em.findOneBy(Proposal, { caseId, stage });
      if (!proposal) throw new NotFoundError(`The ${stage}`, 'PROPOSAL_NOT_FOUND');
      if (proposal.version !== dto.version) {
        throw new ConflictError('STALE_VERSION', `The ${stage} has changed since you loaded it. Please reload and try again.`, {
          expectedVersion: dto.version,
          currentVersion: proposal.version,
        });
      }
      const { version, ...changes } = dto;
      const draft = mergeDraft(proposal, changes);
      const form = stage === 'concept' ? definition.forms.concept : definition.forms.application;
      const fieldProblems = validateForm(form, draft.fields, 'draft');
      if (fieldProblems.length) {
        throw new ValidationError(fieldProblems[0].code, `The form has ${fieldProblems.length} invalid value(s).`, fieldProblems);
      }
      // Cost lines in years that can never be funded are refused where they are entered.
      const sent = sentKeysOf(changes);
      if (['costs', 'fundingStart', 'fundingEnd'].some((k) => sent.has(k))) {
        const yearProblems = costYearProblems(draft, await this.calls.budgetYears(definition.code, found.callCode, em));
        if (yearProblems.length) {
          throw new UnprocessableError(yearProblems[0].code, `${yearProblems.length} cost line(s) fall in a year that cannot be funded.`, { problems: yearProblems });
        }
      }
      this.recompute(definition, draft);
      const updated = await em
        .createQueryBuilder()
        .update(Proposal)
        .set({ ...pickColumns(draft), version: version + 1, updatedAt: () => 'now()' })
        .where('case_id = :caseId AND stage = :stage AND version = :version', { caseId, stage, version })
        .execute();
      if (updated.affected !== 1) throw new ConflictError('STALE_VERSION', `The ${stage} was changed at the same moment. Please reload and try again.`);
      if (stage === 'concept' && typeof draft.fields.title === 'string') {
        found.title = draft.fields.title.trim();
        await em.update(Case, { id: caseId }, { title: found.title });
      }
      // the answer is what was just written: no need to read it back
      return this.view(em, definition, found, Object.assign(proposal, pickColumns(draft), { version: version + 1 }));
    });
  }

  /** Loads the case for this actor with its row locked (SELECT … FOR UPDATE) until the transaction ends. */
  lockCase(em: EntityManager, actor: Actor, caseId: string): Promise<Case> {
    return lockCase(em, this.workflow, actor, caseId);
  }

  /** Takes a workflow step on the applicant's behalf and answers the case as it is afterwards. */
  async step(actor: Actor, caseId: string, transition: string, reason?: string) {
    await this.workflow.transition(actor, { caseId, transition, reason });
    return this.workflow.describe(actor, caseId);
  }

  async requestEarlyStart(actor: Actor, caseId: string, dto: EarlyStartRequestDto) {
    return this.dataSource.transaction(async (em) => {
      const found = await this.workflow.getCase(actor, caseId, em);
      const { definition } = await this.guidelines.version(found.guidelineVersionId);
      const stage = stateOf(definition, found.state)?.stage;
      if (stage !== 'concept' && stage !== 'application') {
        throw new ConflictError('PROPOSAL_NOT_EDITABLE', 'An early start can only be requested before the decision.');
      }
      const existing = await em.findOneBy(EarlyStartRequest, { caseId });
      if (existing && existing.approved !== false) {
        throw new ConflictError('EARLY_START_ALREADY_REQUESTED', 'An early start has been requested already.');
      }
      if (existing) await em.delete(EarlyStartRequest, { caseId });
      const request = await em.save(
        em.create(EarlyStartRequest, { caseId, requestedStart: dto.requestedStart, reason: dto.reason, requestedBy: actor.id, requestedAt: this.clock.now() }),
      );
      await this.audit.append(em, { actorId: actor.id, action: 'early_start.requested', entityType: 'case', entityId: caseId, data: { ...dto } });
      return request;
    });
  }

  async decideEarlyStart(actor: Actor, caseId: string, dto: EarlyStartDecisionDto) {
    return this.dataSource.transaction(async (em) => {
      await this.workflow.getCase(actor, caseId, em);
      const request = await em.findOne(EarlyStartRequest, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw new NotFoundError('The early-start request', 'EARLY_START_NOT_REQUESTED');
      if (request.approved !== null) throw new ConflictError('EARLY_START_ALREADY_DECIDED', 'The early-start request has been decided already.');
      Object.assign(request, { approved: dto.approved, decidedBy: actor.id, decidedAt: this.clock.now(), decisionNote: dto.note ?? null });
      await em.save(request);
      await this.audit.append(em, { actorId: actor.id, action: 'early_start.decided', entityType: 'case', entityId: caseId, data: { ...dto } });
      return request;
    });
  }

  async getEarlyStart(actor: Actor, caseId: string) {
    await this.workflow.getCase(actor, caseId);
    const request = await this.dataSource.getRepository(EarlyStartRequest).findOneBy({ caseId });
    if (!request) throw new NotFoundError('The early-start request', 'EARLY_START_NOT_REQUESTED');
    // Applicants learn the decision, not which staff member took it (as in the case's timeline).
    return seesAllOrganisations(actor) ? request : { ...request, decidedBy: null };
  }

  async listCases(actor: Actor, q: ListCasesQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    const scope = organisationScope(actor);
    if (scope === 'none') return { items: [], total: 0, totalIsLowerBound: false, page: 1, pageSize: q.pageSize ?? 20 };
    if (scope) add('c.organisation_id = ?', scope);
    if (q.guideline) add('c.guideline_code = ?', q.guideline);
    if (q.call) add('c.call_code = ?', q.call);
    if (q.state) add('c.state = ?', q.state);
    if (q.stage) {
      const states = new Set(this.guidelines.list().flatMap((g) => g.definition.workflow.states.filter((s) => s.stage === q.stage).map((s) => s.code)));
      add('c.state = ANY(?)', [...states]);
    }
    if (q.variant) add('c.variant = ?', q.variant);
    if (q.district) add('left(c.location_ags, 5) = ?', q.district);
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      // title and file number, lower-cased, in one column with a trigram index: the same as ILIKE on each
      where.push(`c.search LIKE lower($${params.length})`);
    }
    if (q.overdue !== undefined) {
      add(`${q.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM information_requests r WHERE r.case_id = c.id AND r.answered_at IS NULL AND r.due_on < ?)`, berlinDate(this.clock.now()));
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    // Everything the list filters and sorts is on `cases` (kept there by triggers), each with an index: the count
    // touches no other table and the page is read in index order.
    // Counting every match of a broad filter costs more than the page itself (100,000 index entries unfiltered), and
    // nobody pages through 10,000 cases: the count is exact up to COUNT_EXACT_UP_TO cases or the end of the page
    // asked for, whichever is more; beyond that the answer says "more than `total`", so the next page is always known.
    const list: CaseListPage = {
      filter: where.length ? `WHERE ${where.join(' AND ')}` : '',
      sort: q.sort ?? 'createdAt',
      order: q.order === 'asc' ? 'asc' : 'desc',
      page,
      pageSize,
      countedUpTo: Math.max(COUNT_EXACT_UP_TO, page * pageSize),
    };
    let rows = await this.listRows(q.q ? caseSearchSql(list) : caseListSql(list), list, params);
    // a text search matching more than the count reaches: its page must come from the sort's index
    if (rows[0].total > list.countedUpTo && q.q) rows = await this.listRows(caseListSql(list), list, params);
    const total: number = rows[0].total;
    rows = rows.filter((r) => r.id !== null);
    // a page holds cases of a few guideline versions: each looked up once, not once per case
    const definitions = new Map<string, GuidelineDefinition>();
    for (const id of new Set<string>(rows.map((r) => r.guideline_version_id))) definitions.set(id, (await this.guidelines.version(id)).definition);
    const items = rows.map((r: Record<string, any>) => {
      const definition = definitions.get(r.guideline_version_id)!;
      const state = stateOf(definition, r.state);
      return {
        id: r.id,
        fileNumber: r.file_number,
        title: r.title,
        state: r.state,
        stateLabel: state?.label ?? r.state,
        stage: state?.stage ?? null,
        guidelineCode: r.guideline_code,
        callCode: r.call_code,
        variant: r.variant,
        locationAgs: r.location_ags,
        district: r.location_ags ? districtOf(r.location_ags) : null,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        grantCents: r.grant_cents === null ? null : Number(r.grant_cents),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
    return { items, total: Math.min(total, list.countedUpTo), totalIsLowerBound: total > list.countedUpTo, page, pageSize };
  }

  private async listRows(sql: string, list: CaseListPage, params: unknown[]): Promise<Record<string, any>[]> {
    // TypeORM cannot name a statement; its pool can
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return (await pool.query({ name: preparedName(sql, list), text: sql, values: params })).rows;
  }

  /** For other modules (jury, decisions): the plans of cases by case id. Callers have checked access to the cases. */
  async proposalsOf(em: EntityManager, caseIds: string[], stage: Stage): Promise<Map<string, Proposal>> {
    const rows = caseIds.length ? await em.findBy(Proposal, { caseId: In(caseIds), stage }) : [];
    return new Map(rows.map((p) => [p.caseId, p]));
  }

  /** For other modules (jury): the grant each plan of this stage in a call asks for, without loading the plans. */
  async requestedGrants(em: EntityManager, guidelineCode: string, callCode: string, stage: Stage, onlyCaseId?: string): Promise<Map<string, number | null>> {
    const rows: { case_id: string; grant_cents: string | null }[] = await em.query(
      `SELECT p.case_id, p.grant_cents FROM proposals p JOIN cases c ON c.id = p.case_id
        WHERE c.guideline_code = $1 AND c.call_code = $2 AND p.stage = $3 AND ($4::uuid IS NULL OR c.id = $4)`,
      [guidelineCode, callCode, stage, onlyCaseId ?? null],
    );
    return new Map(rows.map((r) => [r.case_id, r.grant_cents === null ? null : Number(r.grant_cents)]));
  }

  async attachmentsOf(em: EntityManager, caseId: string, stage: Stage) {
    return em.find(Attachment, { where: { caseId, stage, removedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** Everything that would block submission now, for the applicant to see while editing. */
  async problems(em: EntityManager, def: GuidelineDefinition, found: Case, proposal: Proposal): Promise<Problem[]> {
    const missing = await this.attachments.missingRequired(em, def, found.id, proposal.stage);
    const budgetYears = await this.calls.budgetYears(def.code, found.callCode, em);
    if (proposal.stage === 'concept') return [...conceptProblems(def, proposal, budgetYears), ...missing];
    const early = await em.findOneBy(EarlyStartRequest, { caseId: found.id, approved: true });
    return [
      ...applicationFormProblems(def, proposal, { today: berlinDate(this.clock.now()), approvedEarlyStart: early?.requestedStart ?? null }),
      ...planOf(def, proposal).problems,
      ...costYearProblems(proposal, budgetYears),
      ...missing,
    ];
  }

  private recompute(def: GuidelineDefinition, proposal: ProposalData & Pick<Proposal, 'grantCents' | 'calculation'>): void {
    const { calculation } = planOf(def, proposal);
    proposal.calculation = calculation;
    proposal.grantCents = calculation?.grantCents ?? null;
  }

  private async view(em: EntityManager, def: GuidelineDefinition, found: Case, proposal: Proposal) {
    const { caseId, stage, version, variant, locationAgs, fields, costs, requestedRatesBp, ownContributionCents, thirdPartyFunds } = proposal;
    const state = stateOf(def, found.state);
    return {
      caseId,
      stage,
      version,
      variant,
      locationAgs,
      fields,
      costs,
      requestedRatesBp,
      ownContributionCents,
      thirdPartyFunds,
      fundingStart: proposal.fundingStart,
      fundingEnd: proposal.fundingEnd,
      iban: proposal.iban,
      accountHolder: proposal.accountHolder,
      grantCents: proposal.grantCents,
      calculation: proposal.calculation,
      editable: state?.editable === stage,
      problems: await this.problems(em, def, found, proposal),
      // What the editor needs to show this stage, also after the call has closed (GET /calls lists open calls only).
      guide: {
        form: stage === 'concept' ? def.forms.concept : def.forms.application,
        variants: def.variants,
        costCategories: def.costCategories,
        attachmentTypes: def.attachmentTypes.filter((t) => t.stage === stage),
      },
      case: { id: found.id, state: found.state, stateLabel: state?.label, version: found.version, fileNumber: found.fileNumber, title: found.title },
    };
  }
}

export function assertEditable(def: GuidelineDefinition, found: Case, stage: string): void {
  const state = stateOf(def, found.state);
  if (state?.editable !== stage) {
    throw new ConflictError('PROPOSAL_NOT_EDITABLE', `The ${stage} cannot be changed while the case is "${state?.label ?? found.state}".`, { state: found.state });
  }
}

export function emptyProposal(caseId: string, stage: Stage): Omit<Proposal, 'updatedAt'> {
  return {
    caseId,
    stage,
    variant: null,
    locationAgs: null,
    fields: {},
    costs: [],
    requestedRatesBp: {},
    ownContributionCents: 0,
    thirdPartyFunds: [],
    fundingStart: null,
    fundingEnd: null,
    iban: null,
    accountHolder: null,
    grantCents: null,
    calculation: null,
    version: 1,
  };
}

function pickColumns(p: ProposalData & Pick<Proposal, 'grantCents' | 'calculation'>) {
  return {
    variant: p.variant,
    locationAgs: p.locationAgs,
    fields: p.fields,
    costs: p.costs,
    requestedRatesBp: p.requestedRatesBp,
    ownContributionCents: p.ownContributionCents,
    thirdPartyFunds: p.thirdPartyFunds,
    fundingStart: p.fundingStart,
    fundingEnd: p.fundingEnd,
    iban: p.iban,
    accountHolder: p.accountHolder,
    grantCents: p.grantCents,
    calculation: p.calculation,
  };
}
