import { Platform1732240000000 } from './1732240000000-platform';
import { Applications1732300000000 } from './1732300000000-applications';
import { Review1732360000000 } from './1732360000000-review';
import { Approvals1732420000000 } from './1732420000000-approvals';
import { OrganisationAddress1732480000000 } from './1732480000000-organisation-address';
import { AccountRecovery1732510000000 } from './1732510000000-account-recovery';
import { LettersAndInternalNotes1732520000000 } from './1732520000000-letters-and-internal-notes';
import { Calls1732530000000 } from './1732530000000-calls';
import { MailCase1732540000000 } from './1732540000000-mail-case';
import { OutboxCompletion1732600000000 } from './1732600000000-outbox-completion';
import { AuditCheckpoints1732610000000 } from './1732610000000-audit-checkpoints';
import { Totp1732620000000 } from './1732620000000-totp';
import { OutboxRequestId1732700000000 } from './1732700000000-outbox-request-id';
import { CaseList1732800000000 } from './1732800000000-case-list';
import { Payouts1732900000000 } from './1732900000000-payouts';
import { BaseRates1733000000000 } from './1733000000000-base-rates';
import { Recovery1733200000000 } from './1733200000000-recovery';
import { Settlement1733400000000 } from './1733400000000-settlement';
import { ReportingReminders1733300000000 } from './1733300000000-reporting-reminders';
import { PaymentRequests1732920000000 } from './1732920000000-payment-requests';
import { PaymentAdvices1732930000000 } from './1732930000000-payment-advices';
import { ProofOfUse1733100000000 } from './1733100000000-proof-of-use';
import { OpenData1733500000000 } from './1733500000000-open-data';
import { ApprovedCosts1733600000000 } from './1733600000000-approved-costs';
import { Teams1733700000000 } from './1733700000000-teams';
import { CaseSearch1734000000000 } from './1734000000000-case-search';
import { CaseListFilterOrder1733900000000 } from './1733900000000-case-list-filter-order';
import { FunnelMilestones1733800000000 } from './1733800000000-funnel-milestones';
import { ReviewScoreValues1734100000000 } from './1734100000000-review-score-values';

/** Every migration, in order. Listed explicitly so app, CLI and tests run the same set. */
export const MIGRATIONS = [
  Platform1732240000000,
  Applications1732300000000,
  Review1732360000000,
  Approvals1732420000000,
  OrganisationAddress1732480000000,
  AccountRecovery1732510000000,
  LettersAndInternalNotes1732520000000,
  Calls1732530000000,
  MailCase1732540000000,
  OutboxCompletion1732600000000,
  AuditCheckpoints1732610000000,
  Totp1732620000000,
  OutboxRequestId1732700000000,
  CaseList1732800000000,
  Payouts1732900000000,
  PaymentRequests1732920000000,
  PaymentAdvices1732930000000,
  BaseRates1733000000000,
  ProofOfUse1733100000000,
  Recovery1733200000000,
  ReportingReminders1733300000000,
  Settlement1733400000000,
  OpenData1733500000000,
  ApprovedCosts1733600000000,
  Teams1733700000000,
  FunnelMilestones1733800000000,
  CaseListFilterOrder1733900000000,
  CaseSearch1734000000000,
  ReviewScoreValues1734100000000,
];
