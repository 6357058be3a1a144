import {
  slaClock,
  type SlaClock,
  type SlaDefinition,
  type SubjectPhase,
  type TimelinePoint,
} from '@itsm/sla';
import type { Schedule } from '@itsm/calendar';
import type { RequestedItemState } from '../../requests/domain/fulfilment-states';

/** Delivery: until the requested item is fulfilled. */
export type DeliveryTarget = 'delivery';

/** The requested item's state from `at` on, until the next point. */
export interface DeliveryPoint extends TimelinePoint {
  state: RequestedItemState;
}

/** Delivery targets count around the clock: the hours an item promises are calendar hours. */
export const AROUND_THE_CLOCK: Schedule = {
  timeZone: 'UTC',
  kind: '24x7',
  hours: [],
  holidays: [],
};

/**
 * The delivery SLA of a requested item: its catalog item's `deliveryTargetHours`, from the
 * version it was ordered from (which never changes), named for the item. The definition's id is
 * the catalog item's.
 */
export function deliveryDefinition(item: {
  catalogItemId: string;
  catalogItemName: string;
  deliveryTargetHours: number;
}): SlaDefinition<DeliveryTarget> {
  return {
    id: item.catalogItemId,
    name: `${item.catalogItemName} delivery (${item.deliveryTargetHours} hours)`,
    target: 'delivery',
    durationSeconds: item.deliveryTargetHours * 3600,
    schedule: AROUND_THE_CLOCK,
  };
}

/**
 * What a requested item's state means to its delivery clock: it counts from the submission,
 * paused while the item waits for its approval (the approver's time is not the fulfillers'), met
 * when the item is fulfilled, cancelled when it is rejected or cancelled. An item whose
 * provisioning needs attention is still in fulfilment: its clock runs on.
 */
export function deliveryPhase(state: RequestedItemState): SubjectPhase {
  switch (state) {
    case 'pending_approval':
      return 'paused';
    case 'fulfilled':
      return 'met';
    case 'rejected':
    case 'cancelled':
      return 'canceled';
    default:
      return 'counting';
  }
}

/** The delivery clock over the item's history as known at `now` (`slaClock`). */
export function deliveryClock(
  definition: SlaDefinition<DeliveryTarget>,
  timeline: readonly DeliveryPoint[],
  now: Date,
): SlaClock {
  return slaClock(definition, timeline, now, {
    phaseOf: (point) => deliveryPhase(point.state),
    holds: () => true,
  });
}

/** When a clock is read: now, yet never before the last point of its timeline, which it must cover. */
export function readingTime(timeline: readonly DeliveryPoint[], now: Date): Date {
  const last = timeline.at(-1)!.at;
  return last > now ? last : now;
}

/** The timeline once the item stands in `state` at `at`: a point is added only when it moved. */
export function withState(
  timeline: readonly DeliveryPoint[],
  state: RequestedItemState,
  at: Date,
): DeliveryPoint[] {
  return timeline.at(-1)!.state === state ? [...timeline] : [...timeline, { at, state }];
}
