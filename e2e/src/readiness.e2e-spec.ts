import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  freePort,
  localStateDir,
  type PostgresServer,
  ServiceProcess,
  waitUntil,
} from '@itsm/local-stack';
import { startDisposablePostgres, testAuthEnv, testKafkaBrokers } from '@itsm/testing';

jest.setTimeout(180_000);

async function readinessBecomes(service: ServiceProcess, status: number) {
  let answer: Awaited<ReturnType<ServiceProcess['readiness']>> | undefined;
  await waitUntil(
    `readiness ${status}`,
    async () => {
      answer = await service.readiness().catch(() => undefined);
      return answer?.status === status;
    },
    30_000,
  );
  return answer!;
}

/** A service on a PostgreSQL server of its own, which the test stops and starts again. */
describe('readiness follows the database', () => {
  const run = randomBytes(3).toString('hex');
  let postgres: PostgresServer;
  let service: ServiceProcess;

  beforeAll(async () => {
    postgres = await startDisposablePostgres();
    service = new ServiceProcess({
      name: 'incident',
      port: await freePort(),
      logFile: join(localStateDir(), 'logs', `e2e-${run}`, 'incident-readiness.log'),
      env: {
        DATABASE_URL: postgres.url('itsm_incident'),
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        ...testAuthEnv(),
        READINESS_TIMEOUT_MS: '1000',
      },
    });
    service.start();
    await service.waitUntilReady(120_000);
  });

  afterAll(async () => {
    await service?.stop();
    await postgres?.destroy();
  });

  it('reports not-ready while its database is stopped, and ready again when it returns', async () => {
    await postgres.stop();
    const down = await readinessBecomes(service, 503);
    expect(down.body).toMatchObject({
      status: 'not_ready',
      checks: { database: { status: 'down' }, kafka: { status: 'up' } },
    });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);

    await postgres.start();
    const up = await readinessBecomes(service, 200);
    expect(up.body).toMatchObject({
      status: 'ready',
      checks: { database: { status: 'up' }, migrations: { status: 'up' } },
    });
  });
});
