/**
 * `npm run bench:messaging`: events per second and end-to-end latency through outbox → relay →
 * Kafka → consumer with inbox, beside plain kafkajs sending and receiving the same payloads, in one run.
 * BENCH_EVENTS (default 5000) and BENCH_WRITERS (default 8 concurrent writers) size it.
 */
import { randomUUID } from 'node:crypto';
import { incidentUpdated } from '@itsm/contracts';
import { createKafka, KafkaAdmin } from '@itsm/messaging';
import {
  MessagingPipeline,
  publishTestInfrastructure,
  startTestInfrastructure,
  uniqueTopic,
} from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import { machine, summarize, type RunFigures } from './stats';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);

function payload(aggregateId: string, version: number) {
  return {
    ...incidentUpdated.example,
    id: aggregateId,
    version,
    changedAt: new Date().toISOString(),
  };
}

/** Splits the events over writers, each working on its own aggregates one transaction at a time. */
async function inParallel(work: (writer: number, index: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let index = writer; index < EVENTS; index += WRITERS) await work(writer, index);
    }),
  );
}

async function platformRun(brokers: string[]): Promise<RunFigures> {
  const pipeline = new MessagingPipeline(createKafka({ brokers, clientId: 'bench-platform' }));
  await pipeline.setUp();
  await pipeline.startConsumer();
  await pipeline.startRelay();
  const aggregates = Array.from({ length: WRITERS * 4 }, () => randomUUID());
  const started = Date.now();
  await inParallel((writer, index) =>
    pipeline
      .publishUpdates(aggregates[(index % 4) * WRITERS + writer]!, [index + 1])
      .then(() => undefined),
  );
  await pipeline.waitForApplied(EVENTS, 600_000);
  const seconds = (Date.now() - started) / 1000;

  const written = new Map<string, number>(
    (await pipeline.producer.dataSource.query('SELECT id::text AS id, created_at FROM outbox')).map(
      (row: { id: string; created_at: Date }) => [row.id, row.created_at.getTime()],
    ),
  );
  const applied: Array<{ event_id: string; applied_at: Date }> =
    await pipeline.consumer.dataSource.query('SELECT event_id, applied_at FROM applied_events');
  const latenciesMs = applied.map((row) => row.applied_at.getTime() - written.get(row.event_id)!);
  await pipeline.tearDown();
  return {
    name: 'outbox → relay → Kafka → consumer + inbox',
    events: EVENTS,
    seconds,
    latenciesMs,
  };
}

async function baselineRun(brokers: string[]): Promise<RunFigures> {
  const kafka = new Kafka({ brokers, clientId: 'bench-baseline', logLevel: logLevel.NOTHING });
  const topic = uniqueTopic('bench-baseline');
  const admin = new KafkaAdmin(createKafka({ brokers, clientId: 'bench-baseline' }));
  await admin.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }]);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const latenciesMs: number[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      latenciesMs.push(Date.now() - Number(message.headers!.sent_at!.toString()));
      if (latenciesMs.length === EVENTS) done();
    },
  });
  const aggregates = Array.from({ length: WRITERS * 4 }, () => randomUUID());
  const started = Date.now();
  await inParallel(async (writer, index) => {
    const key = aggregates[(index % 4) * WRITERS + writer]!;
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key,
          value: JSON.stringify(payload(key, index + 1)),
          headers: { sent_at: String(Date.now()) },
        },
      ],
    });
  });
  await all;
  const seconds = (Date.now() - started) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics([topic]);
  await admin.disconnect();
  return { name: 'plain kafkajs send → receive (baseline)', events: EVENTS, seconds, latenciesMs };
}

async function main(): Promise<void> {
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  try {
    const baseline = summarize(await baselineRun(infrastructure.kafkaBrokers));
    const platform = summarize(await platformRun(infrastructure.kafkaBrokers));
    const rows = [platform, baseline];
    process.stdout.write(
      `\nMachine: ${machine()}; ${EVENTS} events, ${WRITERS} concurrent writers\n\n`,
    );
    process.stdout.write(
      '| Path | events/s | p50 latency (ms) | p99 latency (ms) |\n|---|---|---|---|\n',
    );
    for (const row of rows)
      process.stdout.write(`| ${row.name} | ${row.perSecond} | ${row.p50} | ${row.p99} |\n`);
    process.stdout.write(
      `\nRatio platform / baseline: throughput ${(platform.perSecond / baseline.perSecond).toFixed(2)}×, p50 latency ${(platform.p50 / baseline.p50).toFixed(1)}×\n`,
    );
  } finally {
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
