import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/auth/actor';
import type { GuidelineDefinition, Transition } from '../guideline.types';
import type { Case } from './case.entity';
import type { CheckFailure } from './check-failure';

export interface TransitionContext {
  em: EntityManager;
  case: Case;
  definition: GuidelineDefinition;
  transition: Transition;
  actor: Actor;
  reason: string | null;
  /** Data the caller passes along for checks and effects (e.g. the message of an information request). */
  input: Record<string, unknown>;
  /** Lines effects add for the mail that tells the applicant about this step. */
  notes: string[];
}

export type { CheckFailure };

export type WorkflowCheck = (ctx: TransitionContext) => Promise<CheckFailure[]>;
/** Who prepared what a sign-off step approves (null: nothing prepared). */
export type Preparer = (ctx: TransitionContext) => Promise<string | null>;
export type WorkflowEffect = (ctx: TransitionContext) => Promise<void>;

/** What a module's code relies on a guideline to define: steps it takes by name, text blocks it fills. */
export interface ModuleNeeds {
  transitions?: string[];
  /** Alternatives: one of each group must exist (e.g. the objection step for a notice or for a rejection). */
  anyTransitionOf?: string[][];
  texts?: string[];
  /**
   * Steps the module takes only through its own route (step → that route), because the route validates the step's
   * input by its own rules and writes what belongs to the step; the generic transition route refuses them.
   */
  ownRoutes?: Record<string, string>;
}

/** Modules register the named checks and effects that guideline workflows refer to, and declare what they need. */
@Injectable()
export class WorkflowRegistry {
  private readonly checks = new Map<string, WorkflowCheck>();
  private readonly effects = new Map<string, WorkflowEffect>();
  private readonly needs = new Map<string, ModuleNeeds>();
  private readonly preparers = new Map<string, Preparer>();

  constructor() {
    // Four eyes (Vier-Augen-Prinzip) for every sign-off step: the module that owns what the step approves says who prepared it.
    this.registerCheck('four_eyes', async (ctx) => {
      const preparer = this.preparers.get(ctx.transition.name);
      if (!preparer) throw new Error(`step ${ctx.transition.name} checks four_eyes, but no module names who prepared what it signs off`);
      return (await preparer(ctx)) === ctx.actor.id ? [{ code: 'FOUR_EYES_VIOLATION', field: 'actor', message: 'The person who prepared this cannot also sign it off.' }] : [];
    });
  }

  /** For steps checking `four_eyes`: how to find who prepared what they sign off. */
  registerPreparer(transitions: string[], preparer: Preparer): void {
    for (const t of transitions) {
      if (this.preparers.has(t)) throw new Error(`the preparer of step ${t} is registered twice`);
      this.preparers.set(t, preparer);
    }
  }

  declareNeeds(module: string, needs: ModuleNeeds): void {
    if (this.needs.has(module)) throw new Error(`module ${module} declares its needs twice`);
    this.needs.set(module, needs);
  }

  /** What a guideline lacks of the modules' declared needs, each naming the piece and the module. */
  lackingIn(def: GuidelineDefinition): string[] {
    const steps = new Set(def.workflow.transitions.map((t) => t.name));
    const out: string[] = [];
    for (const [module, n] of this.needs) {
      for (const t of n.transitions ?? []) if (!steps.has(t)) out.push(`transition '${t}' (needed by ${module})`);
      for (const group of n.anyTransitionOf ?? []) {
        if (!group.some((t) => steps.has(t))) out.push(`one of the transitions ${group.map((t) => `'${t}'`).join(', ')} (needed by ${module})`);
      }
      for (const block of n.texts ?? []) if (def.texts[block] === undefined) out.push(`text block '${block}' (needed by ${module})`);
    }
    return out;
  }

  /** The route a step must be taken through, when a module reserves it for its own route. */
  ownRouteOf(transition: string): string | undefined {
    for (const n of this.needs.values()) {
      if (n.ownRoutes && Object.prototype.hasOwnProperty.call(n.ownRoutes, transition)) return n.ownRoutes[transition];
    }
    return undefined;
  }

  registerCheck(name: string, check: WorkflowCheck): void {
    if (this.checks.has(name)) throw new Error(`workflow check ${name} is registered twice`);
    this.checks.set(name, check);
  }

  registerEffect(name: string, effect: WorkflowEffect): void {
    if (this.effects.has(name)) throw new Error(`workflow effect ${name} is registered twice`);
    this.effects.set(name, effect);
  }

  check(name: string): WorkflowCheck | undefined {
    return this.checks.get(name);
  }

  effect(name: string): WorkflowEffect | undefined {
    return this.effects.get(name);
  }

  /** Names a transition uses that no module implements (yet). */
  missingFor(transition: Transition): string[] {
    return [...transition.checks.filter((c) => !this.checks.has(c)), ...transition.effects.filter((e) => !this.effects.has(e))];
  }
}
