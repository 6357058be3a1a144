import {
  blackoutWindowCreated,
  blackoutWindowDeleted,
  blackoutWindowUpdated,
  type EventData,
} from '@itsm/contracts';
import type { Outbox } from '@itsm/messaging';
import type { FrozenChanges } from '../conflicts/frozen-changes';
import type { BlackoutWindow } from './blackout-window.entity';

type OutboxEvent = Parameters<Outbox['publishMany']>[1][number];

function fields(
  blackout: BlackoutWindow,
  actor: string,
  at: Date,
): EventData<typeof blackoutWindowCreated> {
  return {
    id: blackout.id,
    name: blackout.name,
    ...(blackout.reason !== null && { reason: blackout.reason }),
    start: blackout.start.toISOString(),
    end: blackout.end.toISOString(),
    scope: blackout.scope,
    ciIds: blackout.ciIds,
    serviceIds: blackout.serviceIds,
    version: blackout.version,
    changedBy: actor,
    changedAt: at.toISOString(),
  };
}

/**
 * `created` or `updated`: the whole freeze as saved, so that a consumer needs no other event, with
 * the planned changes it stops.
 */
export function savedBlackoutEvent(
  blackout: BlackoutWindow,
  frozen: FrozenChanges,
  created: boolean,
  actor: string,
  at: Date,
): OutboxEvent {
  return {
    definition: created ? blackoutWindowCreated : blackoutWindowUpdated,
    aggregateId: blackout.id,
    data: {
      ...fields(blackout, actor, at),
      affectedChangeIds: frozen.changes.map((change) => change.id),
      affectedChangesTruncated: frozen.truncated,
    },
  };
}

export function deletedBlackoutEvent(
  blackout: BlackoutWindow,
  actor: string,
  at: Date,
): OutboxEvent {
  const data: EventData<typeof blackoutWindowDeleted> = {
    id: blackout.id,
    name: blackout.name,
    changedBy: actor,
    changedAt: at.toISOString(),
  };
  return { definition: blackoutWindowDeleted, aggregateId: blackout.id, data };
}
