import { NotFoundError } from '../errors/domain-error';
import type { Role } from './roles';
import type { Actor } from './actor';

/** Agency roles see records of every organisation; applicants only their own. Reviewers see what the review module grants them. */
const AGENCY_WIDE: Role[] = ['caseworker', 'approver', 'finance', 'auditor', 'admin'];

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function seesAllOrganisations(actor: Actor): boolean {
  return hasRole(actor, ...AGENCY_WIDE);
}

/**
 * Object-level check for a record owned by an organisation. A record of another
 * organisation answers 404, as if it did not exist, so its existence is not revealed.
 */
export function assertOrganisationAccess(actor: Actor, organisationId: string, what: string, code?: string): void {
  if (seesAllOrganisations(actor)) return;
  if (hasRole(actor, 'applicant') && actor.organisationId === organisationId) return;
  // the same code as for a record that does not exist, or the code itself would reveal it
  throw new NotFoundError(what, code);
}

/** The organisation filter a list query must apply for this actor (null: no filter). */
export function organisationScope(actor: Actor): string | null | 'none' {
  if (seesAllOrganisations(actor)) return null;
  if (hasRole(actor, 'applicant') && actor.organisationId) return actor.organisationId;
  return 'none';
}
