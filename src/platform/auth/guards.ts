import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerOptions } from '@nestjs/throttler';
import { DomainError, ForbiddenError } from '../errors/domain-error';
import type { Role } from './roles';
import type { Actor } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Global: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  handleRequest<T>(err: unknown, user: T, info: { name?: string } | undefined): T {
    if (err) throw err;
    if (!user) {
      if (info?.name === 'TokenExpiredError') throw new DomainError('unauthenticated', 'TOKEN_EXPIRED', 'Your session has expired. Please log in again.');
      throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'A valid bearer token is required.');
    }
    return user;
  }
}

/** Global: enforces @Roles() on handlers and controllers. */
@Injectable()
export class RolesGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const actor: Actor | undefined = context.switchToHttp().getRequest().user;
    if (actor && actor.roles.some((r) => roles.includes(r))) return true;
    throw new ForbiddenError('Your role does not allow this action.', 'ROLE_NOT_ALLOWED', { requiredRoles: roles });
  }
}

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'E-mail address or password is wrong.');
    return user;
  }
}

/** The e-mail address a login or reset request names (lower-cased), or '' when the body has none. */
function accountOf(req: Record<string, any>): string {
  return typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
}

/**
 * The two counters of login and password-reset attempts, each with its own limit: per client address (one address
 * trying many accounts) and per account (many addresses trying one account). The address is the socket's unless
 * TRUST_PROXY_HOPS proxies are trusted to name it.
 */
export function loginThrottlers(config: { loginRateLimit: number; loginAddressRateLimit: number; loginRateWindowMs: number }): ThrottlerOptions[] {
  return [
    { name: 'address', ttl: config.loginRateWindowMs, limit: config.loginAddressRateLimit, getTracker: (req) => `ip:${req.ip}` },
    { name: 'account', ttl: config.loginRateWindowMs, limit: config.loginRateLimit, getTracker: (req) => (accountOf(req) ? `account:${accountOf(req)}` : `ip:${req.ip}`) },
  ];
}

/** Login attempts, counted in Redis by loginThrottlers(); past a limit 429 with a standard Retry-After (seconds). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected readonly tooMany = { code: 'TOO_MANY_LOGIN_ATTEMPTS', message: 'Too many login attempts. Please wait a minute and try again.' };

  protected async throwThrottlingException(context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, limit.timeToBlockExpire);
    context.switchToHttp().getResponse().header('Retry-After', String(retryAfterSeconds));
    throw new DomainError('rate_limited', this.tooMany.code, this.tooMany.message, { retryAfterSeconds });
  }
}

/** "Forgot password" requests are counted like logins (per client address and per e-mail address). */
@Injectable()
export class PasswordResetThrottlerGuard extends LoginThrottlerGuard {
  protected readonly tooMany = { code: 'TOO_MANY_PASSWORD_RESET_REQUESTS', message: 'Too many password-reset requests. Please wait a minute and try again.' };
}
