import { hasAnyRole, isMemberOf, type Principal } from '@itsm/auth/rules';
import { MANAGERS } from '../../access';

/** Catalog managers see every item and version, drafts and retired ones included. */
export const isCatalogManager = (caller: Principal) => hasAnyRole(caller, MANAGERS);

/** Whether the caller belongs to the item's audience: everyone, or a member of one of its groups. */
export function mayOrder(caller: Principal, orderableBy: readonly string[] | null): boolean {
  return orderableBy === null || orderableBy.some((group) => isMemberOf(caller, group));
}
