import { hasAnyRole, isMemberOf, type Principal } from '@itsm/auth/rules';
import type { FieldError } from '@itsm/http';
import { MANAGERS, READERS } from '../../access';
import type { ChangeState } from './change-states';

/** Who a change belongs to, as far as access is concerned. */
export interface ChangeParties {
  requestedBy: string;
  openedBy: string;
  assignmentGroup: string | null;
  assignee: string | null;
}

/**
 * Agents, CAB members and change managers read every change: a change is planned in the open, and
 * whoever works a CI must know what is about to happen to it. Anybody else reads only the changes
 * they requested (or raised).
 */
export function mayView(caller: Principal, change: ChangeParties): boolean {
  return (
    hasAnyRole(caller, READERS) || change.requestedBy === caller.id || change.openedBy === caller.id
  );
}

export const readsEveryChange = (caller: Principal) => hasAnyRole(caller, READERS);

/**
 * Change managers work every change; an agent works the changes assigned to them or to one of their
 * groups. A CAB member as such only reads (they approve, which is not working the change).
 */
export function mayWork(caller: Principal, change: ChangeParties): boolean {
  if (hasAnyRole(caller, MANAGERS)) return true;
  if (!caller.roles.has('agent')) return false;
  return change.assignee === caller.id || isMemberOf(caller, change.assignmentGroup);
}

/**
 * What an agent may not raise: a change for a group they are not in (or for no group, which
 * nobody but a change manager could work).
 */
export function createRefusals(
  caller: Principal,
  assignmentGroup: string | undefined,
): FieldError[] {
  if (hasAnyRole(caller, MANAGERS)) return [];
  if (assignmentGroup === undefined) {
    return [{ field: 'assignmentGroup', message: 'name one of your groups: you work its changes' }];
  }
  if (!isMemberOf(caller, assignmentGroup)) {
    return [
      {
        field: 'assignmentGroup',
        message: 'you raise changes for your own groups only',
        allowed: [...caller.groups],
      },
    ];
  }
  return [];
}

/**
 * A move that authorises the change: forward out of Assess or Authorize. Until the approval policy
 * exists, only a change manager makes it; the policy will stand in front of exactly these moves.
 */
export function isAuthorisingMove(from: ChangeState, to: ChangeState): boolean {
  return (from === 'assess' || from === 'authorize') && to !== 'new' && to !== 'canceled';
}
