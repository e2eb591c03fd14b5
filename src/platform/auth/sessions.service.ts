import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { returnedRows } from '../database/database';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, ValidationError } from '../errors/domain-error';
import type { Actor } from './actor';
import { ActorCache } from './actor-cache';
import { toActor } from './auth.service';
import { RefreshToken } from './refresh-token.entity';
import { newToken, tokenHash } from './tokens';

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  /** Seconds until the refresh token expires. */
  refreshExpiresIn: number;
}

const INVALID = () => new DomainError('unauthenticated', 'REFRESH_TOKEN_INVALID', 'The refresh token is not valid. Please log in again.');

/**
 * Sessions: a short-lived access token (JWT) plus an opaque refresh token that is rotated on every use.
 * Presenting a refresh token a second time means it was copied: the whole family (every session that
 * descends from the same login, the thief's and the owner's) is revoked.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actors: ActorCache,
  ) {}

  /** After a login: a new family. */
  start(actor: Actor): Promise<Session> {
    return this.dataSource.transaction((em) => this.issue(em, actor, randomUUID(), null));
  }

  /** Exchanges a refresh token for a new access token and its successor. */
  async refresh(token: string | undefined): Promise<Session> {
    if (!token) throw new ValidationError('REFRESH_TOKEN_REQUIRED', 'Send the refresh token as refreshToken or in the refresh cookie.');
    const outcome = await this.dataSource.transaction(async (em): Promise<Session | DomainError> => {
      const row = await em.findOne(RefreshToken, { where: { tokenHash: tokenHash(token) }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.revokedAt) return INVALID();
      if (row.usedAt) {
        // Reuse: revoke the family and remember it, then refuse (outside the transaction, so the revocation commits).
        const revoked = await this.revokeWhere(em, { familyId: row.familyId });
        await this.audit.append(em, {
          actorId: null,
          action: 'session.refresh_token_reused',
          entityType: 'user',
          entityId: row.userId,
          data: { familyId: row.familyId, revokedTokens: revoked },
        });
        return new DomainError('unauthenticated', 'REFRESH_TOKEN_REUSED', 'This refresh token has been used before; all sessions of this login have been ended. Please log in again.');
      }
      if (row.expiresAt.getTime() <= Date.now()) return new DomainError('unauthenticated', 'REFRESH_TOKEN_EXPIRED', 'The session has expired. Please log in again.');
      const user = await em.findOneBy(User, { id: row.userId });
      if (!user || user.status !== 'active') {
        await this.revokeWhere(em, { familyId: row.familyId });
        return INVALID();
      }
      await em.update(RefreshToken, { id: row.id }, { usedAt: new Date() });
      return this.issue(em, toActor(user), row.familyId, row.id);
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /** Logout: ends the session (the family) the token belongs to. Unknown or ended tokens end nothing. */
  async logout(token: string | undefined): Promise<{ revokedSessions: number }> {
    if (!token) throw new ValidationError('REFRESH_TOKEN_REQUIRED', 'Send the refresh token as refreshToken or in the refresh cookie.');
    return this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(RefreshToken, { tokenHash: tokenHash(token) });
      const revoked = row ? await this.revokeWhere(em, { familyId: row.familyId }) : 0;
      return { revokedSessions: revoked > 0 ? 1 : 0 };
    });
  }

  /** Ends every session of the user (audited). */
  async logoutAll(actor: Actor): Promise<{ revokedSessions: number }> {
    return this.dataSource.transaction(async (em) => {
      const families = await this.revokeAllOf(em, actor.id);
      await this.audit.append(em, { actorId: actor.id, action: 'user.sessions_revoked', entityType: 'user', entityId: actor.id, data: { families } });
      return { revokedSessions: families };
    });
  }

  /**
   * Ends every session of the user inside the caller's transaction: every refresh token is revoked and
   * access tokens issued until now are refused. Answers how many sessions (families) ended.
   */
  async revokeAllOf(em: EntityManager, userId: string): Promise<number> {
    await em.query('UPDATE users SET sessions_valid_after = now() WHERE id = $1', [userId]);
    this.actors.forget(userId);
    const rows = returnedRows<{ family_id: string }>(
      await em.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id', [userId]),
    );
    return new Set(rows.map((r) => r.family_id)).size;
  }

  private async revokeWhere(em: EntityManager, where: { familyId: string }): Promise<number> {
    const result = await em.update(RefreshToken, { familyId: where.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  private async issue(em: EntityManager, actor: Actor, familyId: string, parentId: string | null): Promise<Session> {
    const refreshToken = newToken();
    const refreshExpiresIn = this.config.refreshTtlDays * 86_400;
    await em.insert(RefreshToken, {
      userId: actor.id,
      familyId,
      parentId,
      tokenHash: tokenHash(refreshToken),
      expiresAt: new Date(Date.now() + refreshExpiresIn * 1000),
    });
    const accessToken = this.jwt.sign({ sub: actor.id, roles: actor.roles }, { algorithm: 'HS256', expiresIn: this.config.jwtTtlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, refreshToken, refreshExpiresIn };
  }
}
