import type { Role } from '../../platform/auth/roles';
import type { Transition, Workflow } from '../guideline.types';

/** Roles of the agency: a step open both to the applicant and to one of these is an option for either, not a task for one. */
const AGENCY: readonly Role[] = ['caseworker', 'approver', 'finance', 'auditor', 'admin'];

/**
 * The steps by which a case in `state` waits for someone with `roles`, read from the guideline's workflow alone:
 * the transitions from the state the roles may take, except options open to applicant and agency alike (such as
 * withdrawing) and exceptional steps that need a reason (returning, rejecting, revoking).
 */
export function awaitedSteps(workflow: Workflow, state: string, roles: readonly Role[], implemented: (t: Transition) => boolean = () => true): Transition[] {
  return workflow.transitions.filter(
    (t) =>
      t.from.includes(state) &&
      t.roles.some((r) => roles.includes(r)) &&
      !(t.roles.includes('applicant') && t.roles.some((r) => AGENCY.includes(r))) &&
      !t.reasonRequired &&
      implemented(t),
  );
}

/** Every state of the workflow that waits for these roles, with the awaited steps. */
export function statesAwaiting(workflow: Workflow, roles: readonly Role[], implemented?: (t: Transition) => boolean): Map<string, Transition[]> {
  const out = new Map<string, Transition[]>();
  for (const s of workflow.states) {
    if (s.final) continue;
    const steps = awaitedSteps(workflow, s.code, roles, implemented);
    if (steps.length) out.set(s.code, steps);
  }
  return out;
}
