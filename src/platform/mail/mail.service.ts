import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type * as Nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DocumentStore } from '../documents/document-store';
import type { JobContext, MailJob } from '../outbox/jobs';

/**
 * The Message-ID of the mail of an outbox row: the same on every (re)delivery of that row, so a mail
 * sent twice (a crash between SMTP acceptance and our commit) is recognisable as one mail.
 * `<outbox-id@foerderwerk.<domain of MAIL_FROM, else host of PUBLIC_URL>>` (no second `foerderwerk.` if the domain starts with it).
 */
export function messageIdFor(outboxId: string, config: Pick<AppConfig, 'mailFrom' | 'publicUrl'>): string {
  const fromDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(config.mailFrom)?.[1];
  let host = fromDomain;
  if (!host) {
    try {
      host = new URL(config.publicUrl).hostname;
    } catch {
      host = 'localhost';
    }
  }
  const local = outboxId.replace(/[^A-Za-z0-9._-]/g, '_');
  host = host.toLowerCase();
  return `<${local}@${host.startsWith('foerderwerk.') ? host : `foerderwerk.${host}`}>`;
}

/**
 * Sends mail through SMTP_URL. Without it (development and test only) each mail is written
 * as an .eml file to MAIL_DIR, so nothing is lost and anyone can open it.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  // nodemailer is required with the first mail: the API process, which only queues mail, never loads it (~20 ms of a start)
  private transporter?: Nodemailer.Transporter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentStore,
  ) {}

  private get transport(): Nodemailer.Transporter {
    if (!this.transporter) {
      const nodemailer = require('nodemailer') as typeof Nodemailer;
      this.transporter = this.config.smtpUrl ? nodemailer.createTransport(this.config.smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true });
    }
    return this.transporter;
  }

  /**
   * The `mail.send` job. Idempotent per outbox id: the delivery row is locked while sending and
   * marked sent in the same transaction, so a repeated job sends nothing. Delivery is at least once:
   * a crash after the SMTP server accepted the mail but before the commit sends it again, with the
   * same Message-ID (derived from the outbox id), so receivers can recognise the duplicate.
   */
  async handle(job: MailJob, ctx: JobContext): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(
        'INSERT INTO mail_deliveries (idempotency_key, recipient, subject, case_id, internal) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING',
        [ctx.outboxId, job.to, job.subject, job.caseId ?? null, job.internal ?? false],
      );
      const [delivery] = await em.query('SELECT sent_at FROM mail_deliveries WHERE idempotency_key = $1 FOR UPDATE', [ctx.outboxId]);
      if (delivery.sent_at) return;
      const messageId = await this.send(job, ctx.outboxId);
      await em.query('UPDATE mail_deliveries SET sent_at = now(), message_id = $2 WHERE idempotency_key = $1', [ctx.outboxId, messageId]);
    });
  }

  private async send(job: MailJob, key: string): Promise<string> {
    const attachments = await Promise.all(
      (job.attachments ?? []).map(async (a) => ({ filename: a.filename, contentType: a.mediaType, content: (await this.documents.get(a.sha256)).data })),
    );
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: job.to,
      subject: job.subject,
      text: job.text,
      attachments,
      messageId: messageIdFor(key, this.config),
      headers: { 'X-Foerderwerk-Delivery': key },
    });
    if (!this.config.smtpUrl) {
      await mkdir(this.config.mailDir, { recursive: true });
      const file = path.join(this.config.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${key}.eml`);
      await writeFile(file, info.message as Buffer);
      this.logger.log(`mail to ${job.to} written to ${file}`);
    }
    return info.messageId;
  }

  /** Mails sent about a case, oldest first (for its timeline); `includeInternal`: also those to the agency only. */
  async sentAbout(caseId: string, includeInternal: boolean): Promise<{ subject: string; recipient: string; sentAt: Date; internal: boolean }[]> {
    return this.dataSource.query(
      `SELECT subject, recipient, sent_at AS "sentAt", internal FROM mail_deliveries
        WHERE case_id = $1 AND sent_at IS NOT NULL AND ($2 OR NOT internal) ORDER BY sent_at, idempotency_key`,
      [caseId, includeInternal],
    );
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
