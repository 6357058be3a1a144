import type { ChangeState } from '../../changes/domain/change-states';
import type { TransitionRequest } from '../../changes/domain/change-transition';

/** Before it is implemented a change can still simply not happen; from Implement on, people decide. */
const WITHDRAWABLE: readonly ChangeState[] = ['new', 'assess', 'authorize', 'scheduled'];

export type Withdrawal =
  | { kind: 'cancel'; request: TransitionRequest & { to: 'canceled' } }
  | { kind: 'done' }
  | { kind: 'left'; state: ChangeState };

/**
 * What withdrawing a catalog item does to the standard change raised for it: cancel it while it is
 * not yet implemented, with a reason naming the item; nothing if it is canceled already; leave it
 * to its change manager from Implement on.
 */
export function withdrawal(state: ChangeState, requestedItemNumber: string): Withdrawal {
  if (state === 'canceled') return { kind: 'done' };
  if (!WITHDRAWABLE.includes(state)) return { kind: 'left', state };
  return {
    kind: 'cancel',
    request: { to: 'canceled', reason: `${requestedItemNumber} was cancelled in the catalog` },
  };
}
