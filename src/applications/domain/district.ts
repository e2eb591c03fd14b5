/**
 * SQL for where a case lies, over `cases c` and `organisations o`: the project's place, else the applicant's seat (the
 * district is the first five AGS digits; '' if neither is known). Reports group by it and sign-off records it.
 */
export const DISTRICT = `coalesce(left(c.location_ags, 5), left(o.ags, 5), '')`;
