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

/**
 * Handles one event type. Handlers of one `subscription` share a consumer group, so they see one
 * record's events in order; separate subscriptions progress independently, so a slow one does not
 * hold back another.
 */
export function OnEvent(
  definition: EventDefinition,
  options: { subscription?: string } = {},
): MethodDecorator {
  return EventPattern(definition.type, {
    subscription: options.subscription ?? DEFAULT_SUBSCRIPTION,
  });
}

/** Thrown by a handler for an event it can never apply: it goes to the dead-letter topic at once. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
