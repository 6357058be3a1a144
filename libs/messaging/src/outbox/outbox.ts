import type { EventDefinition, Practice } from '@itsm/contracts';
import type { EntityManager } from 'typeorm';
import { prepareEvent, type PublishOptions } from './prepare-event';

/** The channel the relay listens on; a commit with outbox rows wakes it at once. */
export const OUTBOX_CHANNEL = 'itsm_outbox';

/**
 * Publishing is writing a row in the caller's transaction: the event exists exactly when the change
 * that caused it committed. The relay takes it to Kafka afterwards, at least once; each consumer's
 * `Inbox` skips what it has already applied.
 *
 * Write the aggregate before publishing its event: the row lock on the aggregate then orders the
 * outbox sequence of concurrent transactions on the same record.
 */
export class Outbox {
  private readonly publisher: { practice: Practice; topicPrefix: string };

  /** `topicPrefix` lets several environments share one Kafka cluster, e.g. `staging.`. */
  constructor(practice: Practice, topicPrefix = '') {
    this.publisher = { practice, topicPrefix };
  }

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
    const entries = events.map(({ definition, ...options }) =>
      prepareEvent(this.publisher, definition, options),
    );
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
      [
        entries.map((entry) => entry.id),
        entries.map((entry) => entry.aggregateType),
        entries.map((entry) => entry.aggregateId),
        entries.map((entry) => entry.eventType),
        entries.map((entry) => entry.topic),
        entries.map((entry) => JSON.stringify(entry.headers)),
        entries.map((entry) => JSON.stringify(entry.payload)),
        OUTBOX_CHANNEL,
      ],
    );
    return entries.map((entry) => entry.id);
  }
}
