// JSON Schema (draft-07, Ajv 8) of a guideline definition. The `object<T>()` helper makes the compiler check that each
// object schema lists exactly the properties of its interface in guideline.types.ts, and which of them are optional.
import { APPLICANT_TYPES } from '../platform/accounts/applicant-types';
import { ROLES } from '../platform/auth/roles';
import { REGIONS } from '../platform/calendar/calendar';
import {
  type AttachmentType,
  type Call,
  type CostCategory,
  type Deadlines,
  type Form,
  type FormField,
  type GuidelineDefinition,
  type Jury,
  type PaymentDebtor,
  type Payments,
  type Reporting,
  type Territory,
  type Transition,
  type Workflow,
} from './guideline.types';

export type JsonSchema = Record<string, unknown>;


/** Placeholders a text block may contain as `{name}`; the notice renderer fills them. */
export const TEXT_PLACEHOLDERS = [
  'fileNumber', // file number of the case
  'date', // date of the document
  'applicationDate', // date the application was submitted
  'noticeDate', // date of the original notice (revocation)
  'projectTitle',
  'callTitle',
  'amount', // granted amount, formatted in euro
  'eligibleCosts', // eligible total costs, formatted in euro
  'rates', // funding rate per cost category, formatted list
  'fundingPeriodStart',
  'fundingPeriodEnd',
  'requestWindowMonths',
  'retentionPercent',
  'interimReportDue', // e.g. "30. April"
  'finalReportDue', // date
  'receiptRetentionYears',
  'reasons', // the reasons given by the caseworker
  'recoveryAmount',
  'interestFrom',
  'signatory',
  // settlement notice (Schlussbescheid)
  'finalGrant', // the final grant, formatted in euro
  'paidAmount', // what the case's payments paid
  'settlementOutcome', // the filled outcome sentence (final payment, recovery, balanced)
  'outcomeAmount', // the final payment or the overpayment, formatted in euro
  // mails
  'programme', // the guideline's short title
  'stateLabel', // the label of the case's new state
  'details', // optional lines (reason, notes), empty when there are none
  'authorityName',
  'stepName', // the workflow step taken
  'actorEmail', // who took it
  'dueDate', // date an information request (or a proof) is due
  'reportLabel', // which proof a reminder is about, e.g. "Zwischennachweis für 2027"
  'requestMessage', // the text of an information request
  'documentTitle', // title of the letter a mail carries, e.g. Zuwendungsbescheid
  'verificationCode', // the code printed on every page of a notice
  'verificationUrl', // where the notice's verification code is checked
  // payment runs: the paid (or returned) payment
  'paymentNumber', // e.g. 2 (the case's second payment request)
  'paymentAmount', // formatted in euro
  'paidOn', // date the bank executed it
  'payeeIban', // the payee's IBAN, masked but for the last four digits
  'returnReason', // ISO 20022 reason code and its German label
] as const;

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

function object<T>(properties: { [K in keyof T]-?: JsonSchema }, optional: { [K in OptionalKeys<T>]: true }): JsonSchema {
  const opt = new Set(Object.keys(optional));
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !opt.has(k)),
    properties,
  };
}

const SNAKE = '^[a-z][a-z0-9]*(_[a-z0-9]+)*$';
const CAMEL = '^[a-z][A-Za-z0-9]*$';
export const ISO_DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const text = (maxLength = 300): JsonSchema => ({ type: 'string', minLength: 1, maxLength });
const pattern = (p: string): JsonSchema => ({ type: 'string', pattern: p });
const int = (minimum: number, maximum?: number): JsonSchema =>
  maximum === undefined ? { type: 'integer', minimum } : { type: 'integer', minimum, maximum };
const num = (minimum: number): JsonSchema => ({ type: 'number', minimum });
const bool: JsonSchema = { type: 'boolean' };
const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
const list = (items: JsonSchema, minItems = 0, uniqueItems = false): JsonSchema => ({
  type: 'array',
  minItems,
  ...(uniqueItems ? { uniqueItems: true } : {}),
  items,
});

const costCategory = object<CostCategory>(
  {
    code: pattern(SNAKE),
    label: text(),
    eligible: bool,
    maxRateBp: int(0, 10000),
    ineligibleReason: text(1000),
  },
  { maxRateBp: true, ineligibleReason: true },
);

const territory = object<Territory>(
  { agsPrefixes: list(pattern('^[0-9]{1,8}$'), 1, true), label: text() },
  {},
);

const call = object<Call>(
  {
    code: pattern('^[0-9A-Za-z][0-9A-Za-z-]*$'),
    title: text(),
    opensOn: pattern(ISO_DATE),
    deadline: pattern(ISO_DATE),
    budgets: list(object<Call['budgets'][number]>({ fiscalYear: int(2000, 2100), amountCents: int(0) }, {}), 1),
  },
  {},
);

const formField = object<FormField>(
  {
    key: pattern(CAMEL),
    label: text(),
    type: oneOf(['text', 'textarea', 'number', 'integer', 'date', 'boolean', 'select', 'email', 'ags']),
    required: bool,
    maxLength: int(1),
    options: list(text(100), 1, true),
  },
  { maxLength: true, options: true },
);

const form = object<Form>({ fields: list(formField, 1) }, {});

const attachmentType = object<AttachmentType>(
  {
    code: pattern(SNAKE),
    label: text(),
    stage: oneOf(['concept', 'application', 'payment', 'report']),
    required: bool,
    mediaTypes: list(pattern('^[a-z]+/[a-z0-9.+-]+$'), 1, true),
    maxBytes: int(1),
  },
  {},
);

const jury = object<Jury>(
  {
    reviewersPerConcept: int(1, 10),
    scale: object<Jury['scale']>({ min: int(0), max: int(1) }, {}),
    commentRequiredAtOrBelow: num(0),
    minimumScore: num(0),
    aggregation: oneOf(['mean', 'median']),
    disagreementSpread: num(0),
    tieBreak: list(oneOf(['criterion', 'lower_grant', 'earlier_submission']), 0, true),
    tieBreakCriterion: pattern(SNAKE),
    criteria: list(
      object<Jury['criteria'][number]>(
        { code: pattern(SNAKE), label: text(), description: text(), weight: { type: 'number', exclusiveMinimum: 0 }, knockOutBelow: num(0) },
        { description: true, knockOutBelow: true },
      ),
      1,
    ),
  },
  { tieBreakCriterion: true },
);

const transition = object<Transition>(
  {
    name: pattern(SNAKE),
    from: list(pattern(SNAKE), 1, true),
    to: pattern(SNAKE),
    roles: list(oneOf(ROLES), 1, true),
    checks: list(pattern(SNAKE), 0, true),
    effects: list(pattern(SNAKE), 0, true),
    reasonRequired: bool,
  },
  { reasonRequired: true },
);

const workflow = object<Workflow>(
  {
    initialState: pattern(SNAKE),
    states: list(
      object<Workflow['states'][number]>(
        {
          code: pattern(SNAKE),
          stage: oneOf(['concept', 'application', 'decision', 'payment', 'reporting', 'closed']),
          label: text(),
          final: bool,
          editable: oneOf(['concept', 'application']),
        },
        { final: true, editable: true },
      ),
      1,
    ),
    transitions: list(transition, 1),
  },
  {},
);

const deadlines = object<Deadlines>(
  {
    informationRequestWorkingDays: int(1, 90),
    reminderDaysBefore: int(0, 90),
    objectionPeriodMonths: int(1, 12),
    deemedReceiptDays: int(0, 30),
    holidayCalendar: oneOf(REGIONS),
    applicationDueDays: int(1, 365),
  },
  { holidayCalendar: true, applicationDueDays: true },
);

const payments = object<Payments>(
  {
    requestWindowMonths: int(1, 24),
    retentionBp: int(0, 10000),
    debtor: object<PaymentDebtor>({ name: text(70), iban: pattern('^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'), bic: pattern('^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$') }, {}),
  },
  {},
);

const reporting = object<Reporting>(
  {
    interimReportDue: pattern('^[0-9]{2}-[0-9]{2}$'),
    finalReportMonthsAfterPeriod: int(1, 60),
    receiptRetentionYears: int(1, 30),
    recoveryInterestAboveBaseBp: int(0, 10000),
    reminderDaysBefore: int(1, 90),
    reminderDaysAfter: int(1, 90),
    receiptSampleBp: int(0, 10000),
    receiptsRequired: bool,
    receiptMediaTypes: list(pattern('^[a-z]+/[a-z0-9.+-]+$'), 1, true),
    receiptMaxBytes: int(1),
  },
  {},
);

export const guidelineSchema: JsonSchema = object<GuidelineDefinition>(
  {
    code: pattern('^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
    edition: text(100),
    title: text(500),
    shortTitle: text(100),
    legalBasis: text(1000),
    fileNumberPrefix: pattern('^[A-Za-z][A-Za-z0-9]{0,9}$'),
    authority: object<GuidelineDefinition['authority']>(
      {
        name: text(),
        department: text(),
        street: text(),
        postalCode: pattern('^[0-9]{5}$'),
        city: text(),
        email: pattern('^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
      },
      { department: true, email: true },
    ),
    fundingType: object<GuidelineDefinition['fundingType']>({ code: pattern(SNAKE), label: text() }, {}),
    eligibleApplicantTypes: list(oneOf(APPLICANT_TYPES), 1, true),
    territory,
    minimumGrantCents: int(0),
    variants: list(
      object<GuidelineDefinition['variants'][number]>(
        { code: pattern(SNAKE), label: text(), maxGrantCents: int(1) },
        {},
      ),
      1,
    ),
    costCategories: list(costCategory, 1),
    calls: list(call, 1),
    forms: object<GuidelineDefinition['forms']>({ concept: form, application: form, report: form }, { report: true }),
    attachmentTypes: list(attachmentType),
    jury,
    workflow,
    deadlines,
    payments,
    reporting,
    texts: {
      type: 'object',
      propertyNames: { pattern: CAMEL },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 10000 },
    },
  },
  { territory: true },
);
