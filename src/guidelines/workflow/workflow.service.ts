import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { returnedRows } from '../../platform/database/database';
import { assertOrganisationAccess } from '../../platform/auth/access';
import type { Actor } from '../../platform/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../platform/errors/domain-error';
import { GuidelinesService } from '../guidelines.service';
import { Case, CaseTransition } from './case.entity';
import { CheckFailure, WorkflowRegistry } from './workflow-registry';
import { evaluateTransition, transitionsFrom } from './workflow-rules';

export interface TransitionRequest {
  caseId: string;
  transition: string;
  reason?: string | null;
  /** The version the client last saw; a different current version is a 409. */
  expectedVersion?: number;
  input?: Record<string, unknown>;
}

/**
 * The one engine that moves any case along the transitions of the guideline version it started
 * under. Checks run first (all of them, every failure is reported); the state change is a
 * conditional update on the case's version, so of two concurrent transitions exactly one wins.
 */
@Injectable()
export class WorkflowService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Workflow');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesService,
    private readonly registry: WorkflowRegistry,
    private readonly audit: AuditService,
  ) {}

  /** Reports steps that cannot run yet because a module does not implement their checks or effects. */
  onApplicationBootstrap(): void {
    for (const { code, definition } of this.guidelines.list()) {
      const missing = new Set(definition.workflow.transitions.flatMap((t) => this.registry.missingFor(t)));
      if (missing.size) this.logger.warn(`guideline ${code}: steps using ${[...missing].sort().join(', ')} are unavailable until implemented`);
    }
  }

  async openCase(
    em: EntityManager,
    actor: Actor,
    params: { guidelineCode: string; callCode: string; organisationId: string; title: string },
  ): Promise<Case> {
    const version = this.guidelines.currentVersion(params.guidelineCode);
    const initial = version.definition.workflow.initialState;
    const created = await em.save(
      em.create(Case, {
        guidelineVersionId: version.id,
        organisationId: params.organisationId,
        callCode: params.callCode,
        title: params.title,
        state: initial,
        version: 1,
        createdBy: actor.id,
      }),
    );
    await em.save(em.create(CaseTransition, { caseId: created.id, transition: 'open', fromState: null, toState: initial, actorId: actor.id }));
    await this.audit.append(em, {
      actorId: actor.id,
      action: 'case.opened',
      entityType: 'case',
      entityId: created.id,
      data: { guideline: version.code, guidelineVersion: version.id, call: params.callCode, state: initial },
    });
    return created;
  }

  /** Loads a case the actor may see; another organisation's case is "not found". */
  async getCase(actor: Actor, caseId: string, em: EntityManager = this.dataSource.manager): Promise<Case> {
    const found = await em.findOneBy(Case, { id: caseId });
    if (!found) throw new NotFoundError('The case', 'CASE_NOT_FOUND');
    assertOrganisationAccess(actor, found.organisationId, 'The case', 'CASE_NOT_FOUND');
    return found;
  }

  async describe(actor: Actor, caseId: string) {
    const found = await this.getCase(actor, caseId);
    const { definition } = await this.guidelines.version(found.guidelineVersionId);
    const available = transitionsFrom(definition.workflow, found.state, actor.roles)
      .filter((t) => this.registry.missingFor(t).length === 0)
      .map((t) => ({ name: t.name, to: t.to, reasonRequired: !!t.reasonRequired }));
    return { ...found, guidelineCode: definition.code, availableTransitions: available };
  }

  async history(actor: Actor, caseId: string): Promise<CaseTransition[]> {
    await this.getCase(actor, caseId);
    return this.dataSource.getRepository(CaseTransition).find({ where: { caseId }, order: { id: 'ASC' } });
  }

  transition(actor: Actor, req: TransitionRequest, outer?: EntityManager): Promise<Case> {
    const run = async (em: EntityManager): Promise<Case> => {
      const current = await this.getCase(actor, req.caseId, em);
      if (req.expectedVersion !== undefined && req.expectedVersion !== current.version) {
        throw new ConflictError('STALE_VERSION', 'The case has changed since you loaded it. Please reload and try again.', {
          expectedVersion: req.expectedVersion,
          currentVersion: current.version,
        });
      }
      const { definition } = await this.guidelines.version(current.guidelineVersionId);
      const reason = req.reason?.trim() || null;
      const verdict = evaluateTransition(definition.workflow, req.transition, current.state, actor.roles, reason);
      if (!verdict.ok) {
        const { code, message, ...details } = verdict.refusal;
        if (code === 'ROLE_NOT_ALLOWED') throw new ForbiddenError(message, code, details);
        if (code === 'TRANSITION_UNKNOWN') throw new ValidationError(code, message, { transition: req.transition });
        if (code === 'REASON_REQUIRED') throw new ValidationError(code, message, { field: 'reason' });
        throw new ConflictError(code, message, details);
      }
      const { transition } = verdict;
      const missing = this.registry.missingFor(transition);
      if (missing.length) {
        throw new ConflictError('TRANSITION_UNAVAILABLE', `The step "${transition.name}" is not available in this installation yet.`, { notImplemented: missing });
      }

      const ctx = { em, case: current, definition, transition, actor, reason, input: req.input ?? {}, notes: [] as string[] };
      const failures: (CheckFailure & { check: string })[] = [];
      for (const name of transition.checks) {
        for (const f of await this.registry.check(name)!(ctx)) failures.push({ check: name, ...f });
      }
      if (failures.length) {
        throw new UnprocessableError('CHECKS_FAILED', `The step "${transition.name}" cannot be taken: ${failures.length} check(s) failed.`, { problems: failures });
      }

      const moved = await em.query(
        `UPDATE cases SET state = $1, version = version + 1, updated_at = now() WHERE id = $2 AND version = $3 RETURNING version`,
        [transition.to, current.id, current.version],
      );
      if (returnedRows(moved).length !== 1) {
        throw new ConflictError('CONCURRENT_MODIFICATION', 'Someone else changed this case at the same moment. Please reload and try again.');
      }
      const after = Object.assign(new Case(), current, { state: transition.to, version: current.version + 1 });
      ctx.case = after;
      await em.save(em.create(CaseTransition, { caseId: current.id, transition: transition.name, fromState: current.state, toState: transition.to, actorId: actor.id, reason }));
      for (const name of transition.effects) await this.registry.effect(name)!(ctx);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'case.transition',
        entityType: 'case',
        entityId: current.id,
        data: { transition: transition.name, from: current.state, to: transition.to, reason },
      });
      return after;
    };
    return outer ? run(outer) : this.dataSource.transaction(run);
  }
}
