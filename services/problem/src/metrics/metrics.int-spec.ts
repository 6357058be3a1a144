import { startTelemetry, type Telemetry } from '@itsm/observability/telemetry';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
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
});
