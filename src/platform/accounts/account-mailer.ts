import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newToken, tokenHash } from '../auth/tokens';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailService } from '../mail/mail.service';
import type { AccountLinkMailJob, JobContext, MailJob } from '../outbox/jobs';
import { Invitation } from './invitation.entity';
import { PasswordReset } from './password-reset.entity';
import { formatBerlinDateTime, PLATFORM_TEXTS, PlatformMail, platformMail, PlatformTexts } from './platform-texts';
import { User } from './user.entity';

const MAILS: Record<AccountLinkMailJob['kind'], { entity: typeof Invitation | typeof PasswordReset; mail: PlatformMail; path: string }> = {
  invitation: { entity: Invitation, mail: 'mailInvitation', path: 'invitation' },
  'invitation-renewed': { entity: Invitation, mail: 'mailInvitationRenewed', path: 'invitation' },
  'password-reset': { entity: PasswordReset, mail: 'mailPasswordReset', path: 'password-reset' },
};

/**
 * The `account.link-mail` job. The use case stores the invitation or reset with an unusable hash and
 * queues only its id; the one-time token is made here, its hash stored and the token mailed. So the
 * token never sits in the outbox table or in Redis: only its SHA-256 is kept anywhere.
 */
@Injectable()
export class AccountMailer {
  private readonly logger = new Logger('AccountMailer');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PLATFORM_TEXTS) private readonly texts: PlatformTexts,
  ) {}

  async handle(job: AccountLinkMailJob, ctx: JobContext): Promise<void> {
    const spec = MAILS[job.kind];
    const mail = await this.dataSource.transaction(async (em): Promise<MailJob | null> => {
      // a repeated job after the mail went out must not replace the token that mail carries
      const [delivery] = await em.query('SELECT sent_at FROM mail_deliveries WHERE idempotency_key = $1', [ctx.outboxId]);
      if (delivery?.sent_at) return null;
      const row = await em.findOne(spec.entity, { where: { id: job.id }, lock: { mode: 'pessimistic_write' } });
      const open = row && !row.usedAt && !('revokedAt' in row && row.revokedAt) && row.expiresAt.getTime() > Date.now();
      if (!open) {
        this.logger.log(`${job.kind} ${job.id} is no longer open; no mail sent`);
        return null;
      }
      const user = await em.findOneByOrFail(User, { id: row.userId });
      const token = newToken();
      await em.update(spec.entity, { id: row.id }, { tokenHash: tokenHash(token) });
      const link = `${this.config.publicUrl}/${spec.path}?token=${token}`;
      const { subject, text } = platformMail(this.texts, spec.mail, { displayName: user.displayName, link, expiresAt: formatBerlinDateTime(row.expiresAt) });
      return { to: user.email, subject, text };
    });
    if (mail) await this.mail.handle(mail, ctx);
  }
}
