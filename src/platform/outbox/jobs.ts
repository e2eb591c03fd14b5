/**
 * Every job the system runs, with its queue and payload type. A worker refuses to start
 * unless each job has exactly one handler.
 */
export interface JobPayloads {
  'mail.send': MailJob;
  /** A mail with a one-time link (invitation, password reset); the token is made when the mail is sent, never stored in a job. */
  'account.link-mail': AccountLinkMailJob;
  'reminder.information-request': { requestId: string };
  'notice.render': { decisionId: string };
  'notice.finalize': { decisionId: string };
  /** Render, store and mail the payment advice (Auszahlungsmitteilung) of a paid payment. */
  'payment.advice': { paymentRequestId: string };
  /** Periodic (a BullMQ job scheduler, once per tick across all workers): sign a checkpoint of the audit chain head. */
  'audit.checkpoint': Record<string, never>;
  /** Daily (job scheduler, Europe/Berlin): give due outbox work whose job failed or got lost another run. */
  'outbox.sweep-due': Record<string, never>;
  /** Daily (job scheduler, Europe/Berlin): remind recipients of proofs due soon or overdue, once each. */
  'reporting.remind-duties': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUES: Record<JobName, 'notifications' | 'documents' | 'reminders'> = {
  'mail.send': 'notifications',
  'account.link-mail': 'notifications',
  'reminder.information-request': 'reminders',
  'notice.render': 'documents',
  'notice.finalize': 'reminders',
  'payment.advice': 'documents',
  // the queue of timed work: per-case deadlines from the outbox and the periodic schedulers
  'audit.checkpoint': 'reminders',
  'outbox.sweep-due': 'reminders',
  'reporting.remind-duties': 'reminders',
};

export interface MailJob {
  to: string;
  subject: string;
  text: string;
  /** Attachments are stored documents, referenced by their SHA-256. */
  attachments?: { filename: string; sha256: string; mediaType: string }[];
  /** The case the mail is about: it then shows in the case's timeline. */
  caseId?: string;
  /** Sent to the agency only (e.g. the programme mailbox): never shown to applicants. */
  internal?: boolean;
}

export interface AccountLinkMailJob {
  kind: 'invitation' | 'invitation-renewed' | 'password-reset';
  /** The invitation's or the password reset's id. */
  id: string;
  /** The recipient, for people reading the outbox (the mail goes to the user's address at sending time). */
  to: string;
}

/** Context every handler gets: the outbox id is the idempotency key of the side effect. */
export interface JobContext {
  outboxId: string;
  attempt: number;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;

/** Key of the job data that carries the id of the request that caused the job; handlers never see it. */
const REQUEST_ID_KEY = '_requestId';

export function withRequestId(payload: unknown, requestId: string | null): unknown {
  return requestId ? { ...(payload as object), [REQUEST_ID_KEY]: requestId } : payload;
}

export function jobRequestId(data: unknown): string | undefined {
  const id = (data as Record<string, unknown> | null)?.[REQUEST_ID_KEY];
  return typeof id === 'string' ? id : undefined;
}

/** The payload as the handler expects it. */
export function jobPayload(data: unknown): unknown {
  if (jobRequestId(data) === undefined) return data;
  const { [REQUEST_ID_KEY]: _, ...payload } = data as Record<string, unknown>;
  return payload;
}
