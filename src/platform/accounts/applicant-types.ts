/** The kinds of body that can apply for funding; each guideline admits some of them. */
export const APPLICANT_TYPES = [
  'municipality',
  'district',
  'municipal_association',
  'company',
  'association',
  'partnership',
  'freelancer',
  'other_public_body',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
