import { knownErrorPublished, problemStateChanged, problemUpdated } from '@itsm/contracts';
import type { Outbox } from '@itsm/messaging';
import { fieldChanges } from '@itsm/persistence';
import { publishesKnownError } from '../known-errors/domain/known-error-rule';
import { problemEvents } from './problem-events';
import type { Problem } from './problem.entity';

type OutboxEvent = Parameters<Outbox['publishMany']>[1][number];

/** Fields whose change is its own event, or no news to anybody. */
const NOT_IN_UPDATED_EVENT = new Set(['state', 'updatedAt', 'version', 'createdAt']);

/**
 * The events a saved change announces: `updated` for plain fields, `state_changed` for a move, and
 * `known_error.published` when it became a known error or a known error's cause or workaround
 * changed (what part 2 sends to the linked incidents).
 */
export function changeEvents(before: Problem, after: Problem, actor: string, now: Date) {
  const events: OutboxEvent[] = [];
  const aggregateId = after.id;
  const changes = fieldChanges({ ...before }, { ...after }, NOT_IN_UPDATED_EVENT);
  if (changes.length > 0) {
    const data = problemEvents.updated(after, actor, now, changes);
    events.push({ definition: problemUpdated, aggregateId, data });
  }
  if (before.state !== after.state) {
    const data = problemEvents.stateChanged(after, before.state, actor, now);
    events.push({ definition: problemStateChanged, aggregateId, data });
  }
  if (publishesKnownError(before, after)) {
    const data = problemEvents.knownErrorPublished(after, before.knownError, actor, now);
    events.push({ definition: knownErrorPublished, aggregateId, data });
  }
  return events;
}
