/** The agency's working views are for its staff; anyone else gets "not found", as for a case they may not see. */
export function isAgency(user: { roles: string[] } | null | undefined): boolean {
  return !!user?.roles.some((r) => r === 'caseworker' || r === 'approver' || r === 'admin' || r === 'auditor' || r === 'finance');
}
