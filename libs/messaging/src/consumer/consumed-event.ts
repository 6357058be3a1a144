import type { EventData, EventDefinition } from '@itsm/contracts';
import { EventPattern } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

/** An event as a handler receives it: the CloudEvents attributes, its validated data, where it came from. */
export interface ConsumedEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  data: T;
  topic: string;
  partition: number;
  offset: string;
}

/** What a handler works with: the transaction in which its effect and the inbox row commit together. */
export interface EventContext {
  manager: EntityManager;
  subscription: string;
  attempt: number;
}

export type EventOf<D extends EventDefinition> = ConsumedEvent<EventData<D>>;

export const DEFAULT_SUBSCRIPTION = 'default';

/** Events applied in one transaction, at most, unless a subscription asks for fewer. */
export const DEFAULT_CHUNK_SIZE = 100;

/**
 * The chunk for handlers that take locks held until commit (advisory locks on a cluster or a CI):
 * over a chunk of 100, concurrent partitions' transactions held each other's locks long enough to
 * deadlock — problem detection saw 37–41 deadlocks in 20,000 events (each a second's wait and the
 * chunk redone event by event) at 151–229 events/s; with 20, 0–1 and 534–596 events/s.
 */
export const LOCKING_CHUNK_SIZE = 20;

export interface OnEventOptions {
  subscription?: string;
  /**
   * At most this many events per transaction for the whole subscription (its smallest wins): 1 to
   * DEFAULT_CHUNK_SIZE.
   */
  chunkSize?: number;
}

/**
 * Handles one event type. Handlers of one `subscription` share a consumer group, so they see one
 * record's events in order; separate subscriptions progress independently, so a slow one does not
 * hold back another.
 */
export function OnEvent(
  definition: EventDefinition,
  options: OnEventOptions = {},
): MethodDecorator {
  return EventPattern(definition.type, {
    subscription: options.subscription ?? DEFAULT_SUBSCRIPTION,
    ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
  });
}

/** Thrown by a handler for an event it can never apply: it goes to the dead-letter topic at once. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
