import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '../errors/domain-error';
import type { Actor } from './actor';

const ALLOWED_KEY = 'allowedBeforeTotpEnrolment';

/** Marks a route a user who must still enrol TOTP may use (enrolment, who am I, logout). */
export const AllowedBeforeTotpEnrolment = () => SetMetadata(ALLOWED_KEY, true);

/**
 * Global, after authentication: a user whose role needs TOTP (TOTP_REQUIRED_ROLES) but who has none may log in
 * with the password, and then only enrol: every other route answers 403 TOTP_ENROLMENT_REQUIRED. The user is
 * re-read on each request, so the same token works fully right after the enrolment is confirmed.
 */
@Injectable()
export class TotpEnrolmentGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const actor: Actor | undefined = context.switchToHttp().getRequest().user;
    if (!actor?.totpEnrolmentRequired) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOWED_KEY, [context.getHandler(), context.getClass()])) return true;
    throw new ForbiddenError(
      'Your role requires a second factor: set up TOTP with POST /api/v1/auth/totp/enrol and /api/v1/auth/totp/confirm first.',
      'TOTP_ENROLMENT_REQUIRED',
    );
  }
}
