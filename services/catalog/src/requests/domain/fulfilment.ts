import type { ApprovalKind } from '../../catalog-items/domain/item-definition';
import {
  isItemClosed,
  isTaskClosed,
  type CatalogTaskState,
  type RequestedItemState,
} from './fulfilment-states';
import {
  provisioningStatus,
  type Provisioning,
} from '../../provisioning/domain/provisioning-outcome';
import { planProgress, type PlannedStep } from './plan-engine';

/** A requested item as fulfilment sees it: its state, and the approval and plan of its version. */
export interface ItemUnderway {
  id: string;
  state: RequestedItemState;
  approval: ApprovalKind;
  plan: readonly PlannedStep[];
  /** Its version makes a CI or a change when fulfilled (flow 7). */
  provisions: boolean;
  /** What was asked of the CMDB and the change service, and what they answered; null: not asked. */
  provisioning: Provisioning | null;
}

export interface TaskUnderway {
  itemId: string;
  stage: number;
  state: CatalogTaskState;
}

export interface ItemMove {
  itemId: string;
  from: RequestedItemState;
  to: RequestedItemState;
}

export interface Advance {
  /** Every move, in order: an item may take several at once (`requested → approved → in_fulfilment`). */
  itemMoves: ItemMove[];
  tasksToOpen: Array<{ itemId: string; step: PlannedStep }>;
  /** Items whose plan is done and whose provisioning is to be asked for now. */
  provisioningToAsk: string[];
}

/**
 * Everything that follows from where the items and tasks stand: an item needing no approval is
 * approved; an approved item starts its plan; a stage whose tasks are all done opens the next; the
 * last stage done fulfils the item. An item with an approval waits for it (part 2 decides it).
 * An item that provisions (flow 7) asks for its CI and change when its last stage is done, and is
 * fulfilled only when both were created; a refusal leaves it in fulfilment, needing attention.
 */
export function advance(items: readonly ItemUnderway[], tasks: readonly TaskUnderway[]): Advance {
  const result: Advance = { itemMoves: [], tasksToOpen: [], provisioningToAsk: [] };
  for (const item of items) {
    let state = item.state;
    const move = (to: RequestedItemState) => {
      result.itemMoves.push({ itemId: item.id, from: state, to });
      state = to;
    };
    if (state === 'requested') move(item.approval === 'none' ? 'approved' : 'pending_approval');
    if (state !== 'approved' && state !== 'in_fulfilment') continue;
    const progress = planProgress(
      item.plan,
      tasks.filter((t) => t.itemId === item.id),
    );
    if (progress.kind === 'start') {
      if (state === 'approved') move('in_fulfilment');
      result.tasksToOpen.push(...progress.steps.map((step) => ({ itemId: item.id, step })));
    } else if (progress.kind === 'fulfilled' && state === 'in_fulfilment') {
      if (!item.provisions) move('fulfilled');
      else if (!item.provisioning) result.provisioningToAsk.push(item.id);
      else if (provisioningStatus(item.provisioning) === 'delivered') move('fulfilled');
    }
  }
  return result;
}

/** Cancelling a request or an item: what is still open of it is cancelled, what ended stays. */
export function cancellation<
  I extends { state: RequestedItemState },
  T extends { state: CatalogTaskState },
>(items: readonly I[], tasks: readonly T[]): { items: I[]; tasks: T[] } {
  return {
    items: items.filter((i) => !isItemClosed(i.state)),
    tasks: tasks.filter((t) => !isTaskClosed(t.state)),
  };
}
