import {
  catalogTaskCreated,
  catalogTaskStateChanged,
  requestCreated,
  requestedItemCreated,
  requestedItemStateChanged,
  requestStateChanged,
  type EventData,
} from '@itsm/contracts';
import type { Outbox } from '@itsm/messaging';
import type { CatalogTask } from './catalog-task.entity';
import type {
  CatalogTaskState,
  RequestedItemState,
  RequestState,
} from './domain/fulfilment-states';
import type { Request } from './request.entity';
import type { RequestedItem } from './requested-item.entity';

export type OutboxEvent = Parameters<Outbox['publishMany']>[1][number];

/**
 * The events of a request, its items and tasks, built from the saved rows so that they match. All
 * are keyed by the request, so that one request's events stay in order on the topic (a task done
 * before its item fulfilled before the request closed).
 */
export const requestEvents = {
  requestCreated: (r: Request, itemCount: number): OutboxEvent => ({
    definition: requestCreated,
    aggregateId: r.id,
    data: {
      id: r.id,
      number: r.number,
      state: r.state,
      requestedFor: r.requestedFor,
      requestedBy: r.requestedBy,
      itemCount,
      openedAt: r.openedAt.toISOString(),
    } satisfies EventData<typeof requestCreated>,
  }),

  itemCreated: (i: RequestedItem): OutboxEvent => ({
    definition: requestedItemCreated,
    aggregateId: i.requestId,
    data: {
      id: i.id,
      number: i.number,
      requestId: i.requestId,
      catalogItemId: i.catalogItemId,
      catalogItemName: i.catalogItemName,
      catalogItemVersion: i.catalogItemVersion,
      quantity: i.quantity,
      variables: i.variables,
      state: i.state,
      requestedFor: i.requestedFor,
      openedAt: i.openedAt.toISOString(),
    } satisfies EventData<typeof requestedItemCreated>,
  }),

  taskCreated: (t: CatalogTask): OutboxEvent => ({
    definition: catalogTaskCreated,
    aggregateId: t.requestId,
    data: {
      id: t.id,
      number: t.number,
      requestedItemId: t.requestedItemId,
      requestId: t.requestId,
      stage: t.stage,
      shortDescription: t.shortDescription,
      assignmentGroup: t.assignmentGroup,
      state: t.state,
      openedAt: t.openedAt.toISOString(),
    } satisfies EventData<typeof catalogTaskCreated>,
  }),

  requestMoved: (r: Request, from: RequestState, actor: string, at: Date): OutboxEvent => ({
    definition: requestStateChanged,
    aggregateId: r.id,
    data: moved(r, from, r.state, actor, at) satisfies EventData<typeof requestStateChanged>,
  }),

  itemMoved: (
    i: RequestedItem,
    from: RequestedItemState,
    to: RequestedItemState,
    actor: string,
    at: Date,
  ): OutboxEvent => ({
    definition: requestedItemStateChanged,
    aggregateId: i.requestId,
    data: moved(i, from, to, actor, at) satisfies EventData<typeof requestedItemStateChanged>,
  }),

  taskMoved: (t: CatalogTask, from: CatalogTaskState, actor: string, at: Date): OutboxEvent => ({
    definition: catalogTaskStateChanged,
    aggregateId: t.requestId,
    data: moved(t, from, t.state, actor, at) satisfies EventData<typeof catalogTaskStateChanged>,
  }),
};

function moved<S extends string>(
  record: { id: string; number: string; version: number },
  fromState: S,
  toState: S,
  changedBy: string,
  at: Date,
) {
  return {
    id: record.id,
    number: record.number,
    version: record.version,
    fromState,
    toState,
    changedBy,
    changedAt: at.toISOString(),
  };
}
