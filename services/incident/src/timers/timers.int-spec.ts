import { startServiceUnderTest, type ServiceUnderTest, type TestDatabase } from '@itsm/testing';
import { definition } from '../incident.definition';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SLA alerts and auto-close fire at the right moment, once, with several replicas running, and
 * catch up on what fell due while no replica ran.
 */
describe('the SLA timer and auto-close, against real PostgreSQL', () => {
  let first: ServiceUnderTest;
  let second: ServiceUnderTest | undefined;
  let database: TestDatabase;
  const environment = {
    INCIDENT_TIMER_INTERVAL_MS: process.env.INCIDENT_TIMER_INTERVAL_MS,
    INCIDENT_AUTO_CLOSE_AFTER_SECONDS: process.env.INCIDENT_AUTO_CLOSE_AFTER_SECONDS,
  };

  const alerts = async (incidentId: string) =>
    (
      (await first.dataSource.query(
        `SELECT event_type, payload FROM outbox
          WHERE aggregate_id = $1 AND event_type LIKE 'itsm.incident.sla.%' ORDER BY sequence`,
        [incidentId],
      )) as Array<{ event_type: string; payload: Record<string, string | number> }>
    ).map((row): Record<string, string | number | undefined> => ({
      type: row.event_type.split('.')[3],
      ...row.payload,
    }));

  /** A 24×7 definition of a few seconds for priority 3 incidents, so that tests can watch it run. */
  const shortSla = async (seconds: number) => {
    const schedules = (await first.call('GET', '/api/v1/sla-schedules', { as: 'ivy' })).json();
    const allDay = schedules.items.find((s: { name: string }) => s.name === '24x7');
    const created = await first.call('POST', '/api/v1/sla-definitions', {
      as: 'ivy',
      payload: {
        name: `P3 short resolution ${seconds}s`,
        target: 'resolution',
        priorities: [3],
        durationSeconds: seconds,
        scheduleId: allDay.id,
      },
    });
    expect(created.statusCode).toBe(201);
  };

  beforeAll(async () => {
    process.env.INCIDENT_TIMER_INTERVAL_MS = '200';
    process.env.INCIDENT_AUTO_CLOSE_AFTER_SECONDS = '2';
    first = await startServiceUnderTest(definition);
    database = first.database;
    await shortSla(4);
  });

  afterAll(async () => {
    await second?.close();
    await first.close();
    await database.drop().catch(() => undefined);
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('warns at 50 % and 75 % and announces the breach at 100 %, each once, at its moment', async () => {
    const incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Timer probe',
          assignmentGroup: 'service-desk',
          impact: 2,
          urgency: 2,
        },
      })
    ).json();
    expect(incident.priority).toBe(3);
    await sleep(5_500);
    const sent = (await alerts(incident.id)).filter(
      (a) => a.definitionName === 'P3 short resolution 4s',
    );
    expect(sent.map((a) => [a.type, a.percentElapsed ?? 100])).toEqual([
      ['warning', 50],
      ['warning', 75],
      ['breached', 100],
    ]);
    const opened = new Date(incident.openedAt).getTime();
    expect(new Date(String(sent[0]!.at)).getTime() - opened).toBe(2_000);
    expect(new Date(String(sent[1]!.at)).getTime() - opened).toBe(3_000);
    expect(new Date(String(sent[2]!.breachedAt)).getTime() - opened).toBe(4_000);
    const view = (
      await first.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })
    ).json();
    expect(
      view.slas.find((s: { name: string }) => s.name === 'P3 short resolution 4s'),
    ).toMatchObject({ stage: 'breached' });
  });

  it('does not count time on hold', async () => {
    let incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Paused probe',
          assignmentGroup: 'service-desk',
          impact: 2,
          urgency: 2,
        },
      })
    ).json();
    incident = (
      await first.call('POST', `/api/v1/incidents/${incident.id}/transitions`, {
        as: 'sam',
        payload: { to: 'on_hold', onHoldReason: 'awaiting_caller', version: incident.version },
      })
    ).json();
    await sleep(4_500);
    expect(
      (await alerts(incident.id)).filter((a) => a.definitionName === 'P3 short resolution 4s'),
    ).toEqual([]);
    const clock = incident.slas.find((s: { name: string }) => s.name === 'P3 short resolution 4s');
    expect(clock).toMatchObject({ stage: 'paused', dueAt: null });
  });

  it('sends what fell due while no replica ran, once, with two replicas running', async () => {
    const incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: {
          shortDescription: 'Downtime probe',
          assignmentGroup: 'service-desk',
          impact: 2,
          urgency: 2,
        },
      })
    ).json();
    // No replica runs until well after the breach; then two start at once.
    await first.app.close();
    await sleep(5_000);
    [first, second] = await Promise.all([
      startServiceUnderTest(definition, {}, database),
      startServiceUnderTest(definition, {}, database),
    ]);
    await sleep(1_500);
    const sent = (await alerts(incident.id)).filter(
      (a) => a.definitionName === 'P3 short resolution 4s',
    );
    expect(sent.map((a) => a.type)).toEqual(['warning', 'warning', 'breached']);
  });

  it('closes a resolved incident once the waiting time has passed', async () => {
    let incident = (
      await first.call('POST', '/api/v1/incidents', {
        as: 'sam',
        payload: { shortDescription: 'Auto-close probe', assignmentGroup: 'service-desk' },
      })
    ).json();
    incident = (
      await first.call('POST', `/api/v1/incidents/${incident.id}/transitions`, {
        as: 'sam',
        payload: {
          to: 'resolved',
          resolutionCode: 'solved_remotely',
          resolutionNotes: 'Restarted',
          version: incident.version,
        },
      })
    ).json();
    await sleep(3_500);
    const closed = (
      await first.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })
    ).json();
    expect(closed).toMatchObject({ state: 'closed' });
    const events = (await first.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%incident.closed%'`,
      [incident.id],
    )) as Array<{ payload: { automatically: boolean; closedBy: string } }>;
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ automatically: true, closedBy: 'system:auto-close' }),
    ]);
  });
});
