import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** Only users holding one of these roles may call the handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No login needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
