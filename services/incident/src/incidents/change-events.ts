import {
  incidentAssigned,
  incidentClosed,
  incidentPriorityChanged,
  incidentReopened,
  incidentResolved,
  incidentStateChanged,
  incidentUpdated,
} from '@itsm/contracts';
import type { Outbox } from '@itsm/messaging';
import { fieldChanges } from '@itsm/persistence';
import { isReopen } from './domain/incident-states';
import { incidentEvents } from './incident-events';
import type { Incident } from './incident.entity';

type OutboxEvent = Parameters<Outbox['publishMany']>[1][number];

/** Fields whose change is its own event, or no news to anybody. */
const NOT_IN_UPDATED_EVENT = new Set(['state', 'updatedAt', 'version', 'createdAt']);

export interface ChangeCircumstances {
  actor: string;
  now: Date;
  /** Why the state changed (a reopening, a cancellation, a parent resolving its children). */
  reason?: string;
  /** Closed by the auto-close timer rather than by a person. */
  automatically?: boolean;
}

/**
 * The events a saved change announces: `updated` for plain fields, then one event for each
 * assignment, priority and state change, with `resolved`, `closed` and `reopened` beside the state's.
 */
export function changeEvents(
  before: Incident,
  after: Incident,
  { actor, now, reason, automatically = false }: ChangeCircumstances,
): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  const aggregateId = after.id;
  const changes = fieldChanges({ ...before }, { ...after }, NOT_IN_UPDATED_EVENT);
  if (changes.length > 0) {
    const data = incidentEvents.updated(after, actor, now, changes);
    events.push({ definition: incidentUpdated, aggregateId, data });
  }
  if (before.assignmentGroup !== after.assignmentGroup || before.assignee !== after.assignee) {
    const data = incidentEvents.assigned(after, before, actor, now);
    events.push({ definition: incidentAssigned, aggregateId, data });
  }
  if (before.priority !== after.priority) {
    const data = incidentEvents.priorityChanged(after, before.priority, actor, now);
    events.push({ definition: incidentPriorityChanged, aggregateId, data });
  }
  if (before.state === after.state) return events;
  const why =
    after.state === 'on_hold'
      ? after.onHoldReason!
      : after.state === 'resolved'
        ? after.resolutionCode!
        : reason;
  const stateChanged = incidentEvents.stateChanged(after, before.state, actor, now, why);
  events.push({ definition: incidentStateChanged, aggregateId, data: stateChanged });
  if (after.state === 'resolved') {
    const data = incidentEvents.resolved(after, actor);
    events.push({ definition: incidentResolved, aggregateId, data });
  }
  if (after.state === 'closed') {
    const data = incidentEvents.closed(after, actor, automatically);
    events.push({ definition: incidentClosed, aggregateId, data });
  }
  if (isReopen(before.state, after.state)) {
    const data = incidentEvents.reopened(after, actor, now, reason!);
    events.push({ definition: incidentReopened, aggregateId, data });
  }
  return events;
}
