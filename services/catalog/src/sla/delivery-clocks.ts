import { Inject, Injectable } from '@nestjs/common';
import { deliverySlaBreached, deliverySlaWarning, type EventData } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import {
  alertFacts,
  slaView,
  unsentAlerts,
  type AppliedSlaClock,
  type SlaAlert,
  type SlaDefinition,
  type SlaRow,
  type SlaView,
} from '@itsm/sla';
import { SlaClockTable, type SubjectColumn } from '@itsm/sla/timer';
import type { EntityManager } from 'typeorm';
import type { RequestedItem } from '../requests/requested-item.entity';
import {
  deliveryClock,
  deliveryDefinition,
  readingTime,
  withState,
  type DeliveryPoint,
  type DeliveryTarget,
} from './domain/delivery-clock';

/** The requested items' delivery clocks; a clock that fires locks its request, as fulfilment does. */
export const DELIVERY_CLOCKS = new SlaClockTable({
  clocks: 'requested_item_slas',
  subjectColumn: 'requested_item_id',
  lock: { table: 'requests', column: 'request_id' },
});

type StoredPoint = { at: string; state: DeliveryPoint['state'] };
type ClockRow = SlaRow<DeliveryTarget> & {
  requested_item_id: string;
  request_id: string;
  timeline: StoredPoint[];
  alerts_sent: number[];
};

export type DeliverySlaView = SlaView<DeliveryTarget>;

/**
 * The delivery SLA of each requested item whose catalog item has a delivery target (DOMAIN.md's
 * service level management, on `@itsm/sla`): the item's states are its timeline, the clock is
 * `deliveryClock` of it, recomputed at every move and stored with the moment its next warning or
 * breach is due; `DeliverySlaTimer` announces it then, once, on whichever replica gets there first.
 */
@Injectable()
export class DeliveryClocks {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  /**
   * Records where the items now stand on their clocks (starting the clock of an item just
   * submitted) and recomputes them, in the caller's transaction. `targets` holds each item's
   * delivery target in hours, from the version it was ordered from; an item without one has no clock.
   */
  async track(
    manager: EntityManager,
    items: readonly RequestedItem[],
    targets: ReadonlyMap<string, number | null>,
    now: Date,
  ): Promise<void> {
    const timed = items.filter((i) => targets.get(i.id));
    if (timed.length === 0) return;
    const stored = await this.rowsOf(
      manager,
      timed.map((i) => i.id),
    );
    for (const item of timed) {
      const definition = deliveryDefinition({
        ...item,
        deliveryTargetHours: targets.get(item.id)!,
      });
      const row = stored.find((r) => r.requested_item_id === item.id);
      const known = row
        ? pointsOf(row.timeline)
        : [{ at: item.openedAt, state: 'requested' as const }];
      const at = readingTime(known, now);
      const timeline = withState(known, item.state, at);
      const clock = deliveryClock(definition, timeline, at);
      if (!clock.applies) continue;
      await DELIVERY_CLOCKS.store(
        manager,
        item.id,
        at,
        [{ definitionId: definition.id, clock, alertsSent: row?.alerts_sent ?? [] }],
        subjectColumns(item.requestId, definition, timeline),
      );
    }
  }

  /**
   * Publishes the alerts of this clock that are due and not sent yet, each at the moment it was
   * reached (also while no replica ran), and schedules the next one. The caller holds the clock's
   * row and its request's.
   */
  async fireDue(manager: EntityManager, clockId: string, now: Date): Promise<number> {
    const [row] = (await manager.query(
      `SELECT s.*, i.number FROM requested_item_slas s
         JOIN requested_items i ON i.id = s.requested_item_id WHERE s.id = $1`,
      [clockId],
    )) as Array<ClockRow & { number: string }>;
    if (!row) return 0;
    const definition = definitionOf(row);
    const timeline = pointsOf(row.timeline);
    const at = readingTime(timeline, now);
    const clock = deliveryClock(definition, timeline, at);
    if (!clock.applies) {
      await DELIVERY_CLOCKS.wakeAt(manager, clockId, null);
      return 0;
    }
    const unsent = unsentAlerts(clock, row.alerts_sent);
    await this.outbox.publishMany(
      manager,
      unsent.map((alert) => alertEvent(row, definition, clock, alert)),
    );
    await DELIVERY_CLOCKS.store(
      manager,
      row.requested_item_id,
      at,
      [
        {
          definitionId: definition.id,
          clock,
          alertsSent: [...row.alerts_sent, ...unsent.map((alert) => alert.percent)],
        },
      ],
      subjectColumns(row.request_id, definition, timeline),
    );
    return unsent.length;
  }

  /** The delivery clocks of these items as the API shows them now, by item id. */
  async viewsOf(
    manager: EntityManager,
    itemIds: readonly string[],
  ): Promise<Map<string, DeliverySlaView>> {
    const now = new Date();
    const rows = itemIds.length === 0 ? [] : await this.rowsOf(manager, itemIds);
    return new Map(rows.map((row) => [row.requested_item_id, slaView(row, now)]));
  }

  private async rowsOf(manager: EntityManager, itemIds: readonly string[]): Promise<ClockRow[]> {
    return (await manager.query(
      'SELECT * FROM requested_item_slas WHERE requested_item_id = ANY($1)',
      [itemIds],
    )) as ClockRow[];
  }
}

/** What the clock's row holds besides the clock: its request, its definition, its timeline. */
function subjectColumns(
  requestId: string,
  definition: SlaDefinition<DeliveryTarget>,
  timeline: readonly DeliveryPoint[],
): Record<string, SubjectColumn> {
  const { schedule } = definition;
  return {
    request_id: { value: requestId, type: 'uuid' },
    name: { value: definition.name, type: 'text' },
    duration_seconds: { value: definition.durationSeconds, type: 'integer' },
    time_zone: { value: schedule.timeZone, type: 'text' },
    kind: { value: schedule.kind, type: 'text' },
    hours: { value: schedule.hours, type: 'jsonb' },
    holidays: { value: schedule.holidays, type: 'text[]' },
    timeline: { value: timeline, type: 'jsonb' },
  };
}

const pointsOf = (stored: readonly StoredPoint[]): DeliveryPoint[] =>
  stored.map((p) => ({ at: new Date(p.at), state: p.state }));

function definitionOf(row: ClockRow): SlaDefinition<DeliveryTarget> {
  return {
    id: row.definition_id,
    name: row.name,
    target: row.target,
    durationSeconds: row.duration_seconds,
    schedule: { timeZone: row.time_zone, kind: row.kind, hours: row.hours, holidays: row.holidays },
  };
}

function alertEvent(
  row: ClockRow & { number: string },
  definition: SlaDefinition<DeliveryTarget>,
  clock: AppliedSlaClock,
  alert: SlaAlert,
) {
  const { dueAt, elapsedSeconds } = alertFacts(definition, clock, alert);
  const common = {
    slaId: row.id,
    definitionId: definition.id,
    definitionName: definition.name,
    recordType: 'requested_item' as const,
    recordId: row.requested_item_id,
    recordNumber: row.number,
    requestId: row.request_id,
    target: definition.target,
    dueAt: dueAt.toISOString(),
    elapsedSeconds,
  };
  // Keyed by the request, so that an alert follows the moves of the item it is about.
  if (alert.percent === 100) {
    return {
      definition: deliverySlaBreached,
      aggregateId: row.request_id,
      time: alert.at,
      data: {
        ...common,
        breachedAt: alert.at.toISOString(),
      } satisfies EventData<typeof deliverySlaBreached>,
    };
  }
  return {
    definition: deliverySlaWarning,
    aggregateId: row.request_id,
    time: alert.at,
    data: {
      ...common,
      percentElapsed: alert.percent,
      at: alert.at.toISOString(),
    } satisfies EventData<typeof deliverySlaWarning>,
  };
}
