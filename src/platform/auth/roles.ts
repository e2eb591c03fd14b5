/** The roles a user can hold; routes and workflow transitions name them. */
export const ROLES = ['applicant', 'caseworker', 'reviewer', 'approver', 'finance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
