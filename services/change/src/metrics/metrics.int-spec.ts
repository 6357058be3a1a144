import { startTelemetry, type Telemetry } from '@itsm/observability/telemetry';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { FIGURE_QUERIES } from './change-figures.service';

jest.setTimeout(120_000);

const CI = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const HOUR = 3600 * 1000;

/** The change figures on the API and on /metrics, from changes taken through their states. */
describe('change figures, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let telemetry: Telemetry;

  const move = async (change: { id: string; version: number }, payload: object, as = 'chloe') => {
    const response = await api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
      as,
      payload: { ...payload, version: change.version },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  /** An emergency change closed with `closeCode`, approved by the emergency CAB. */
  const closedEmergency = async (closeCode: string) => {
    let change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'chloe',
        payload: {
          type: 'emergency',
          shortDescription: `Hotfix, ${closeCode}`,
          justification: 'j',
          implementationPlan: 'i',
          backoutPlan: 'b',
          testPlan: 't',
          affectedCiIds: [CI],
          plannedStart: new Date(Date.now() - HOUR).toISOString(),
          plannedEnd: new Date(Date.now() + HOUR).toISOString(),
        },
      })
    ).json();
    change = await move(change, { to: 'authorize' });
    await api.call('POST', `/api/v1/changes/${change.id}/approvals`, {
      as: 'cora',
      payload: { decision: 'approved', comment: 'Go' },
    });
    change = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'chloe' })).json();
    for (const to of ['scheduled', 'implement', 'review']) change = await move(change, { to });
    return move(change, { to: 'closed', closeCode, closeNotes: 'Done' });
  };

  beforeAll(async () => {
    // As main.ts does: the gauges register with the SDK running in the process.
    telemetry = startTelemetry({ serviceName: 'change-test', spanProcessors: [] });
    api = await startServiceUnderTest(definition);
  });
  afterAll(async () => {
    await api.close();
    await telemetry.shutdown();
  });

  it('announces a closed change with its close code, CIs and window (flow 6)', async () => {
    const change = await closedEmergency('unsuccessful');
    const [closed] = (await api.dataSource.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type = 'itsm.change.change.closed.v1'`,
      [change.id],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(closed!.payload).toMatchObject({
      number: change.number,
      closeCode: 'unsuccessful',
      affectedCiIds: [CI],
      plannedStart: change.plannedStart,
      actualStart: change.actualStart,
      actualEnd: change.actualEnd,
      closedBy: 'chloe',
    });
  });

  it('gives the success rate, emergency share, lead times and approval time', async () => {
    await closedEmergency('successful');
    await closedEmergency('successful_with_issues');
    await api.call('POST', '/api/v1/changes', {
      as: 'chloe',
      payload: { type: 'normal', shortDescription: 'Still in New' },
    });
    const figures = await api.call('GET', '/api/v1/change-metrics', { as: 'carl' });
    expect(figures.statusCode).toBe(200);
    expect(figures.json()).toMatchObject({
      closed: 3,
      closedByCloseCode: { successful: 1, successful_with_issues: 1, unsuccessful: 1 },
      successRate: 2 / 3,
      raised: 4,
      emergencyShare: 0.75,
      approvalsDecided: 3,
    });
    for (const field of [
      'meanLeadTimeToImplementSeconds',
      'meanLeadTimeToCloseSeconds',
      'meanApprovalTimeSeconds',
    ]) {
      expect(figures.json()[field]).toBeGreaterThanOrEqual(0);
    }
    const exposed = (await api.call('GET', '/metrics')).body;
    expect(exposed).toMatch(/itsm_change_closed_changes\{[^}]*close_code="unsuccessful"[^}]*\} 1/);
    expect(exposed).toMatch(/itsm_change_success_ratio(\{[^}]*\})? 0\.666/);
    expect(exposed).toMatch(/itsm_change_emergency_ratio(\{[^}]*\})? 0\.75/);
    expect(exposed).toMatch(/itsm_change_mean_lead_time_seconds\{[^}]*to="closed"[^}]*\} \d+/);
    expect(exposed).toMatch(/itsm_change_mean_approval_time_seconds(\{[^}]*\})? \d+/);
  });

  it('reads each figure through an index on its window, not every change or audit line', async () => {
    const runner = api.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // Three years of changes (rolled back afterwards), each with ten lines of history and a
      // decision.
      await runner.query(
        `INSERT INTO changes (type, state, short_description, requested_by, opened_by, opened_at,
                              actual_start, closed_at, close_code)
         SELECT 'normal', 'closed', 'Estate change ' || i, 'estate', 'estate', t, t + interval '1 day',
                t + interval '2 days', 'successful'
           FROM generate_series(1, 20000) AS i,
                LATERAL (SELECT now() - (i || ' hours')::interval * 1.3 AS t) AS at`,
      );
      await runner.query(
        `INSERT INTO audit_trail (entity_type, entity_id, operation, field, new_value, actor, changed_at)
         SELECT 'change', c.id::text, 'update',
                CASE WHEN k = 0 THEN 'approval' ELSE 'field' || k END,
                CASE WHEN k = 0 THEN '"approved"'::jsonb ELSE '"x"'::jsonb END,
                'estate', c.opened_at + (k || ' minutes')::interval
           FROM changes c, generate_series(0, 10) AS k WHERE c.requested_by = 'estate'`,
      );
      await runner.query('ANALYZE changes');
      await runner.query('ANALYZE audit_trail');
      const week = [new Date(Date.now() - 7 * 24 * HOUR), new Date()];
      for (const [figure, sql] of Object.entries(FIGURE_QUERIES)) {
        const plan = (await runner.query(`EXPLAIN ${sql}`, week)) as Array<{
          'QUERY PLAN': string;
        }>;
        const text = plan.map((row) => row['QUERY PLAN']).join('\n');
        expect(`${figure}: ${text}`).not.toMatch(/Seq Scan on (changes|audit_trail)/);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('refuses a window that ends before it starts, naming `from`', async () => {
    const refused = await api.call(
      'GET',
      '/api/v1/change-metrics?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
      { as: 'chloe' },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('from');
  });
});
