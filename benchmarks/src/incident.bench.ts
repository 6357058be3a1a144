/**
 * `npm run bench:incident`: incident creation, the incident service's hottest path.
 * - closed loop (BENCH_MODE=closed): POST /api/v1/incidents from BENCH_CONCURRENCY clients, each
 *   sending its next request when the last is answered, BENCH_REQUESTS in all: the service's
 *   maximum rate, and p50/p99 latency, each creation with its audit lines, outbox event, timeline
 *   point and SLA clocks;
 * - open loop (BENCH_MODE=open): requests sent at a fixed rate (BENCH_RATE per second, by default
 *   half the closed loop's rate of the same run) for BENCH_OPEN_SECONDS, whether earlier ones are
 *   answered or not; latency from the moment each was due, so that queueing is not hidden;
 * - both (the default): closed, then open at half the closed loop's rate;
 * - each beside the same load against a minimal Fastify handler doing one INSERT into the same
 *   table (the raw baseline, its own process like the service);
 * - in the open loop, the time from the API's answer (after the commit) until another service's
 *   consumer, through the platform's Kafka consumer, has committed its effect (a row in a database
 *   of its own); that consumer is started after the closed loop, which runs without it as the raw
 *   baseline does;
 * - the service's resident memory (VmRSS) idle and at the peak of each load;
 * - in the closed loop, the pipeline's floor: the same clients reading an incident that does not
 *   exist (one statement, nothing written), a bound on the creation's rate.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { incidentCreated } from '@itsm/contracts';
import {
  CreateMessagingTables1764288000000,
  EventConsumerTransport,
  type ConsumedEvent,
  type EventContext,
  type KafkaClient,
} from '@itsm/messaging';
import { applyMigrations, createServiceDataSource, dropDatabase } from '@itsm/persistence';
import { createTestDatabase, createTestKafka, freePort, tokenFor } from '@itsm/testing';
import { cpuPerUnit, pidsNamed, pidWithEnvironment } from './process-cpu';
import { mib, residentMemoryOfListener, withPeakMemory } from './service-memory';
import { machine, percentile } from './stats';
import { benchService } from './bench-service';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const MODE = process.env.BENCH_MODE ?? 'both';
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 20);

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  answeredAt: Map<string, number>;
}

type Post = (i: number) => Promise<string>;

function poster(url: string, headers: Record<string, string>, label: string): Post {
  return async (i: number) => {
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
}

/**
 * The floor of the service's pipeline: GET of an incident that does not exist — the token, routing,
 * the role guard, the id's validation, one indexed SELECT, tracing and a problem+json 404. A
 * creation does all of it and more (its one statement writes 20 rows), so the floor's rate bounds
 * the creation's.
 */
function unknownIncidentReader(serviceUrl: string, headers: Record<string, string>): Post {
  const url = `${serviceUrl}/api/v1/incidents/${randomUUID()}`;
  return async (i: number) => {
    const response = await fetch(url, { headers });
    if (response.status !== 404)
      throw new Error(`floor: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return String(i);
  };
}

function result(
  latencies: number[],
  requests: number,
  seconds: number,
  answeredAt: Map<string, number>,
) {
  latencies.sort((a, b) => a - b);
  return {
    perSecond: requests / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    answeredAt,
  };
}

/** REQUESTS POSTs from CONCURRENCY closed-loop clients, after a warm-up; latency per request. */
async function closedLoad(post: Post): Promise<LoadResult> {
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
        answeredAt.set(id, performance.timeOrigin + answered);
      }
    }),
  );
  return result(latencies, REQUESTS, (performance.now() - started) / 1000, answeredAt);
}

/**
 * `rate` POSTs a second for OPEN_SECONDS, each sent when due whatever is still unanswered; its
 * latency counts from when it was due, so a request that waited behind others counts the wait.
 */
async function openLoad(post: Post, rate: number): Promise<LoadResult> {
  for (let i = 0; i < 50; i++) await post(10_000_000 + i);
  const total = Math.round(rate * OPEN_SECONDS);
  const latencies: number[] = [];
  const answeredAt = new Map<string, number>();
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      post(20_000_000 + i).then((id) => {
        const answered = performance.now();
        latencies.push(answered - due);
        answeredAt.set(id, performance.timeOrigin + answered);
      }),
    );
  }
  await Promise.all(pending);
  return result(latencies, total, (performance.now() - started) / 1000, answeredAt);
}

async function startRawServer(
  database: string,
): Promise<{ url: string; pid: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'raw-incident-server.js')], {
    env: { ...process.env, DATABASE_URL: database, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/incidents`, pid: child.pid!, stop: () => child.kill() };
}

/**
 * Another service's view of incidents, consuming as every service does (the platform's consumer:
 * batches applied a chunk per transaction, with their inbox rows): a row per `created` event.
 */
async function startView(kafka: KafkaClient, prefix: string) {
  const db = await createTestDatabase('benchview');
  const dataSource = createServiceDataSource({
    url: db.url,
    applicationName: 'bench-incident-view',
    entities: [],
    migrations: [CreateMessagingTables1764288000000],
  });
  await dataSource.initialize();
  await applyMigrations(dataSource);
  // applied_at: when the handler wrote the row, in the transaction that commits it with the inbox's.
  await dataSource.query(
    'CREATE TABLE incident_view (id uuid PRIMARY KEY, number text NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())',
  );
  const transport = new EventConsumerTransport({
    kafka,
    dataSource,
    groupPrefix: `bench-view-${prefix}`,
    topicPrefix: prefix,
  });
  transport.addHandler(
    incidentCreated.type,
    async (event: ConsumedEvent<{ id: string; number: string }>, context: EventContext) => {
      await context.manager.query('INSERT INTO incident_view (id, number) VALUES ($1, $2)', [
        event.data.id,
        event.data.number,
      ]);
    },
    true,
    { subscription: 'default' },
  );
  await new Promise<void>((resolve, reject) =>
    transport.listen((error?: unknown) => (error ? reject(error) : resolve())),
  );
  const applied = async () =>
    new Map(
      (
        (await dataSource.query('SELECT id, applied_at FROM incident_view')) as Array<{
          id: string;
          applied_at: Date;
        }>
      ).map((row) => [row.id, row.applied_at.getTime()]),
    );
  return {
    /** Answer → effect written (wall clock, ms) of each answered creation, once all are (or 2 min). */
    async delaysOf(answeredAt: Map<string, number>): Promise<number[]> {
      const deadline = Date.now() + 120_000;
      let seen = await applied();
      while ([...answeredAt.keys()].some((id) => !seen.has(id)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        seen = await applied();
      }
      return [...answeredAt]
        .filter(([id]) => seen.has(id))
        .map(([id, answered]) => seen.get(id)! - answered)
        .sort((a, b) => a - b);
    },
    async stop() {
      await transport.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

async function main(): Promise<void> {
  const { infrastructure, run, prefix, database, service } = await benchService(
    'incident',
    'incident',
  );
  const { port } = service.options;
  let view: Awaited<ReturnType<typeof startView>> | undefined;
  let raw: Awaited<ReturnType<typeof startRawServer>> | undefined;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const row = (path: string, r: LoadResult, memory?: string) =>
    log(
      `| ${path} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |${memory ? ` ${memory} |` : ' |'}`,
    );
  const delayLine = (label: string, delays: number[], of: number) =>
    log(
      `${label}: API answer → \`created\` written by another service's consumer (committed with its inbox rows) (${delays.length} of ${of} events): p50 ${percentile(delays, 50).toFixed(0)} ms, p99 ${percentile(delays, 99).toFixed(0)} ms`,
    );
  try {
    service.start();
    await service.waitUntilReady(120_000);
    const token = await tokenFor('sam');
    const api = poster(
      `${service.url}/api/v1/incidents`,
      { authorization: `Bearer ${token}` },
      'api',
    );
    raw = await startRawServer(database);
    const baseline = poster(raw.url, {}, 'raw');
    await api(30_000_000);
    const idle = residentMemoryOfListener(port);

    log(`\nMachine: ${machine()}; service idle: ${mib(idle)} resident`);
    let rate = RATE;
    let closedAnswers = new Map<string, number>();
    if (MODE !== 'open') {
      const servicePid = pidWithEnvironment('HTTP_PORT', String(port));
      const cpu = (handler: number | undefined) => ({
        handler: () => (handler === undefined ? [] : [handler]),
        postgres: () => pidsNamed('postgres'),
        kafka: () => pidsNamed('java'),
        'load and consumer (this process)': () => [process.pid],
      });
      const measured = await cpuPerUnit(
        cpu(servicePid),
        () => withPeakMemory(port, () => closedLoad(api)),
        () => REQUESTS + 50,
      );
      const closed = measured.value;
      const rawMeasured = await cpuPerUnit(
        cpu(raw.pid),
        () => closedLoad(baseline),
        () => REQUESTS + 50,
      );
      const rawClosed = rawMeasured.value;
      log(`\nClosed loop: ${REQUESTS} creations, ${CONCURRENCY} concurrent clients\n`);
      log('| Path | creations/s | p50 | p99 | service resident, peak |\n|---|---|---|---|---|');
      row(
        'POST /api/v1/incidents (auth, audit, outbox, timeline, SLA clocks)',
        closed.value,
        mib(closed.peakMiB),
      );
      row('raw Fastify handler, one INSERT (baseline)', rawClosed);
      log(
        `\nRatio API / raw: ${(closed.value.perSecond / rawClosed.perSecond).toFixed(2)}× the raw rate`,
      );
      log('\nCPU per creation, closed loop (PostgreSQL and Kafka: all their processes, shared):\n');
      log(`| Process | service path | raw baseline |\n|---|---|---|`);
      for (const name of Object.keys(measured.msPerUnit)) {
        log(
          `| ${name} | ${measured.msPerUnit[name]!.toFixed(2)} ms | ${rawMeasured.msPerUnit[name]!.toFixed(2)} ms |`,
        );
      }
      const floor = await cpuPerUnit(
        cpu(servicePid),
        () =>
          closedLoad(
            unknownIncidentReader(service.url, {
              authorization: `Bearer ${token}`,
            }),
          ),
        () => REQUESTS + 50,
      );
      log(
        `\nThe pipeline's floor, GET /api/v1/incidents/{unknown id} → 404 (token, routing, guard, id check, one indexed SELECT, tracing): ${Math.round(floor.value.perSecond)}/s = ${(floor.value.perSecond / rawClosed.perSecond).toFixed(2)}× the raw INSERT's rate, p50 ${floor.value.p50.toFixed(1)} ms, p99 ${floor.value.p99.toFixed(1)} ms; CPU per request: service ${floor.msPerUnit.handler!.toFixed(2)} ms, PostgreSQL ${floor.msPerUnit.postgres!.toFixed(2)} ms`,
      );
      rate ??= Math.max(1, Math.round(closed.value.perSecond / 2));
      closedAnswers = closed.value.answeredAt;
    }
    if (MODE !== 'closed') {
      if (rate === undefined) throw new Error('BENCH_MODE=open needs BENCH_RATE');
      // The consuming service starts here, so that it does not share the two vCPUs with the closed
      // loop (in production it runs elsewhere; the raw baseline has none): it first catches up on
      // the closed loop's events, then the open loop is timed with it running.
      view = await startView(createTestKafka(`bench-incident-${run}`), prefix);
      await view.delaysOf(closedAnswers);
      const open = await withPeakMemory(port, () => openLoad(api, rate));
      const delays = await view.delaysOf(open.value.answeredAt);
      const rawOpen = await openLoad(baseline, rate);
      log(
        `\nOpen loop: ${rate} creations/s for ${OPEN_SECONDS} s, latency from each request's due time\n`,
      );
      log('| Path | creations/s | p50 | p99 | service resident, peak |\n|---|---|---|---|---|');
      row('POST /api/v1/incidents', open.value, mib(open.peakMiB));
      row('raw Fastify handler, one INSERT (baseline)', rawOpen);
      delayLine('Open loop', delays, open.value.answeredAt.size);
    }
    log(`\nService resident after the loads: ${mib(residentMemoryOfListener(port))}`);
  } finally {
    raw?.stop();
    await view?.stop().catch(() => undefined);
    await service.stop();
    await dropDatabase(database);
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
