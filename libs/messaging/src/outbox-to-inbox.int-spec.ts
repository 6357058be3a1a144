import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { deadLetterTopic } from '@itsm/contracts';
import { createTestKafka, MessagingPipeline, testKafkaBrokers, waitUntil } from '@itsm/testing';
import { KafkaConsumer, type IncomingMessage } from './kafka-consumer';
import { KafkaProducer } from './kafka-producer';
import { OutboxRelay } from './outbox/outbox-relay';

async function readAll(
  kafka: ReturnType<typeof createTestKafka>,
  topic: string,
  count: number,
): Promise<IncomingMessage[]> {
  const received: IncomingMessage[] = [];
  const consumer = new KafkaConsumer(kafka, {
    groupId: `reader-${topic}-${Date.now()}`,
    topics: [topic],
    fromBeginning: true,
  });
  await consumer.start(async (message) => void received.push(message));
  await waitUntil(
    `${count} messages on ${topic}`,
    async () => received.length >= count,
    30_000,
    50,
  );
  await consumer.stop();
  return received;
}

describe('outbox → relay → Kafka → consumer with inbox, on a real broker and PostgreSQL', () => {
  const kafka = createTestKafka('outbox-to-inbox');
  const pipeline = new MessagingPipeline(kafka);

  beforeAll(() => pipeline.setUp());
  afterAll(() => pipeline.tearDown());

  it('delivers every event once and in order per aggregate', async () => {
    const aggregates = [pipeline.newAggregate(), pipeline.newAggregate(), pipeline.newAggregate()];
    const versions = Array.from({ length: 15 }, (_, index) => index + 1);
    // Interleaved, as concurrent work on three incidents would write them.
    for (const version of versions)
      for (const aggregate of aggregates) await pipeline.publishUpdates(aggregate, [version]);

    await pipeline.startRelay();
    await pipeline.startConsumer();
    await pipeline.waitForApplied(45);

    const applied = await pipeline.applied();
    expect(applied).toHaveLength(45);
    for (const aggregate of aggregates) {
      expect(
        applied.filter((row) => row.aggregate_id === aggregate).map((row) => row.version),
      ).toEqual(versions);
    }
    expect(await pipeline.unpublishedCount()).toBe(0);
  });

  it('lets one relay per database publish while another replica stands by', async () => {
    const standby = new OutboxRelay({
      dataSource: pipeline.producer.dataSource,
      kafka,
      name: `test-${pipeline.run}`,
      pollIntervalMs: 100,
    });
    await standby.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pipeline.relay!.isLeader).toBe(true);
    expect(standby.isLeader).toBe(false);
    await standby.stop();
  });

  it('applies a redelivered event once, also when both copies arrive in one batch', async () => {
    const [original] = await readAll(kafka, pipeline.topic, 1);
    const before = (await pipeline.applied()).length;
    const producer = new KafkaProducer(kafka);
    await producer.connect();
    // Twice in one request, so that both copies also arrive in one batch.
    const copy = { key: original!.key!, value: original!.value!, headers: original!.headers };
    await producer.send(pipeline.topic, [copy, copy]);
    // A marker event after the duplicate: once it is applied, the duplicate has been handled too.
    const marker = pipeline.newAggregate();
    await pipeline.publishUpdates(marker, [1]);
    await pipeline.waitForApplied(before + 1);
    await producer.disconnect();

    const applied = await pipeline.applied();
    expect(applied).toHaveLength(before + 1);
    expect(applied.filter((row) => row.event_id === original!.headers.ce_id)).toHaveLength(1);
  });

  it('sends a poison message and an event whose retries ran out to the dead-letter topic, and moves on', async () => {
    const producer = new KafkaProducer(kafka);
    await producer.connect();
    const poisonKey = pipeline.newAggregate();
    const [template] = await readAll(kafka, pipeline.topic, 1);
    await producer.send(pipeline.topic, [
      {
        key: poisonKey,
        value: JSON.stringify({ id: poisonKey, version: 'seven' }),
        headers: { ...template!.headers, ce_id: `poison-${poisonKey}` },
      },
    ]);
    await producer.disconnect();
    const doomed = pipeline.newAggregate();
    pipeline.failing.add(doomed);
    await pipeline.publishUpdates(doomed, [1]);
    const after = pipeline.newAggregate();
    const before = (await pipeline.applied()).length;
    await pipeline.publishUpdates(after, [1, 2]);
    await pipeline.waitForApplied(before + 2);

    const dead = await readAll(kafka, deadLetterTopic(pipeline.topic), 2);
    const invalid = dead.find((message) => message.key === poisonKey)!;
    expect(invalid.headers).toMatchObject({
      dlq_reason: 'invalid',
      dlq_topic: pipeline.topic,
      dlq_attempts: '0',
      ce_id: `poison-${poisonKey}`,
    });
    expect(invalid.headers.dlq_error).toContain('version must be integer');
    const exhausted = dead.find((message) => message.key === doomed)!;
    expect(exhausted.headers).toMatchObject({
      dlq_reason: 'exhausted',
      dlq_attempts: '3',
      dlq_subscription: 'default',
    });
    expect(exhausted.headers.dlq_error).toBe(`cannot apply ${doomed}`);
    expect(
      (await pipeline.applied())
        .filter((row) => row.aggregate_id === after)
        .map((row) => row.version),
    ).toEqual([1, 2]);
  });

  it('loses nothing and applies nothing twice when the relay process is killed mid-stream', async () => {
    await pipeline.relay!.stop();
    pipeline.relay = undefined;
    const aggregate = pipeline.newAggregate();
    const versions = Array.from({ length: 300 }, (_, index) => index + 1);
    const before = (await pipeline.applied()).length;
    await pipeline.publishUpdates(aggregate, versions);

    // A relay in its own process, publishing one row per batch, killed without warning.
    const root = join(__dirname, '..', '..', '..');
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { DataSource } = require('typeorm');
         const m = require('./libs/messaging/dist/index.js');
         const ds = new DataSource({ type: 'postgres', url: process.env.DB_URL });
         ds.initialize().then(() => new m.OutboxRelay({ dataSource: ds, kafka: m.createKafka({ brokers: process.env.BROKERS.split(','), clientId: 'doomed-relay' }), name: 'test-${pipeline.run}', batchSize: 1, pollIntervalMs: 50 }).start());`,
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          DB_URL: pipeline.producer.db.url,
          BROKERS: testKafkaBrokers().join(','),
        },
        stdio: 'inherit',
      },
    );
    await waitUntil(
      'the child relay to publish',
      async () => (await pipeline.unpublishedCount()) <= 290,
      30_000,
      20,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const leftBehind = await pipeline.unpublishedCount();
    expect(leftBehind).toBeGreaterThan(0);

    await pipeline.startRelay();
    await pipeline.waitForApplied(before + 300);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // time for any duplicate to arrive
    const mine = (await pipeline.applied()).filter((row) => row.aggregate_id === aggregate);
    expect(mine.map((row) => row.version)).toEqual(versions);
    expect(await pipeline.unpublishedCount()).toBe(0);
  });

  it('wakes the relay on commit through LISTEN/NOTIFY, without waiting for its poll', async () => {
    await pipeline.relay!.stop();
    await pipeline.startRelay({ pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 500)); // past its first drain, into its long sleep
    const before = (await pipeline.applied()).length;
    const started = Date.now();
    await pipeline.publishUpdates(pipeline.newAggregate(), [1]);
    await pipeline.waitForApplied(before + 1, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("a subscription's chunk size, on a real broker and PostgreSQL", () => {
  const pipeline = new MessagingPipeline(createTestKafka('chunk-size'));

  beforeAll(() => pipeline.setUp());
  afterAll(() => pipeline.tearDown());

  it('applies at most that many events in one transaction, in order', async () => {
    // One aggregate: one partition, one record batch, so the consumer's first fetch holds all 60.
    const aggregate = pipeline.newAggregate();
    const versions = Array.from({ length: 60 }, (_, index) => index + 1);
    await pipeline.publishUpdates(aggregate, versions);

    await pipeline.startRelay();
    await pipeline.startConsumer({ chunkSize: 20 });
    await pipeline.waitForApplied(60);

    const perTransaction = await pipeline.eventsPerTransaction();
    expect(Math.max(...perTransaction)).toBeLessThanOrEqual(20);
    expect(perTransaction.length).toBeGreaterThanOrEqual(3);
    expect((await pipeline.applied()).map((row) => row.version)).toEqual(versions);
  });
});
