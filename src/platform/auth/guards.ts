import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard } from '@nestjs/throttler';
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

/** Counts login attempts per client address and e-mail address, so one account cannot be guessed at quickly. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, any>): Promise<string> {
    const email = typeof req.body?.email === 'string' ? req.body.email.toLowerCase() : '';
    return `${req.ip}|${email}`;
  }

  protected async throwThrottlingException(): Promise<void> {
    throw new DomainError('rate_limited', 'TOO_MANY_LOGIN_ATTEMPTS', 'Too many login attempts. Please wait a minute and try again.');
  }
}

/** "Forgot password" requests are counted like logins (per client address and e-mail address). */
@Injectable()
export class PasswordResetThrottlerGuard extends LoginThrottlerGuard {
  protected async throwThrottlingException(): Promise<void> {
    throw new DomainError('rate_limited', 'TOO_MANY_PASSWORD_RESET_REQUESTS', 'Too many password-reset requests. Please wait a minute and try again.');
  }
}
