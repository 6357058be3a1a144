import { hasAnyRole, type Principal } from '@itsm/auth/rules';

/** Change managers (and admin) see and revoke every feed; everybody else only their own. */
export function managesEveryFeed(caller: Principal): boolean {
  return hasAnyRole(caller, ['change_manager']);
}
