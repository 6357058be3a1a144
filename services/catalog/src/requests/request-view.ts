import type { CatalogTask } from './catalog-task.entity';
import type { Fulfilment } from './fulfilment-writer';
import type { RequestedItem } from './requested-item.entity';
import { provisioningView } from '../provisioning/provisioning-view';
import type { DeliverySlaView } from '../sla/delivery-clocks';
import type { ApprovalStatusView } from './approval-status';

export function taskView(t: CatalogTask) {
  return {
    id: t.id,
    number: t.number,
    requestId: t.requestId,
    requestedItemId: t.requestedItemId,
    stage: t.stage,
    shortDescription: t.shortDescription,
    assignmentGroup: t.assignmentGroup,
    state: t.state,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    closedBy: t.closedBy,
    version: t.version,
  };
}

export function requestedItemView(
  i: RequestedItem,
  tasks: readonly CatalogTask[],
  deliverySla: DeliverySlaView | null = null,
  approval: ApprovalStatusView | null = null,
) {
  return {
    id: i.id,
    number: i.number,
    catalogItemId: i.catalogItemId,
    catalogItemVersion: i.catalogItemVersion,
    catalogItemName: i.catalogItemName,
    quantity: i.quantity,
    variables: i.variables,
    state: i.state,
    requestedFor: i.requestedFor,
    openedAt: i.openedAt,
    closedAt: i.closedAt,
    provisioning: provisioningView(i.provisioning),
    deliverySla,
    approval,
    tasks: tasks.filter((t) => t.requestedItemId === i.id).map(taskView),
  };
}

/** A request as its requester and catalog managers see it: its items, in cart order, with their tasks. */
export function requestView(
  { request: r, items, tasks, deliverySlas }: Fulfilment,
  approvals: ReadonlyMap<string, ApprovalStatusView>,
) {
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    requestedBy: r.requestedBy,
    requestedFor: r.requestedFor,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
    items: items.map((i) =>
      requestedItemView(i, tasks, deliverySlas?.get(i.id) ?? null, approvals.get(i.id) ?? null),
    ),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** A task as its fulfillers see it: with the requested item's answers, which are what they act on. */
export function taskWithItemView(t: CatalogTask, item: RequestedItem) {
  return {
    ...taskView(t),
    requestedItem: {
      number: item.number,
      catalogItemName: item.catalogItemName,
      quantity: item.quantity,
      variables: item.variables,
      requestedFor: item.requestedFor,
    },
  };
}

export type TaskView = ReturnType<typeof taskView>;
export type RequestedItemView = ReturnType<typeof requestedItemView>;
export type RequestView = ReturnType<typeof requestView>;
export type TaskWithItemView = ReturnType<typeof taskWithItemView>;
