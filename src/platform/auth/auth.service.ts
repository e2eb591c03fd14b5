import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { User } from '../accounts/user.entity';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActorCache } from './actor-cache';
import type { Actor } from './actor';
import { totpRequiredFor, TotpService } from './totp.service';

/** OWASP's recommendation for argon2id (19 MiB, 2 passes, 1 lane): ~60 ms of one core and 19 MiB per hash. */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// A fixed hash with those parameters to verify against when the e-mail is unknown, so the answer takes as long as for a known one.
const DUMMY_HASH = '$argon2id$v=19$m=19456,p=1,t=2$ohH3FKIli+zP69m8gYPRYw$TLh9PRK/lcGKG85wUk/AfKxAXCVLsOVp2Vad35gHt8Y';
/** Hashes computed at once; more wait, so concurrent logins cannot take more than this × 19 MiB. */
const ARGON2_CONCURRENCY = 4;

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ARGON2_CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2.hash(password, ARGON2_PARAMS));
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly totp: TotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actors: ActorCache,
  ) {}

  /** Password, then (for a user with TOTP) the code; null for wrong credentials, a coded error for a missing or wrong code. */
  async validateCredentials(email: string, password: string, totpCode?: unknown): Promise<Actor | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await limited(() => argon2.verify(user?.passwordHash ?? DUMMY_HASH, password)).catch(() => false);
    if (!user || !ok || user.status !== 'active') return null;
    if (argon2.needsRehash(user.passwordHash!, ARGON2_PARAMS)) {
      // hashed with other parameters (older ones): store it anew while the password is at hand, unless it changed meanwhile
      await this.users.update({ id: user.id, passwordHash: user.passwordHash! }, { passwordHash: await hashPassword(password) });
    }
    const { enrolmentRequired } = await this.totp.checkAtLogin(user, totpCode, this.config);
    return { ...toActor(user), ...(enrolmentRequired ? { totpEnrolmentRequired: true } : {}) };
  }

  /**
   * The actor of an access token; null when the user is not active or ended their sessions after `issuedAt` (seconds).
   * Active users are read at most once per ACTOR_TTL_MS (5 s): a deactivation elsewhere is refused within that time.
   */
  async actorById(id: string, issuedAt?: number): Promise<Actor | null> {
    let user = this.actors.get(id);
    if (!user) {
      const read = await this.users.createQueryBuilder('u').addSelect('u.sessionsValidAfter').where('u.id = :id', { id }).getOne();
      if (!read || read.status !== 'active') return null;
      this.actors.set((user = read));
    }
    // iat has whole seconds: a token of the same second as the cut-off stays valid (a login right after a reset)
    if (user.sessionsValidAfter && (issuedAt ?? 0) < Math.floor(user.sessionsValidAfter.getTime() / 1000)) return null;
    const enrolmentRequired = !user.totpEnabledAt && totpRequiredFor(user.roles, this.config);
    return { ...toActor(user), ...(enrolmentRequired ? { totpEnrolmentRequired: true } : {}) };
  }
}

export function toActor(user: User): Actor {
  return { id: user.id, email: user.email, roles: user.roles, organisationId: user.organisationId };
}
