/**
 * Every job the system runs, with its queue and payload type. A worker refuses to start
 * unless each job has exactly one handler.
 */
export interface JobPayloads {
  'mail.send': MailJob;
  'reminder.information-request': { requestId: string };
  'notice.render': { decisionId: string };
  'notice.finalize': { decisionId: string };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUES: Record<JobName, 'notifications' | 'documents' | 'reminders'> = {
  'mail.send': 'notifications',
  'reminder.information-request': 'reminders',
  'notice.render': 'documents',
  'notice.finalize': 'reminders',
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

/** Context every handler gets: the outbox id is the idempotency key of the side effect. */
export interface JobContext {
  outboxId: string;
  attempt: number;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;
