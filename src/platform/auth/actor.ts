import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from './roles';

/** The authenticated user as the use cases see them. */
export interface Actor {
  id: string;
  email: string;
  roles: Role[];
  organisationId: string | null;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().user);
