import { type PostgresServer, type ServiceProcess, waitUntil } from '@itsm/local-stack';
import { E2eRun, startDisposablePostgres } from '@itsm/testing';

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
  const e2e = new E2eRun('readiness');
  let postgres: PostgresServer;
  let service: ServiceProcess;

  beforeAll(async () => {
    postgres = await startDisposablePostgres();
    service = await e2e.service('incident', {
      database: postgres.url('itsm_incident'),
      env: { READINESS_TIMEOUT_MS: '1000' },
      logName: 'incident-readiness',
    });
    service.start();
    await service.waitUntilReady(120_000);
  });

  afterAll(async () => {
    await service?.stop();
    await postgres?.destroy();
    await e2e.cleanUp();
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
