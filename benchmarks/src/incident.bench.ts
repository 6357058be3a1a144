/**
 * `npm run bench:incident`: incident creation, the incident service's hottest path.
 * - POST /api/v1/incidents under a concurrent load (BENCH_CONCURRENCY workers, BENCH_REQUESTS in
 *   all): creations per second and p50/p99 latency, each with its audit lines, outbox event,
 *   timeline point and SLA clocks;
 * - the same load against a minimal Fastify handler doing one INSERT into the same table (the raw
 *   baseline, its own process like the service);
 * - the time from the API's answer until the `created` event is consumed by another service (a
 *   consumer of the incident topic in this process, through the platform's Kafka consumer).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { incidentCreated, practiceTopic } from '@itsm/contracts';
import { databaseUrlFor, localStateDir, ServiceProcess } from '@itsm/local-stack';
import { KafkaConsumer } from '@itsm/messaging';
import { dropDatabase } from '@itsm/persistence';
import {
  createTestKafka,
  freePort,
  publishTestInfrastructure,
  startTestInfrastructure,
  testAuthEnv,
  tokenFor,
} from '@itsm/testing';
import { machine, percentile } from './stats';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  answeredAt: Map<string, number>;
}

/** REQUESTS POSTs from CONCURRENCY workers, after a warm-up; latency per request. */
async function load(
  url: string,
  headers: Record<string, string>,
  label: string,
): Promise<LoadResult> {
  const post = async (i: number) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        shortDescription: `${label} load ${i}`,
        impact: 1 + (i % 3),
        urgency: 1 + ((i >> 2) % 3),
        assignmentGroup: 'service-desk',
      }),
    });
    if (response.status !== 201)
      throw new Error(`${label}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };
  for (let i = 0; i < 50; i++) await post(REQUESTS + i);
  const latencies: number[] = [];
  const answeredAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const sent = performance.now();
        const id = await post(i);
        const answered = performance.now();
        latencies.push(answered - sent);
        answeredAt.set(id, answered);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: REQUESTS / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    answeredAt,
  };
}

async function startRawServer(database: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'raw-incident-server.js')], {
    env: { ...process.env, DATABASE_URL: database, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/incidents`, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  const run = randomBytes(3).toString('hex');
  const prefix = `bench${run}.`;
  const database = databaseUrlFor(infrastructure.postgresUrl, `bench_incident_${run}`);
  const service = new ServiceProcess({
    name: 'incident',
    port: await freePort(),
    logFile: join(localStateDir(), 'logs', `bench-incident-${run}.log`),
    env: {
      DATABASE_URL: database,
      KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ...testAuthEnv(),
    },
  });
  const consumed = new Map<string, number>();
  const consumer = new KafkaConsumer(createTestKafka(`bench-incident-${run}`), {
    groupId: `bench-incident-${run}`,
    topics: [prefix + practiceTopic('incident')],
    fromBeginning: true,
  });
  let raw: { url: string; stop: () => void } | undefined;
  try {
    service.start();
    await service.waitUntilReady(120_000);
    await consumer.start(async (message) => {
      if (message.headers.ce_type === incidentCreated.type && message.key) {
        consumed.set(message.key, performance.now());
      }
    });
    const token = await tokenFor('sam');
    const api = await load(
      `${service.url}/api/v1/incidents`,
      { authorization: `Bearer ${token}` },
      'api',
    );
    const deadline = Date.now() + 120_000;
    while ([...api.answeredAt.keys()].some((id) => !consumed.has(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const delays = [...api.answeredAt]
      .filter(([id]) => consumed.has(id))
      .map(([id, answered]) => consumed.get(id)! - answered)
      .sort((a, b) => a - b);
    raw = await startRawServer(database);
    const baseline = await load(raw.url, {}, 'raw');

    const log = (line: string) => process.stdout.write(`${line}\n`);
    log(`\nMachine: ${machine()}; ${REQUESTS} creations, ${CONCURRENCY} concurrent clients\n`);
    log('| Path | creations/s | p50 | p99 |\n|---|---|---|---|');
    log(
      `| POST /api/v1/incidents (auth, audit, outbox, timeline, SLA clocks) | ${Math.round(api.perSecond)} | ${api.p50.toFixed(1)} ms | ${api.p99.toFixed(1)} ms |`,
    );
    log(
      `| raw Fastify handler, one INSERT (baseline) | ${Math.round(baseline.perSecond)} | ${baseline.p50.toFixed(1)} ms | ${baseline.p99.toFixed(1)} ms |`,
    );
    log(`\nRatio API / raw: ${(api.perSecond / baseline.perSecond).toFixed(2)}× the raw rate`);
    log(
      `API answer → \`created\` consumed by another service (${delays.length} of ${api.answeredAt.size} events): p50 ${percentile(delays, 50).toFixed(0)} ms, p99 ${percentile(delays, 99).toFixed(0)} ms`,
    );
  } finally {
    raw?.stop();
    await consumer.stop().catch(() => undefined);
    await service.stop();
    await dropDatabase(database);
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
