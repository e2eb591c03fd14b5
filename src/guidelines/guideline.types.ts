// The shape of a guideline definition (config/guidelines/*.yaml) after validation.
// Every number of a funding guideline lives here, never in code:
// money in integer euro cents (`…Cents`), rates in basis points (`…Bp`, 10000 = 100 %).

import type { ApplicantType } from '../platform/accounts/applicant-types';
import type { Role } from '../platform/auth/roles';
import type { Region } from '../platform/calendar/calendar';

export interface GuidelineDefinition {
  /** Stable identifier, e.g. `frl-lifd`; the file name without `.yaml`. */
  code: string;
  /** Human label of this edition, e.g. `2023-11-30`. */
  edition: string;
  title: string;
  shortTitle: string;
  legalBasis: string;
  /** Prefix of file numbers, e.g. `LIfD` gives `LIfD-2024-1-000123`. */
  fileNumberPrefix: string;
  authority: { name: string; department?: string; street: string; postalCode: string; city: string; email?: string };
  /** Anteilfinanzierung etc.; shown on the notice. */
  fundingType: { code: string; label: string };
  eligibleApplicantTypes: ApplicantType[];
  /** Where applicants and projects must lie (by AGS); absent for a programme open to all of Germany. */
  territory?: Territory;
  /** Bagatellgrenze: a grant below this is not awarded. */
  minimumGrantCents: number;
  variants: { code: string; label: string; maxGrantCents: number }[];
  costCategories: CostCategory[];
  calls: Call[];
  /** `report`: the narrative report (Sachbericht) of the proof of use; optional for a guideline without one. */
  forms: { concept: Form; application: Form; report?: Form };
  attachmentTypes: AttachmentType[];
  jury: Jury;
  workflow: Workflow;
  deadlines: Deadlines;
  payments: Payments;
  reporting: Reporting;
  /** German text blocks of notices, keyed by block name. */
  texts: Record<string, string>;
}

/** The territorial rule: an AGS (Amtlicher Gemeindeschlüssel) lies inside when it starts with one of the prefixes. */
export interface Territory {
  /** e.g. `['14']` for the Free State of Saxony (the first two digits are the state). */
  agsPrefixes: string[];
  /** e.g. `Freistaat Sachsen`, used in messages. */
  label: string;
}

export interface CostCategory {
  code: string;
  label: string;
  eligible: boolean;
  /** Maximum funding rate; required when eligible. */
  maxRateBp?: number;
  /** Why an ineligible category is refused; required when not eligible. */
  ineligibleReason?: string;
}

/** A call as the guideline's template: copied into a managed call record at start if that call does not exist yet. */
export interface Call {
  code: string;
  title: string;
  opensOn: string; // ISO date
  /** Stichtag: submissions are accepted until the end of this day, Europe/Berlin. */
  deadline: string; // ISO date
  budgets: { fiscalYear: number; amountCents: number }[];
}

export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'boolean' | 'select' | 'email' | 'ags';
  required: boolean;
  maxLength?: number;
  options?: string[];
}
export interface Form {
  fields: FormField[];
}

export interface AttachmentType {
  code: string;
  label: string;
  stage: 'concept' | 'application' | 'payment' | 'report';
  required: boolean;
  /** Allowed media types, checked against the file's bytes. */
  mediaTypes: string[];
  maxBytes: number;
}

export interface Jury {
  reviewersPerConcept: number;
  scale: { min: number; max: number };
  /** A comment is required for a score at or below this value. */
  commentRequiredAtOrBelow: number;
  /** A concept with a weighted score below this is not fundable. */
  minimumScore: number;
  aggregation: 'mean' | 'median';
  /** Reviewers disagree when their weighted totals differ by more than this. */
  disagreementSpread: number;
  /** Order of tie-breakers after the score. */
  tieBreak: ('criterion' | 'lower_grant' | 'earlier_submission')[];
  /** With tieBreak `criterion`: the criterion whose score decides. */
  tieBreakCriterion?: string;
  /** `description`: what the reviewers judge under the criterion, shown beside its score. */
  criteria: { code: string; label: string; description?: string; weight: number; knockOutBelow?: number }[];
}

export interface Workflow {
  /** State a new case starts in. */
  initialState: string;
  states: {
    code: string;
    stage: 'concept' | 'application' | 'decision' | 'payment' | 'reporting' | 'closed';
    label: string;
    final?: boolean;
    /** Which part the applicant may edit (and attach files to) in this state. */
    editable?: 'concept' | 'application';
  }[];
  transitions: Transition[];
}

export interface Transition {
  /** Unique name, used by API calls: e.g. `submit_concept`. */
  name: string;
  from: string[];
  to: string;
  roles: Role[];
  /** Named checks, implemented in code by the modules; all must pass. */
  checks: string[];
  /** Named effects, run in the transition's transaction in this order. */
  effects: string[];
  reasonRequired?: boolean;
}

export interface Deadlines {
  /** Working days (in the guideline's holiday calendar) that an applicant has to answer a request for information. */
  informationRequestWorkingDays: number;
  /** Days before a deadline that a reminder is sent. */
  reminderDaysBefore: number;
  /** Widerspruchsfrist, counted from deemed receipt. */
  objectionPeriodMonths: number;
  /** A notice sent by post counts as received this many days after sending. */
  deemedReceiptDays: number;
  /** ISO 3166-2 code of the state whose public holidays count as non-working days; `DE-SN` when absent. */
  holidayCalendar?: Region;
  /** Days an invited applicant has to file the formal application (the end moves off weekends and holidays). */
  applicationDueDays?: number;
}

export interface Payments {
  /** Funds may be requested only for expenses due within this many months. */
  requestWindowMonths: number;
  /** Share of the grant kept back until the final proof of use is accepted. */
  retentionBp: number;
  /** The paying authority's account: the debtor of every SEPA credit-transfer file of this guideline. */
  debtor: PaymentDebtor;
}

export interface PaymentDebtor {
  /** Account holder as the bank knows it, e.g. `Sächsische Aufbaubank – Förderbank –`. */
  name: string;
  /** IBAN (checked by mod-97 when the guideline is loaded). */
  iban: string;
  /** BIC of the debtor's bank (BICFI, 8 or 11 characters). */
  bic: string;
}

export interface Reporting {
  /** Zwischennachweis: due on this month-day of the following year, e.g. `04-30`. */
  interimReportDue: string;
  /** Verwendungsnachweis: months after the end of the funding period. */
  finalReportMonthsAfterPeriod: number;
  receiptRetentionYears: number;
  /** Interest on recoveries: percentage points above the base rate (kept in the base_rates table, not here), in bp. */
  recoveryInterestAboveBaseBp: number;
  /** Reporting duties: the recipient is reminded this many days before a proof is due, and again this many days after, once each. */
  reminderDaysBefore: number;
  reminderDaysAfter: number;
  /** Share of the proof of use's expense lines whose receipts the caseworker examines in detail (5000 = half). */
  receiptSampleBp: number;
  /** Every expense line of the proof of use needs its receipt attached. */
  receiptsRequired: boolean;
  /** Media types a receipt may have (read from its bytes) and its largest size. */
  receiptMediaTypes: string[];
  receiptMaxBytes: number;
}
