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
    const [id] = await this.publishMany(manager, [{ definition, ...options }]);
    return id!;
  }

  /**
   * Many events in one statement per thousand (a bulk import's thousands of events): the same rows
   * and notification as one `publish` each, in their order.
   */
  async publishMany(
    manager: EntityManager,
    events: ReadonlyArray<{ definition: EventDefinition } & PublishOptions<EventDefinition>>,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < events.length; start += 1000) {
      ids.push(...(await this.insert(manager, events.slice(start, start + 1000))));
    }
    return ids;
  }

  private async insert(
    manager: EntityManager,
    events: ReadonlyArray<{ definition: EventDefinition } & PublishOptions<EventDefinition>>,
  ): Promise<string[]> {
    const columns: string[][] = [[], [], [], [], [], [], []];
    const ids = events.map(({ definition, ...options }) => {
      const row = this.row(definition, options);
      row.forEach((value, index) => columns[index]!.push(value));
      return row[0];
    });
    // One round trip: the rows, and the notification the relay receives when the transaction commits.
    await manager.query(
      `WITH written AS (
         INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, topic, headers, payload)
         SELECT id, aggregate_type, aggregate_id, event_type, topic, headers, payload
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
                WITH ORDINALITY AS e (id, aggregate_type, aggregate_id, event_type, topic, headers, payload, n)
          ORDER BY n
         RETURNING id
       )
       SELECT pg_notify($8, '') FROM written LIMIT 1`,
      [...columns, OUTBOX_CHANNEL],
    );
    return ids;
  }

  private row<D extends EventDefinition>(definition: D, options: PublishOptions<D>): string[] {
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
    return [
      id,
      definition.entity,
      options.aggregateId,
      definition.type,
      this.topicPrefix + definition.topic,
      JSON.stringify(headers),
      JSON.stringify(options.data),
    ];
  }
}
