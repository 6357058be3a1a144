import { randomBytes, randomUUID } from 'node:crypto';
import { incidentUpdated, deadLetterTopic } from '@itsm/contracts';
import { applyMigrations, createServiceDataSource } from '@itsm/persistence';
import {
  CreateMessagingTables1764288000000,
  EventConsumerTransport,
  KafkaAdmin,
  Outbox,
  OutboxRelay,
  type ConsumedEvent,
  type EventContext,
  type KafkaClient,
} from '@itsm/messaging';
import type { DataSource } from 'typeorm';
import { waitUntil } from '@itsm/local-stack';
import { createTestDatabase, type TestDatabase } from './test-database';

type UpdatedData = { id: string; version: number; changes: Array<{ field: string }> };

/**
 * A producing service (database with an outbox, relay) and a consuming service (database with an
 * inbox and an `applied_events` table as the handler's effect), wired through a real broker on
 * topics of their own.
 */
export class MessagingPipeline {
  readonly run = randomBytes(4).toString('hex');
  readonly topicPrefix = `t${this.run}.`;
  readonly topic = `${this.topicPrefix}${incidentUpdated.topic}`;
  readonly outbox = new Outbox('incident', this.topicPrefix);
  producer!: { db: TestDatabase; dataSource: DataSource };
  consumer!: { db: TestDatabase; dataSource: DataSource };
  relay?: OutboxRelay;
  transport?: EventConsumerTransport;
  /** Aggregate ids whose handler always fails, to exhaust the retries. */
  readonly failing = new Set<string>();

  constructor(private readonly kafka: KafkaClient) {}

  async setUp(): Promise<void> {
    this.producer = await this.database('outbox');
    this.consumer = await this.database('inbox');
    await this.consumer.dataSource.query(
      `CREATE TABLE applied_events (event_id text NOT NULL, aggregate_id uuid NOT NULL, version int NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), txid bigint NOT NULL DEFAULT txid_current(), seq bigint GENERATED ALWAYS AS IDENTITY)`,
    );
    const admin = new KafkaAdmin(this.kafka);
    await admin.ensureTopics(
      [this.topic, deadLetterTopic(this.topic)].map((topic) => ({
        topic,
        partitions: 3,
        replicationFactor: 1,
      })),
    );
    await admin.disconnect();
  }

  async tearDown(): Promise<void> {
    await this.relay?.stop();
    await this.transport?.close();
    const admin = new KafkaAdmin(this.kafka);
    await admin.deleteTopics([this.topic, deadLetterTopic(this.topic)]).catch(() => undefined);
    await admin.disconnect();
    for (const side of [this.producer, this.consumer]) {
      await side.dataSource.destroy();
      await side.db.drop();
    }
  }

  /** Publishes `versions` updates of one incident, each in its own transaction, as a service would. */
  async publishUpdates(
    aggregateId: string,
    versions: number[],
    field = 'assignee',
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const version of versions) {
      ids.push(
        await this.producer.dataSource.transaction((manager) =>
          this.outbox.publish(manager, incidentUpdated, {
            aggregateId,
            data: {
              id: aggregateId,
              number: 'INC0000001',
              version,
              changedBy: 'u-1',
              changedAt: new Date().toISOString(),
              changes: [{ field, oldValue: version - 1, newValue: version }],
            },
          }),
        ),
      );
    }
    return ids;
  }

  startRelay(options: { batchSize?: number; pollIntervalMs?: number } = {}): Promise<void> {
    this.relay = new OutboxRelay({
      dataSource: this.producer.dataSource,
      kafka: this.kafka,
      name: `test-${this.run}`,
      pollIntervalMs: options.pollIntervalMs ?? 200,
      batchSize: options.batchSize,
      sendTimeoutMs: 10_000,
    });
    return this.relay.start();
  }

  async startConsumer(options: { chunkSize?: number } = {}): Promise<void> {
    this.transport = new EventConsumerTransport({
      kafka: this.kafka,
      dataSource: this.consumer.dataSource,
      groupPrefix: `test-${this.run}`,
      topicPrefix: this.topicPrefix,
      retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
      // The broker-crash test waits for the group to drop the member it lost: keep that short.
      sessionTimeoutMs: 10_000,
    });
    this.transport.addHandler(
      incidentUpdated.type,
      async (event: ConsumedEvent<UpdatedData>, context: EventContext) => {
        if (this.failing.has(event.data.id)) throw new Error(`cannot apply ${event.data.id}`);
        await context.manager.query(
          'INSERT INTO applied_events (event_id, aggregate_id, version) VALUES ($1, $2, $3)',
          [event.id, event.data.id, event.data.version],
        );
      },
      true,
      { subscription: 'default', ...options },
    );
    await new Promise<void>((resolve, reject) =>
      this.transport!.listen((error?: unknown) => (error ? reject(error) : resolve())),
    );
  }

  /** How many events each transaction of the consumer applied, in commit order. */
  async eventsPerTransaction(): Promise<number[]> {
    const rows: Array<{ n: number }> = await this.consumer.dataSource.query(
      'SELECT count(*)::int AS n FROM applied_events GROUP BY txid ORDER BY min(seq)',
    );
    return rows.map((row) => row.n);
  }

  async applied(): Promise<Array<{ event_id: string; aggregate_id: string; version: number }>> {
    return this.consumer.dataSource.query(
      'SELECT event_id, aggregate_id, version FROM applied_events ORDER BY seq',
    );
  }

  async waitForApplied(count: number, timeoutMs = 45_000): Promise<void> {
    try {
      await waitUntil(
        `${count} applied events`,
        async () => (await this.appliedCount()) >= count,
        timeoutMs,
        100,
      );
    } catch (error) {
      // Which side stalled: the relay (rows not yet sent) or the consumer (sent, not applied).
      const state = `${await this.appliedCount()} applied, ${await this.unpublishedCount()} not yet sent to Kafka`;
      throw new Error(`${(error as Error).message} (${state})`);
    }
  }

  private async appliedCount(): Promise<number> {
    const [{ n }] = await this.consumer.dataSource.query(
      'SELECT count(*)::int AS n FROM applied_events',
    );
    return n;
  }

  async unpublishedCount(): Promise<number> {
    const [{ n }] = await this.producer.dataSource.query(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    return n;
  }

  newAggregate(): string {
    return randomUUID();
  }

  private async database(label: string) {
    const db = await createTestDatabase(label);
    const dataSource = createServiceDataSource({
      url: db.url,
      applicationName: `messaging-test-${label}`,
      entities: [],
      migrations: [CreateMessagingTables1764288000000],
    });
    await dataSource.initialize();
    await applyMigrations(dataSource);
    return { db, dataSource };
  }
}
