import { Injectable } from '@nestjs/common';
import type { User } from '../accounts/user.entity';

/**
 * How long an API process trusts what it read about a user behind an access token. A deactivation, a role
 * change or an ended session elsewhere is refused within this time; in the process that made the change at once.
 */
export const ACTOR_TTL_MS = 5_000;

/** Users behind access tokens, read once per ACTOR_TTL_MS instead of on every request. */
@Injectable()
export class ActorCache {
  private readonly users = new Map<string, { user: User; until: number }>();

  get(id: string): User | undefined {
    const hit = this.users.get(id);
    if (hit && hit.until > Date.now()) return hit.user;
    this.users.delete(id);
    return undefined;
  }

  set(user: User): void {
    // bounded: a burst of distinct users cannot grow the map without end
    if (this.users.size >= 10_000) this.users.clear();
    this.users.set(user.id, { user, until: Date.now() + ACTOR_TTL_MS });
  }

  forget(id: string): void {
    this.users.delete(id);
  }
}
