import { startTelemetry, type Telemetry } from '@itsm/observability/telemetry';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { incidentEvents } from '../incident-events/incident-events.testing';
import { definition } from '../problem.definition';

jest.setTimeout(120_000);

describe('problem figures on /metrics, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let telemetry: Telemetry;

  beforeAll(async () => {
    // As main.ts does: the gauges register with the SDK running in the process.
    telemetry = startTelemetry({ serviceName: 'problem-test', spanProcessors: [] });
    api = await startServiceUnderTest(definition);
  });
  afterAll(async () => {
    await api.close();
    await telemetry.shutdown();
  });

  it('counts problems by service, state and known error, and the mean time to known error', async () => {
    const service = '33333333-0000-4000-8000-00000000beef';
    let problem = (
      await api.call('POST', '/api/v1/problems', {
        as: 'paul',
        payload: { shortDescription: 'Queue backs up', serviceId: service, cause: 'Slow consumer' },
      })
    ).json();
    for (const to of ['assess', 'root_cause_analysis']) {
      problem = (
        await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
          as: 'paul',
          payload: { to, version: problem.version },
        })
      ).json();
    }
    await api.call('POST', `/api/v1/problems/${problem.id}/known-error`, {
      as: 'paul',
      payload: { workaround: 'Add a consumer', version: problem.version },
    });
    await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Unrelated' },
    });
    const exposed = (await api.call('GET', '/metrics')).body;
    expect(exposed).toMatch(
      new RegExp(
        `itsm_problem_problems\\{[^}]*service="${service}"[^}]*state="root_cause_analysis"[^}]*known_error="true"[^}]*\\} 1`,
      ),
    );
    expect(exposed).toMatch(/itsm_problem_problems\{[^}]*service="none"[^}]*state="new"[^}]*\} 1/);
    expect(exposed).toMatch(/itsm_problem_mean_time_to_known_error_seconds(\{[^}]*\})? \d+/);
  });

  it('gives the incidents per problem and the share of incidents linked to a known error', async () => {
    const events = incidentEvents(api);
    const known = (await api.call('GET', '/api/v1/problems?knownError=true', { as: 'paul' })).json()
      .items[0];
    const other = (
      await api.call('POST', '/api/v1/problems', {
        as: 'paul',
        payload: { shortDescription: 'Other' },
      })
    ).json();
    // Three incidents on the known error, one on the other problem, none on the fifth: 2 per
    // problem, 3 of 5 on a known error.
    for (const problemId of [known.id, known.id, known.id, other.id, null]) {
      const incident = await events.created();
      if (problemId)
        await events.updated(incident.id, 2, [{ field: 'problemId', newValue: problemId }]);
    }
    const exposed = (await api.call('GET', '/metrics')).body;
    expect(exposed).toMatch(/itsm_problem_incidents_per_problem(\{[^}]*\})? 2\n/);
    expect(exposed).toMatch(
      /itsm_problem_incidents_linked_to_known_error_ratio(\{[^}]*\})? 0\.6\n/,
    );
  });
});
