import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from './roles';

/** The authenticated user as the use cases see them. */
export interface Actor {
  id: string;
  email: string;
  roles: Role[];
  organisationId: string | null;
  /** Holds a role that needs TOTP but has none enrolled: may only enrol (TotpEnrolmentGuard). */
  totpEnrolmentRequired?: boolean;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().user);
