import { randomUUID } from 'node:crypto';
import {
  assertValidEventData,
  eventSource,
  toKafkaHeaders,
  type EventData,
  type EventDefinition,
  type Practice,
} from '@itsm/contracts';
import { traceHeaders } from '../tracing';

export interface PublishOptions<D extends EventDefinition> {
  /** The record the event is about: the Kafka key, so one record's events stay in order. */
  aggregateId: string;
  data: EventData<D>;
  /** When the change happened; defaults to now. */
  time?: Date;
  /** A fixed event id, for a caller that derives it from its own idempotency key. */
  id?: string;
}

/** An outbox row before it is written (Debezium's outbox event router has the same columns). */
export interface OutboxEntry {
  id: string;
  aggregateType: string;
  /** The Kafka key the relay sends the event with. */
  aggregateId: string;
  eventType: string;
  topic: string;
  /** The CloudEvents headers, and the trace context of the change, so the relay continues its trace. */
  headers: Record<string, string>;
  payload: unknown;
}

/**
 * What the outbox stores for an event: refused if the service does not own the event or the data
 * breaks its schema; otherwise given an id, its headers and the trace context active now.
 */
export function prepareEvent<D extends EventDefinition>(
  publisher: { practice: Practice; topicPrefix: string },
  definition: D,
  options: PublishOptions<D>,
): OutboxEntry {
  if (definition.practice !== publisher.practice) {
    throw new Error(
      `The ${publisher.practice} service cannot publish ${definition.type}: it belongs to ${definition.practice}`,
    );
  }
  assertValidEventData(definition, options.data);
  const id = options.id ?? randomUUID();
  const headers = toKafkaHeaders({
    id,
    source: eventSource(publisher.practice),
    type: definition.type,
    time: (options.time ?? new Date()).toISOString(),
    subject: options.aggregateId,
    ...traceHeaders(),
  });
  return {
    id,
    aggregateType: definition.entity,
    aggregateId: options.aggregateId,
    eventType: definition.type,
    topic: publisher.topicPrefix + definition.topic,
    headers,
    payload: options.data,
  };
}
