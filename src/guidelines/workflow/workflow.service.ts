import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { returnedRows } from '../../platform/database/database';
import { assertOrganisationAccess, seesAllOrganisations } from '../../platform/auth/access';
import type { Actor } from '../../platform/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../platform/errors/domain-error';
import { GuidelinesService } from '../guidelines.service';
import { Case, CaseTransition } from './case.entity';
import { CheckFailure, WorkflowRegistry } from './workflow-registry';
import { evaluateTransition, transitionsFrom } from './workflow-rules';

export interface TransitionRequest {
  caseId: string;
  transition: string;
  /** The public reason: the applicant reads it. */
  reason?: string | null;
  /** A working note of the agency, stored apart from the reason; applicants never see it. */
  internalNote?: string | null;
  /**
   * For the agency's own working steps (a send-back to the caseworker, a prepared rejection before sign-off): the
   * reason the step requires is given as the internal note, and nothing of it is public. Set by code, never by clients.
   */
  reasonIsInternal?: boolean;
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

  /** Refuses to start when a guideline lacks a step or text block a module needs; reports steps no module implements yet. */
  onApplicationBootstrap(): void {
    const lacking = this.guidelines.list().flatMap(({ code, definition }) => this.registry.lackingIn(definition).map((piece) => `guideline ${code} lacks ${piece}`));
    if (lacking.length) throw new Error(`The guidelines do not define what the modules need:\n  ${lacking.join('\n  ')}`);
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

  /**
   * Loads a case the actor may see; another organisation's case is "not found". `lock`: its row locked (SELECT …
   * FOR UPDATE) until `em`'s transaction ends.
   */
  async getCase(actor: Actor, caseId: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<Case> {
    const found = lock ? await em.findOne(Case, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } }) : await em.findOneBy(Case, { id: caseId });
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

  /**
   * The case's transitions as this actor may read them: the agency sees who took each step and the internal notes;
   * applicants see steps, dates and public reasons only.
   */
  async history(actor: Actor, caseId: string): Promise<TransitionView[]> {
    await this.getCase(actor, caseId);
    const rows = await this.dataSource.getRepository(CaseTransition).find({ where: { caseId }, order: { id: 'ASC' } });
    return rows.map((t) => transitionView(actor, t));
  }

  /**
   * A step asked for on the generic route (`POST /cases/:id/transitions`): steps that a module reserves for its own
   * route are refused there, naming that route, so their input is always validated by the route's own rules.
   */
  genericTransition(actor: Actor, req: TransitionRequest): Promise<Case> {
    const route = this.registry.ownRouteOf(req.transition);
    if (route) {
      throw new ValidationError('TRANSITION_HAS_OWN_ROUTE', `The step "${req.transition}" is taken with ${route}, not with the generic transition route.`, {
        transition: req.transition,
        route,
      });
    }
    return this.transition(actor, req);
  }

  /**
   * `loaded`: the case as the caller read or moved it in `outer`, the same transaction (steps over many cases read
   * them at once); without it the case is read here.
   */
  transition(actor: Actor, req: TransitionRequest, outer?: EntityManager, loaded?: Case): Promise<Case> {
    const run = async (em: EntityManager): Promise<Case> => {
      let current: Case;
      if (loaded && outer) {
        assertOrganisationAccess(actor, loaded.organisationId, 'The case', 'CASE_NOT_FOUND');
        current = loaded;
      } else current = await this.getCase(actor, req.caseId, em);
      if (req.expectedVersion !== undefined && req.expectedVersion !== current.version) {
        throw new ConflictError('STALE_VERSION', 'The case has changed since you loaded it. Please reload and try again.', {
          expectedVersion: req.expectedVersion,
          currentVersion: current.version,
        });
      }
      const { definition } = await this.guidelines.version(current.guidelineVersionId);
      const reason = req.reason?.trim() || null;
      const internalNote = req.internalNote?.trim() || null;
      if (internalNote && !seesAllOrganisations(actor)) {
        throw new ForbiddenError('Only the agency writes internal notes.', 'INTERNAL_NOTE_NOT_ALLOWED');
      }
      const verdict = evaluateTransition(definition.workflow, req.transition, current.state, actor.roles, req.reasonIsInternal ? (reason ?? internalNote) : reason);
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

      // the move and its record in one statement: a whole jury outcome takes 1,000 steps, each a round trip less
      const moved = await em.query(
        `WITH moved AS (UPDATE cases SET state = $1, version = version + 1, updated_at = now() WHERE id = $2 AND version = $3 RETURNING id)
         INSERT INTO case_transitions (case_id, transition, from_state, to_state, actor_id, reason, internal_note)
         SELECT id, $4::text, $5::text, $1, $6::uuid, $7::text, $8::text FROM moved RETURNING id`,
        [transition.to, current.id, current.version, transition.name, current.state, actor.id, reason, internalNote],
      );
      if (returnedRows(moved).length !== 1) {
        throw new ConflictError('CONCURRENT_MODIFICATION', 'Someone else changed this case at the same moment. Please reload and try again.');
      }
      const after = Object.assign(new Case(), current, { state: transition.to, version: current.version + 1 });
      ctx.case = after;
      for (const name of transition.effects) await this.registry.effect(name)!(ctx);
      await this.audit.append(em, {
        actorId: actor.id,
        action: 'case.transition',
        entityType: 'case',
        entityId: current.id,
        data: { transition: transition.name, from: current.state, to: transition.to, reason, ...(internalNote ? { internalNote } : {}) },
      });
      return after;
    };
    return outer ? run(outer) : this.dataSource.transaction(run);
  }
}

/** A transition as an applicant may read it; the agency's view adds the actor and the internal note. */
export interface TransitionView {
  transition: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  occurredAt: Date;
  actorId?: string;
  internalNote?: string | null;
}

/** Applicants get no keys for staff ids or internal notes at all (not even null). */
export function transitionView(actor: Actor, t: CaseTransition): TransitionView {
  const { transition, fromState, toState, reason, occurredAt } = t;
  const view: TransitionView = { transition, fromState, toState, reason, occurredAt };
  return seesAllOrganisations(actor) ? { ...view, actorId: t.actorId, internalNote: t.internalNote } : view;
}
