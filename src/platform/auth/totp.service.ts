import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { returnedRows } from '../database/database';
import { ConflictError, DomainError, ValidationError } from '../errors/domain-error';
import type { Actor } from './actor';
import { ActorCache } from './actor-cache';
import type { Role } from './roles';

const ISSUER = 'Förderwerk';
const PERIOD = 30;
/** One step either side: a code from the previous or next 30 s is accepted (clock drift). */
const WINDOW = 1;

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

/** Whether the user's roles need TOTP under this configuration. */
export function totpRequiredFor(roles: readonly Role[], config: AppConfig): boolean {
  return roles.some((r) => config.totpRequiredRoles.includes(r));
}

/**
 * TOTP (RFC 6238: SHA1, 6 digits, 30 s) as a second factor. Secrets are stored AES-256-GCM encrypted with
 * a key derived from JWT_SECRET (so a database dump alone does not reveal them); a confirmed secret is never
 * answered again. A code is accepted once: the last time step used is kept and a code of that step or an
 * earlier one is refused.
 */
@Injectable()
export class TotpService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly actors: ActorCache,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, 'foerderwerk', 'totp-secret-encryption', 32));
  }

  /** Starts (or restarts) enrolment: a new secret, kept pending until a code from it is confirmed. */
  async enrol(actor: Actor): Promise<TotpEnrolment> {
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, actor.id);
      if (user.totpEnabledAt) throw new ConflictError('TOTP_ALREADY_ENABLED', 'TOTP is set up for this account already.');
      const secret = new Secret({ size: 20 });
      await em.update(User, { id: user.id }, { totpPendingSecret: this.encrypt(secret.base32) });
      const totp = this.totp(secret.base32, user.email);
      return { secret: secret.base32, otpauthUri: totp.toString() };
    });
  }

  /** Confirms enrolment with a current code from the authenticator app; from now on login needs a code. Audited. */
  async confirm(actor: Actor, code: string): Promise<{ enabled: true }> {
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, actor.id);
      if (user.totpEnabledAt) throw new ConflictError('TOTP_ALREADY_ENABLED', 'TOTP is set up for this account already.');
      if (!user.totpPendingSecret) throw new ConflictError('TOTP_NOT_ENROLLED', 'Start with POST /api/v1/auth/totp/enrol.');
      const step = this.matchingStep(this.decrypt(user.totpPendingSecret), user.email, code);
      if (step === null) throw new ValidationError('TOTP_INVALID', 'The code is wrong or has expired.', { field: 'code' });
      await em.query(
        'UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1',
        [user.id, step],
      );
      await this.audit.append(em, { actorId: actor.id, action: 'user.totp_enabled', entityType: 'user', entityId: user.id });
      // the enrolment requirement lifts with the next request
      this.actors.forget(user.id);
      return { enabled: true };
    });
  }

  /**
   * At login, after the password was right: a user with TOTP needs a fresh code (401 TOTP_REQUIRED without
   * one, TOTP_INVALID for a wrong or reused one). Answers whether the user must still enrol.
   */
  async checkAtLogin(user: User, code: unknown, config: AppConfig): Promise<{ enrolmentRequired: boolean }> {
    const [row] = await this.dataSource.query('SELECT totp_secret FROM users WHERE id = $1', [user.id]);
    if (!row?.totp_secret) return { enrolmentRequired: totpRequiredFor(user.roles, config) };
    if (typeof code !== 'string' || code === '') {
      throw new DomainError('unauthenticated', 'TOTP_REQUIRED', 'This account needs the 6-digit code from the authenticator app: send it as totp.');
    }
    const step = this.matchingStep(this.decrypt(row.totp_secret), user.email, code);
    // a code is used once: the step must be later than the last one used (atomic, so two parallel logins cannot share it)
    const used =
      step !== null &&
      returnedRows(
        await this.dataSource.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [user.id, step]),
      ).length === 1;
    if (!used) {
      throw new DomainError('unauthenticated', 'TOTP_INVALID', 'The code from the authenticator app is wrong, expired or used already.');
    }
    return { enrolmentRequired: false };
  }

  private matchingStep(secretBase32: string, email: string, code: string): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const now = Date.now();
    const delta = this.totp(secretBase32, email).validate({ token: code, timestamp: now, window: WINDOW });
    return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  }

  private totp(secretBase32: string, email: string): TOTP {
    return new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
  }

  private async lockUser(em: EntityManager, id: string): Promise<User> {
    return em
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.totpPendingSecret'])
      .where('u.id = :id', { id })
      .setLock('pessimistic_write')
      .getOneOrFail();
  }

  private encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  private decrypt(stored: string): string {
    const [version, iv, tag, data] = stored.split('.');
    if (version !== 'v1') throw new Error('unknown TOTP secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
