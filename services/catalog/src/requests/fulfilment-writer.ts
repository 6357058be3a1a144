import { Inject, Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import { CatalogItemVersion } from '../catalog-items/catalog-item-version.entity';
import { provisioningAskedFor } from '../provisioning/domain/provisioning-outcome';
import { provisioningEvents } from '../provisioning/provisioning-events';
import { DeliveryClocks, type DeliverySlaView } from '../sla/delivery-clocks';
import { CatalogTask } from './catalog-task.entity';
import { advance } from './domain/fulfilment';
import {
  isItemClosed,
  isTaskClosed,
  requestStateOf,
  type CatalogTaskState,
  type RequestedItemState,
} from './domain/fulfilment-states';
import { mayViewRequest } from './domain/request-access';
import { requestEvents, type OutboxEvent } from './request-events';
import { Request } from './request.entity';
import { RequestedItem } from './requested-item.entity';

/**
 * A request with its items and tasks: the aggregate every change of fulfilment locks (through the
 * request's row) and writes as one, so that two tasks done at once cannot both miss that they
 * were the last.
 */
export interface Fulfilment {
  request: Request;
  items: RequestedItem[];
  tasks: CatalogTask[];
  /** Each item's delivery SLA, by item id (an item whose catalog item has no target has none). */
  deliverySlas?: ReadonlyMap<string, DeliverySlaView>;
}

/** Moves the caller asked for; what follows from them is the writer's. */
export interface Moves {
  items?: Array<{ item: RequestedItem; to: RequestedItemState }>;
  tasks?: Array<{ task: CatalogTask; to: CatalogTaskState }>;
  /** Items whose other fields the caller changed (a provisioning answer), saved with the rest. */
  changed?: RequestedItem[];
}

@Injectable()
export class FulfilmentWriter {
  constructor(
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly deliveryClocks: DeliveryClocks,
  ) {}

  /** The request's fulfilment, locked for a change; a 404 when the caller may not see it. */
  async load(manager: EntityManager, requestId: string, caller?: Principal): Promise<Fulfilment> {
    const request = await manager.findOne(Request, {
      where: { id: requestId },
      lock: { mode: 'for_no_key_update' },
    });
    if (!request || (caller && !mayViewRequest(caller, request))) {
      throw recordNotFound('Request', requestId);
    }
    const items = await manager.find(RequestedItem, {
      where: { requestId },
      order: { position: 'ASC' },
    });
    const tasks = await manager.find(CatalogTask, {
      where: { requestId },
      order: { stage: 'ASC', openedAt: 'ASC', number: 'ASC' },
    });
    const deliverySlas = await this.deliveryClocks.viewsOf(
      manager,
      items.map((i) => i.id),
    );
    return { request, items, tasks, deliverySlas };
  }

  /**
   * Applies the moves, then what follows (approval not needed, the next stage, an item fulfilled,
   * the request's state), saves what changed and publishes an event for every state change.
   */
  async commit(
    manager: EntityManager,
    f: Fulfilment,
    moves: Moves,
    actor: string,
    now: Date,
    events: OutboxEvent[] = [],
  ): Promise<Fulfilment> {
    const itemMoves: Array<{
      item: RequestedItem;
      from: RequestedItemState;
      to: RequestedItemState;
    }> = [];
    const taskMoves: Array<{ task: CatalogTask; from: CatalogTaskState }> = [];
    for (const { task, to } of moves.tasks ?? []) {
      taskMoves.push({ task, from: task.state });
      task.state = to;
      if (isTaskClosed(to)) Object.assign(task, { closedAt: now, closedBy: actor });
    }
    const moveItem = (item: RequestedItem, to: RequestedItemState) => {
      itemMoves.push({ item, from: item.state, to });
      item.state = to;
      if (isItemClosed(to)) item.closedAt = now;
    };
    for (const { item, to } of moves.items ?? []) moveItem(item, to);

    const plans = await this.plansOf(manager, f.items);
    const next = advance(
      f.items.map((i) => {
        const { approval, plan, provisioning } = plans.get(i.id)!;
        return {
          id: i.id,
          state: i.state,
          approval,
          plan,
          provisions: provisioning !== null,
          provisioning: i.provisioning ?? null,
        };
      }),
      f.tasks.map((t) => ({ itemId: t.requestedItemId, stage: t.stage, state: t.state })),
    );
    for (const move of next.itemMoves)
      moveItem(
        f.items.find((i) => i.id === move.itemId)!,
        move.to,
      );
    const opened = next.tasksToOpen.map(({ itemId, step }) =>
      manager.create(CatalogTask, {
        requestedItemId: itemId,
        requestId: f.request.id,
        stage: step.stage,
        shortDescription: step.shortDescription,
        assignmentGroup: step.assignmentGroup,
        state: 'open',
        openedAt: now,
        closedAt: null,
        closedBy: null,
      }),
    );

    // Flow 7: the plan is done; the CMDB and the change service are asked, the item waits for them.
    const askedFor = next.provisioningToAsk.map((itemId) => {
      const item = f.items.find((i) => i.id === itemId)!;
      const rule = plans.get(itemId)!.provisioning!;
      item.provisioning = provisioningAskedFor(rule, now);
      return { item, event: provisioningEvents.requested(item, rule, now) };
    });

    const requestBefore = f.request.state;
    f.request.state = requestStateOf(f.items.map((i) => i.state));
    if (f.request.state !== requestBefore && isRequestClosed(f.request)) f.request.closedAt = now;

    await manager.save([...new Set(taskMoves.map((m) => m.task))]);
    await manager.save([
      ...new Set([...itemMoves, ...askedFor].map((m) => m.item).concat(moves.changed ?? [])),
    ]);
    const savedTasks = opened.length > 0 ? await manager.save(opened) : [];
    if (f.request.state !== requestBefore) await manager.save(f.request);
    f.tasks.push(...savedTasks);
    const moved = [...new Set(itemMoves.map((m) => m.item))];
    const targets = new Map(moved.map((i) => [i.id, plans.get(i.id)!.deliveryTargetHours]));
    await this.deliveryClocks.track(manager, moved, targets, now);
    if (moved.length > 0 || !f.deliverySlas) {
      f.deliverySlas = await this.deliveryClocks.viewsOf(
        manager,
        f.items.map((i) => i.id),
      );
    }

    await this.outbox.publishMany(manager, [
      ...events,
      ...taskMoves.map((m) => requestEvents.taskMoved(m.task, m.from, actor, now)),
      ...itemMoves.map((m) => requestEvents.itemMoved(m.item, m.from, m.to, actor, now)),
      ...savedTasks.map(requestEvents.taskCreated),
      ...askedFor.map((a) => a.event),
      ...(f.request.state === requestBefore
        ? []
        : [requestEvents.requestMoved(f.request, requestBefore, actor, now)]),
    ]);
    return f;
  }

  /** The approval, plan, provisioning rule and delivery target of each item's version. */
  private async plansOf(manager: EntityManager, items: RequestedItem[]) {
    const versions = await manager.find(CatalogItemVersion, {
      where: items.map((i) => ({ itemId: i.catalogItemId, version: i.catalogItemVersion })),
    });
    return new Map(
      items.map((i) => {
        const v = versions.find(
          (candidate) =>
            candidate.itemId === i.catalogItemId && candidate.version === i.catalogItemVersion,
        )!;
        return [
          i.id,
          {
            approval: v.approval.kind,
            plan: v.plan,
            provisioning: v.provisioning,
            deliveryTargetHours: v.deliveryTargetHours,
          },
        ];
      }),
    );
  }
}

const isRequestClosed = (r: Request) => r.state.startsWith('closed_');
