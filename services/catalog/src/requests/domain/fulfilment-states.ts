import {
  REQUEST_STATES,
  REQUESTED_ITEM_STATES,
  type CatalogTaskState,
  CATALOG_TASK_STATES,
} from '@itsm/contracts';

export { REQUEST_STATES, REQUESTED_ITEM_STATES, CATALOG_TASK_STATES };
export type RequestState = (typeof REQUEST_STATES)[number];
export type RequestedItemState = (typeof REQUESTED_ITEM_STATES)[number];
export type { CatalogTaskState };

/** DOMAIN.md's requested-item model: `requested → pending_approval → approved → in_fulfilment → …`. */
const ITEM_MOVES: Readonly<Record<RequestedItemState, readonly RequestedItemState[]>> = {
  requested: ['pending_approval', 'approved', 'cancelled'],
  pending_approval: ['approved', 'rejected', 'cancelled'],
  approved: ['in_fulfilment', 'cancelled'],
  in_fulfilment: ['fulfilled', 'cancelled'],
  fulfilled: [],
  rejected: [],
  cancelled: [],
};

/** A catalog task: `open → in_progress → done | cancelled`; a fulfiller may also close it at once. */
const TASK_MOVES: Readonly<Record<CatalogTaskState, readonly CatalogTaskState[]>> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export const itemMayMove = (from: RequestedItemState, to: RequestedItemState) =>
  ITEM_MOVES[from].includes(to);
export const isItemClosed = (state: RequestedItemState) => ITEM_MOVES[state].length === 0;
export const taskMovesFrom = (state: CatalogTaskState) => TASK_MOVES[state];
export const isTaskClosed = (state: CatalogTaskState) => TASK_MOVES[state].length === 0;

/**
 * A request's state follows from its items': closed when all of them are, complete when all were
 * fulfilled, cancelled or rejected when all were, incomplete when they ended differently; in
 * process once one is approved.
 */
export function requestStateOf(items: readonly RequestedItemState[]): RequestState {
  if (items.every(isItemClosed)) {
    if (items.every((s) => s === 'fulfilled')) return 'closed_complete';
    if (items.every((s) => s === 'cancelled')) return 'closed_cancelled';
    if (items.every((s) => s === 'rejected')) return 'closed_rejected';
    return 'closed_incomplete';
  }
  const started = items.some((s) => s === 'approved' || s === 'in_fulfilment' || isItemClosed(s));
  return started ? 'in_process' : 'requested';
}
