import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { User } from '../accounts/user.entity';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Actor } from './actor';
import { totpRequiredFor, TotpService } from './totp.service';

// A fixed argon2id hash to verify against when the e-mail is unknown, so the answer takes as long as for a known one.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$Wy5ZwNCEykSFfPHqKVP6Tw$0i6cTSAQ0kfvEr0V4Q+CYiZ5d0LtS4dk8xSVSw6iq84';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly totp: TotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Password, then (for a user with TOTP) the code; null for wrong credentials, a coded error for a missing or wrong code. */
  async validateCredentials(email: string, password: string, totpCode?: unknown): Promise<Actor | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !ok || user.status !== 'active') return null;
    const { enrolmentRequired } = await this.totp.checkAtLogin(user, totpCode, this.config);
    return { ...toActor(user), ...(enrolmentRequired ? { totpEnrolmentRequired: true } : {}) };
  }

  /** The actor of an access token; null when the user is not active or ended their sessions after `issuedAt` (seconds). */
  async actorById(id: string, issuedAt?: number): Promise<Actor | null> {
    const user = await this.users.createQueryBuilder('u').addSelect('u.sessionsValidAfter').where('u.id = :id', { id }).getOne();
    if (!user || user.status !== 'active') return null;
    // iat has whole seconds: a token of the same second as the cut-off stays valid (a login right after a reset)
    if (user.sessionsValidAfter && (issuedAt ?? 0) < Math.floor(user.sessionsValidAfter.getTime() / 1000)) return null;
    const enrolmentRequired = !user.totpEnabledAt && totpRequiredFor(user.roles, this.config);
    return { ...toActor(user), ...(enrolmentRequired ? { totpEnrolmentRequired: true } : {}) };
  }
}

export function toActor(user: User): Actor {
  return { id: user.id, email: user.email, roles: user.roles, organisationId: user.organisationId };
}
