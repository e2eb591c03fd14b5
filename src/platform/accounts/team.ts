import type { Role } from '../auth/roles';

export const TEAM_MAX_LENGTH = 80;

/**
 * The team an admin gives a user, as stored: trimmed, 1 to 80 characters, or null for none. Only agency staff
 * belong to a team (applicants act for their organisation). Returns the team or the coded problem.
 */
export function checkedTeam(team: string | null, roles: readonly Role[]): { team: string | null } | { code: string; message: string } {
  if (team === null) return { team: null };
  const trimmed = team.trim();
  if (!trimmed || trimmed.length > TEAM_MAX_LENGTH) return { code: 'TEAM_INVALID', message: `A team name has 1 to ${TEAM_MAX_LENGTH} characters (leading and trailing spaces are dropped); null removes the team.` };
  if (roles.includes('applicant')) return { code: 'TEAM_NOT_FOR_APPLICANTS', message: 'Only agency staff belong to a caseworker team; applicants act for their organisation.' };
  return { team: trimmed };
}
