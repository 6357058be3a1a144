import { type PostgresServer, type ServiceProcess, waitUntil } from '@itsm/local-stack';
import { E2eRun, startDisposablePostgres, tokenFor } from '@itsm/testing';

jest.setTimeout(180_000);

/** A service on a PostgreSQL server of its own, which the test stops while requests arrive. */
describe('a database outage', () => {
  const e2e = new E2eRun('outage');
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
    service = await e2e.service('incident', {
      database: postgres.url('itsm_incident'),
      env: { READINESS_TIMEOUT_MS: '1000' },
      logName: 'incident-database-outage',
    });
    service.start();
    await service.waitUntilReady(120_000);
  });

  afterAll(async () => {
    await service?.stop();
    await postgres?.destroy();
    await e2e.cleanUp();
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
