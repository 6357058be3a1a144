import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  freePort,
  localStateDir,
  type PostgresServer,
  ServiceProcess,
  waitUntil,
} from '@itsm/local-stack';
import { startDisposablePostgres, testAuthEnv, testKafkaBrokers, tokenFor } from '@itsm/testing';

jest.setTimeout(180_000);

/** A service on a PostgreSQL server of its own, which the test stops while requests arrive. */
describe('a database outage', () => {
  const run = randomBytes(3).toString('hex');
  let postgres: PostgresServer;
  let service: ServiceProcess;

  const raiseIncident = async () => {
    const response = await fetch(`${service.url}/api/v1/incidents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('sam')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        shortDescription: 'Printer offline',
        assignmentGroup: 'service-desk',
      }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };

  beforeAll(async () => {
    postgres = await startDisposablePostgres();
    service = new ServiceProcess({
      name: 'incident',
      port: await freePort(),
      logFile: join(localStateDir(), 'logs', `e2e-${run}`, 'incident-database-outage.log'),
      env: {
        DATABASE_URL: postgres.url('itsm_incident'),
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: `e2e${run}.`,
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

  it('answers 503 with Retry-After while the database is down, and serves again when it returns', async () => {
    expect((await raiseIncident()).status).toBe(201);

    await postgres.stop();
    const during = await raiseIncident();
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(during.body).toMatchObject({
      type: 'https://itsm.dev/problems/database-unavailable',
      status: 503,
    });
    expect((await service.readiness()).status).toBe(503);

    await postgres.start();
    await waitUntil(
      'an incident raised after the database returned',
      async () => (await raiseIncident()).status === 201,
      30_000,
    );
  });
});
