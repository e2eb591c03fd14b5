import type { Role } from '../../platform/auth/roles';
import type { GuidelineDefinition, Transition, Workflow } from '../guideline.types';

export type TransitionRefusal =
  | { code: 'TRANSITION_UNKNOWN'; message: string }
  | { code: 'TRANSITION_NOT_ALLOWED_IN_STATE'; message: string; state: string; allowedFrom: string[] }
  | { code: 'ROLE_NOT_ALLOWED'; message: string; allowedRoles: Role[] }
  | { code: 'REASON_REQUIRED'; message: string };

/** Decides, from the guideline's workflow alone, whether an actor may take a transition from a state. */
export function evaluateTransition(
  workflow: Workflow,
  name: string,
  state: string,
  roles: readonly Role[],
  reason?: string | null,
): { ok: true; transition: Transition } | { ok: false; refusal: TransitionRefusal } {
  const transition = workflow.transitions.find((t) => t.name === name);
  if (!transition) return { ok: false, refusal: { code: 'TRANSITION_UNKNOWN', message: `This guideline has no step "${name}".` } };
  if (!transition.roles.some((r) => roles.includes(r))) {
    return { ok: false, refusal: { code: 'ROLE_NOT_ALLOWED', message: `Your role may not take the step "${name}".`, allowedRoles: transition.roles } };
  }
  if (!transition.from.includes(state)) {
    return {
      ok: false,
      refusal: { code: 'TRANSITION_NOT_ALLOWED_IN_STATE', message: `The step "${name}" is not possible while the case is "${state}".`, state, allowedFrom: transition.from },
    };
  }
  if (transition.reasonRequired && !reason?.trim()) {
    return { ok: false, refusal: { code: 'REASON_REQUIRED', message: `The step "${name}" needs a reason.` } };
  }
  return { ok: true, transition };
}

/** The steps an actor could take from a state (before checks). */
export function transitionsFrom(workflow: Workflow, state: string, roles: readonly Role[]): Transition[] {
  return workflow.transitions.filter((t) => t.from.includes(state) && t.roles.some((r) => roles.includes(r)));
}

export function stateOf(def: GuidelineDefinition, code: string): Workflow['states'][number] | undefined {
  return def.workflow.states.find((s) => s.code === code);
}

/** Of several steps that do the same thing from different states, the one the guideline offers from this state. */
export function stepFrom(def: GuidelineDefinition, candidates: string[], state: string): string {
  return def.workflow.transitions.find((t) => candidates.includes(t.name) && t.from.includes(state))?.name ?? candidates[0];
}
