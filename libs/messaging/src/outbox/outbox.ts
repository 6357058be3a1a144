import type { EventDefinition, Practice } from '@itsm/contracts';
import type { EntityManager } from 'typeorm';
import { outboxBulkInsert } from './outbox-bulk-insert';
import { prepareEvent, type OutboxEntry, type PublishOptions } from './prepare-event';

export { NOTIFY_RELAY, OUTBOX_CHANNEL, outboxInsert, type SqlPart } from './outbox-insert';

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

  /**
   * The rows `publishMany` would write, for a caller that writes them in a statement of its own
   * (`outboxInsert`) together with the record they are about.
   */
  prepare(
    events: ReadonlyArray<{ definition: EventDefinition } & PublishOptions<EventDefinition>>,
  ): OutboxEntry[] {
    return events.map(({ definition, ...options }) =>
      prepareEvent(this.publisher, definition, options),
    );
  }

  private async insert(
    manager: EntityManager,
    events: ReadonlyArray<{ definition: EventDefinition } & PublishOptions<EventDefinition>>,
  ): Promise<string[]> {
    const entries = this.prepare(events);
    // One round trip: the rows, and the notification the relay receives when the transaction commits.
    const write = outboxBulkInsert(entries);
    await manager.query(write.sql, write.params);
    return entries.map((entry) => entry.id);
  }
}
