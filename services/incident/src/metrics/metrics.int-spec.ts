import { startTelemetry, type Telemetry } from '@itsm/observability/telemetry';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The continual-improvement figures, from incidents whose outcome the test decides. */
describe('incident figures, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let telemetry: Telemetry;
  const timerInterval = process.env.INCIDENT_TIMER_INTERVAL_MS;

  beforeAll(async () => {
    process.env.INCIDENT_TIMER_INTERVAL_MS = '200';
    // As main.ts does: the gauges register with the SDK running in the process.
    telemetry = startTelemetry({ serviceName: 'incident-test', spanProcessors: [] });
    api = await startServiceUnderTest(definition);
  });
  afterAll(async () => {
    await api.close();
    await telemetry.shutdown();
    if (timerInterval === undefined) delete process.env.INCIDENT_TIMER_INTERVAL_MS;
    else process.env.INCIDENT_TIMER_INTERVAL_MS = timerInterval;
  });

  it('counts SLA attainment per target, reopen rate and backlog, in the API and as gauges', async () => {
    const schedules = (await api.call('GET', '/api/v1/sla-schedules', { as: 'ivy' })).json();
    const allDay = schedules.items.find((s: { name: string }) => s.name === '24x7');
    const short = await api.call('POST', '/api/v1/sla-definitions', {
      as: 'ivy',
      payload: {
        name: 'P3 resolution 2s',
        target: 'resolution',
        priorities: [3],
        durationSeconds: 2,
        scheduleId: allDay.id,
      },
    });
    expect(short.statusCode).toBe(201);
    const raise = async (shortDescription: string) =>
      (
        await api.call('POST', '/api/v1/incidents', {
          as: 'sam',
          payload: { shortDescription, assignmentGroup: 'service-desk', impact: 2, urgency: 2 },
        })
      ).json();
    const [met, late] = [await raise('Met in time'), await raise('Left to breach')];
    const resolved = await api.call('POST', `/api/v1/incidents/${met.id}/transitions`, {
      as: 'sam',
      payload: { to: 'resolved', resolutionCode: 'solved_remotely', resolutionNotes: 'Done' },
      headers: { 'if-match': `W/"${met.version}"` },
    });
    expect(resolved.statusCode).toBe(200);
    await sleep(3_000);
    const lateNow = (await api.call('GET', `/api/v1/incidents/${late.id}`, { as: 'sam' })).json();
    expect(lateNow.slas.find((c: { name: string }) => c.name === 'P3 resolution 2s').stage).toBe(
      'breached',
    );

    const figures = (await api.call('GET', '/api/v1/incident-metrics', { as: 'ivy' })).json();
    // Resolution clocks: both of `met` achieved, the 2 s clock of `late` breached; the business-days
    // clock of `late` still runs and does not count. Response: `met`'s achieved by resolving it.
    expect(figures.slaAttainment).toEqual([
      { target: 'resolution', achieved: 2, breached: 1, ratio: 2 / 3 },
      { target: 'response', achieved: 1, breached: 0, ratio: 1 },
    ]);
    expect(figures).toMatchObject({ openedInWindow: 2, reopenRate: 0 });
    expect(figures.backlog).toEqual([{ priority: 3, assignmentGroup: 'service-desk', count: 1 }]);

    const exposed = (await api.call('GET', '/metrics')).body;
    expect(exposed).toMatch(
      /itsm_incident_sla_attainment_ratio\{[^}]*target="resolution"[^}]*\} 0\.666/,
    );
    expect(exposed).toMatch(
      /itsm_incident_open_backlog\{[^}]*priority="3"[^}]*group="service-desk"[^}]*\} 1/,
    );
  });
});
