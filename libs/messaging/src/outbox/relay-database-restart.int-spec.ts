import { randomBytes, randomUUID } from 'node:crypto';
import { incidentUpdated } from '@itsm/contracts';
import { applyMigrations, createServiceDataSource, ensureDatabase } from '@itsm/persistence';
import {
  createTestKafka,
  createTestTopics,
  startDisposablePostgres,
  waitUntil,
} from '@itsm/testing';
import type { DataSource } from 'typeorm';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { CreateMessagingTables1764288000000 } from './create-messaging-tables.migration';

jest.setTimeout(60_000);

/** Long, so that a relay woken by NOTIFY and one that only polls are told apart. */
const POLL_INTERVAL_MS = 3000;

/** A PostgreSQL server of the test's own, restarted under relays (replicas) of one service. */
describe('outbox relays through a PostgreSQL restart', () => {
  const kafka = createTestKafka('relay-db-restart');
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const outbox = new Outbox('incident', prefix);
  let server: Awaited<ReturnType<typeof startDisposablePostgres>>;
  let writer: DataSource;
  let deleteTopics: () => Promise<void>;
  const relays: OutboxRelay[] = [];
  const dataSources: DataSource[] = [];

  const dataSource = async (label: string) => {
    const source = createServiceDataSource({
      url: server.url('relay_restart'),
      applicationName: `relay-restart-${label}`,
      entities: [],
      migrations: [CreateMessagingTables1764288000000],
    });
    await source.initialize();
    dataSources.push(source);
    return source;
  };

  const startRelay = async (name: string, label: string) => {
    const relay = new OutboxRelay({
      dataSource: await dataSource(label),
      kafka,
      name,
      pollIntervalMs: POLL_INTERVAL_MS,
      sendTimeoutMs: 10_000,
    });
    relays.push(relay);
    await relay.start();
    return relay;
  };

  /** Writes one event as a service would and returns how long it took to be published. */
  const publishDelayMs = async (): Promise<number> => {
    const aggregateId = randomUUID();
    const id = await writer.transaction((manager) =>
      outbox.publish(manager, incidentUpdated, {
        aggregateId,
        data: {
          id: aggregateId,
          number: 'INC0000001',
          version: 1,
          changedBy: 'u-1',
          changedAt: new Date().toISOString(),
          changes: [{ field: 'assignee', oldValue: null, newValue: 'u-2' }],
        },
      }),
    );
    const written = Date.now();
    await waitUntil(
      'the event published',
      async () => {
        const [row] = await writer.query<Array<{ sent: boolean }>>(
          'SELECT published_at IS NOT NULL AS sent FROM outbox WHERE id = $1',
          [id],
        );
        return row?.sent === true;
      },
      10_000,
      5,
    );
    return Date.now() - written;
  };

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

  const restartDatabase = async () => {
    await server.stop();
    await server.start();
  };

  beforeAll(async () => {
    server = await startDisposablePostgres();
    await ensureDatabase(server.url('relay_restart'));
    writer = await dataSource('writer');
    await applyMigrations(writer);
    deleteTopics = await createTestTopics([`${prefix}${incidentUpdated.topic}`]);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  afterAll(async () => {
    for (const source of dataSources) await source.destroy().catch(() => undefined);
    await deleteTopics?.();
    await server?.destroy();
  });

  it('takes the lock again and listens anew, so NOTIFY still wakes it', async () => {
    const relay = await startRelay(`single-${prefix}`, 'single');
    await waitUntil('the relay to lead', async () => relay.isLeader, 10_000, 20);
    const before = median([await publishDelayMs(), await publishDelayMs(), await publishDelayMs()]);

    await restartDatabase();
    await waitUntil('the relay to lead again', async () => relay.isLeader, 20_000, 20);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) delays.push(await publishDelayMs());

    process.stdout.write(
      `publish delay: median ${before} ms before the restart, ${median(delays)} ms after (${delays.join(', ')})\n`,
    );
    // Polling alone would take up to POLL_INTERVAL_MS, half of it on average.
    expect(Math.max(...delays)).toBeLessThan(500);
  });

  it('never has two leaders while the database restarts under two replicas', async () => {
    const name = `pair-${prefix}`;
    const first = await startRelay(name, 'first');
    await waitUntil('the first replica to lead', async () => first.isLeader, 10_000, 20);
    const second = await startRelay(name, 'second');

    let bothLeading = 0;
    const sampler = setInterval(() => {
      if (first.isLeader && second.isLeader) bothLeading++;
    }, 5);
    try {
      await restartDatabase();
      await waitUntil(
        'a replica to lead again',
        async () => first.isLeader || second.isLeader,
        20_000,
        20,
      );
      // Long enough for the other replica to take a lock left free by a leader that did not notice.
      await new Promise((resolve) => setTimeout(resolve, 2 * POLL_INTERVAL_MS + 1000));
      expect(await publishDelayMs()).toBeLessThan(500);
    } finally {
      clearInterval(sampler);
    }
    expect(bothLeading).toBe(0);
    expect([first.isLeader, second.isLeader].filter(Boolean)).toHaveLength(1);
  });
});
