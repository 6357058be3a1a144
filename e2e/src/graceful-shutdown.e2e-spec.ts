import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic, incidentCreated, practiceTopic, type Practice } from '@itsm/contracts';
import { databaseUrlFor, localStateDir, ServiceProcess } from '@itsm/local-stack';
import { KafkaAdmin } from '@itsm/messaging';
import { dropDatabase } from '@itsm/persistence';
import { Client } from 'pg';
import {
  createTestKafka,
  freePort,
  testAuthEnv,
  testKafkaBrokers,
  testPostgresUrl,
  tokenFor,
  waitUntil,
} from '@itsm/testing';

jest.setTimeout(180_000);

interface Answer {
  sentAt: number;
  answeredAt: number;
  status: number;
}

/** Raises incidents four at a time until stopped, noting when each was sent and answered. */
class Load {
  readonly answers: Answer[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(url: string, token: string) {
    this.workers = [1, 2, 3, 4].map(async () => {
      while (this.running) {
        const sentAt = Date.now();
        const status = await fetch(`${url}/api/v1/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            shortDescription: 'Printer jam',
            assignmentGroup: 'service-desk',
          }),
          signal: AbortSignal.timeout(10_000),
        }).then(
          (response) => response.status,
          () => 0, // refused or reset
        );
        this.answers.push({ sentAt, answeredAt: Date.now(), status });
        if (status === 0) await sleep(50);
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}

const DELAY_MS = 1500;

/**
 * SIGTERM to a service under requests: readiness fails while it still serves for
 * `SHUTDOWN_DELAY_MS`, every request sent before the signal is answered, the relay publishes every
 * event those requests wrote, the consumers leave their groups (a new process joins them at once,
 * not after the broker's session timeout), and the process exits 0.
 */
describe('a service stopped with SIGTERM under load', () => {
  const run = randomBytes(3).toString('hex');
  const prefix = `e2e${run}.`;
  const database = databaseUrlFor(testPostgresUrl(), `e2e_shutdown_${run}`);
  let service: ServiceProcess;

  beforeAll(async () => {
    service = new ServiceProcess({
      name: 'incident',
      port: await freePort(),
      logFile: join(localStateDir(), 'logs', `e2e-${run}`, 'incident-shutdown.log'),
      env: {
        DATABASE_URL: database,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        SHUTDOWN_DELAY_MS: String(DELAY_MS),
        ...testAuthEnv(),
      },
    });
    service.start();
    await service.waitUntilReady(120_000);
    await waitUntil(
      'the event consumers in their groups',
      async () => joined(service) === 1,
      60_000,
    );
  });

  afterAll(async () => {
    await service?.stop();
    await dropDatabase(database);
    const admin = new KafkaAdmin(createTestKafka(`e2e-shutdown-cleanup-${run}`));
    try {
      for (const practice of ['configuration', 'incident', 'change'] satisfies Practice[]) {
        const topic = prefix + practiceTopic(practice);
        await admin.deleteTopics([topic, deadLetterTopic(topic)]).catch(() => undefined);
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('fails readiness first, finishes what is in flight, publishes every event and exits 0', async () => {
    const load = new Load(service.url, await tokenFor('sam'));
    await waitUntil('load', async () => load.answers.some((a) => a.status === 201), 10_000);
    await sleep(1000);

    const signalledAt = Date.now();
    const stopped = service.stop(30_000);
    const readinessDuringDelay = await waitUntilReadinessFails(service);
    const exit = await service.whenExited();
    await stopped;
    const exitedAt = Date.now();
    await load.stop();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(readinessDuringDelay).toEqual({
      status: 503,
      body: {
        status: 'not_ready',
        checks: { shutdown: { status: 'down', detail: 'the service is shutting down' } },
      },
    });
    const before = load.answers.filter((a) => a.sentAt < signalledAt);
    expect(before.filter((a) => a.status !== 201)).toEqual([]);
    // Readiness failed while requests were still served: load balancers had time to notice.
    const servedAfter = load.answers.filter((a) => a.sentAt > signalledAt && a.status === 201);
    expect(servedAfter.length).toBeGreaterThan(0);
    expect(exitedAt - signalledAt).toBeGreaterThanOrEqual(DELAY_MS);
    // Leaving the groups waits for the fetch in flight, and telemetry for its exporters: it took
    // 18 s with kafkajs' 5 s fetch wait and the SDK's default log exporter.
    expect(exitedAt - signalledAt).toBeLessThan(DELAY_MS + 5000);
    expect(service.tail(200)).toMatch(/shut down in \d+ ms/);

    const rows = await query<{ unpublished: string; incidents: string; created: string }>(
      database,
      `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS unpublished,
              (SELECT count(*) FROM incidents) AS incidents,
              (SELECT count(*) FROM outbox WHERE event_type = $1) AS created`,
      [incidentCreated.type],
    );
    expect(rows).toEqual([
      { unpublished: '0', incidents: rows[0]!.created, created: rows[0]!.created },
    ]);
    expect(Number(rows[0]!.incidents)).toBe(load.answers.filter((a) => a.status === 201).length);

    // The old process left its groups: the new one joins without waiting for a session to expire.
    const restartedAt = Date.now();
    service.start();
    await service.waitUntilReady(60_000);
    await waitUntil(
      'the event consumers back in their groups',
      async () => joined(service) === 2,
      60_000,
    );
    const rejoinMs = Date.now() - restartedAt;
    process.stdout.write(
      `graceful shutdown: ${before.length} requests in flight or answered before SIGTERM, all 201; ${servedAfter.length} served during the ${DELAY_MS} ms delay; exit 0 after ${exitedAt - signalledAt} ms; a new process rejoined the groups in ${rejoinMs} ms\n`,
    );
    expect(rejoinMs).toBeLessThan(20_000);
  });
});

const joined = (service: ServiceProcess) =>
  service
    .tail(100_000)
    .split('\n')
    .filter((line) => line.includes('the event consumers joined their groups')).length;

async function waitUntilReadinessFails(
  service: ServiceProcess,
): Promise<{ status: number; body: unknown }> {
  for (let tries = 0; tries < 100; tries++) {
    const answer = await service.readiness().catch(() => undefined);
    if (answer && answer.status !== 200) return answer;
    await sleep(20);
  }
  throw new Error('readiness never failed after SIGTERM');
}

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}
