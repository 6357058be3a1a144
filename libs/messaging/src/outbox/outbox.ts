import { randomUUID } from 'node:crypto';
import {
  assertValidEventData,
  eventSource,
  toKafkaHeaders,
  type EventData,
  type EventDefinition,
  type Practice,
} from '@itsm/contracts';
import type { EntityManager } from 'typeorm';
import { traceHeaders } from '../tracing';

/** The channel the relay listens on; a commit with outbox rows wakes it at once. */
export const OUTBOX_CHANNEL = 'itsm_outbox';

export interface PublishOptions<D extends EventDefinition> {
  /** The record the event is about: the Kafka key, so one record's events stay in order. */
  aggregateId: string;
  data: EventData<D>;
  /** When the change happened; defaults to now. */
  time?: Date;
  /** A fixed event id, for a caller that derives it from its own idempotency key. */
  id?: string;
}

/**
 * Publishing is writing a row in the caller's transaction: the event exists exactly when the change
 * that caused it committed. The relay takes it to Kafka afterwards.
 *
 * Write the aggregate before publishing its event: the row lock on the aggregate then orders the
 * outbox sequence of concurrent transactions on the same record.
 */
export class Outbox {
  /** `topicPrefix` lets several environments share one Kafka cluster, e.g. `staging.`. */
  constructor(
    private readonly practice: Practice,
    private readonly topicPrefix = '',
  ) {}

  async publish<D extends EventDefinition>(
    manager: EntityManager,
    definition: D,
    options: PublishOptions<D>,
  ): Promise<string> {
    if (definition.practice !== this.practice) {
      throw new Error(
        `The ${this.practice} service cannot publish ${definition.type}: it belongs to ${definition.practice}`,
      );
    }
    assertValidEventData(definition, options.data);
    const id = options.id ?? randomUUID();
    const headers = toKafkaHeaders({
      id,
      source: eventSource(this.practice),
      type: definition.type,
      time: (options.time ?? new Date()).toISOString(),
      subject: options.aggregateId,
      ...traceHeaders(),
    });
    // One round trip: the row, and the notification the relay receives when the transaction commits.
    await manager.query(
      `WITH written AS (
         INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, topic, headers, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
       )
       SELECT pg_notify($8, '') FROM written`,
      [
        id,
        definition.entity,
        options.aggregateId,
        definition.type,
        this.topicPrefix + definition.topic,
        headers,
        JSON.stringify(options.data),
        OUTBOX_CHANNEL,
      ],
    );
    return id;
  }
}
