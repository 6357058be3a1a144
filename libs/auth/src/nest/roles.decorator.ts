import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles';

export const REQUIRED_ROLES = 'itsm:required-roles';

/**
 * The roles that may call a route (any one of them; `admin` always may). A route of a guarded
 * service that names no roles and is not `@Public()` is refused to everybody: access is granted,
 * never assumed.
 */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, roles);
