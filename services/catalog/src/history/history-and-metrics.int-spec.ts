import { startTelemetry, type Telemetry } from '@itsm/observability/telemetry';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';

jest.setTimeout(120_000);

interface Line {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  operation: string;
  changedBy: string;
}

/** The audit history of a request, its item and task, and the catalog's figures, against real PostgreSQL. */
describe('history and figures of requests', () => {
  let api: ServiceUnderTest;
  let telemetry: Telemetry;
  let request: {
    id: string;
    items: Array<{ id: string; tasks: Array<{ id: string; version: number }> }>;
  };

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'catalog-test', spanProcessors: [] });
    api = await startServiceUnderTest(definition);
    const created = (
      await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: {
          name: 'Headset',
          shortDescription: 'A headset',
          variables: [],
          plan: [{ stage: 1, shortDescription: 'Hand it over', assignmentGroup: 'network' }],
          approval: { kind: 'manager' },
          deliveryTargetHours: 40,
        },
      })
    ).json();
    const item = (
      await api.call('POST', `/api/v1/catalog-items/${created.id}/publish`, {
        as: 'kate',
        headers: { 'if-match': `W/"${created.version}"` },
      })
    ).json();
    await api.call('PUT', '/api/v1/people/alice', {
      as: 'kate',
      payload: { managerId: 'bob', groups: [] },
    });
    const submitted = (
      await api.call('POST', '/api/v1/requests', {
        as: 'alice',
        payload: { items: [{ catalogItemId: item.id }] },
      })
    ).json();
    const [approval] = (await api.call('GET', '/api/v1/approvals?mine', { as: 'bob' })).json()
      .items;
    await api.call('POST', `/api/v1/approvals/${approval.id}/approve`, {
      as: 'bob',
      payload: { comment: 'Yes' },
    });
    request = (await api.call('GET', `/api/v1/requests/${submitted.id}`, { as: 'alice' })).json();
    const [task] = request.items[0]!.tasks;
    await api.call('POST', `/api/v1/catalog-tasks/${task!.id}/transitions`, {
      as: 'nina',
      payload: { to: 'done', version: task!.version },
    });
  });
  afterAll(async () => {
    await api.close();
    await telemetry.shutdown();
  });

  const history = async (url: string, as: string): Promise<Line[]> =>
    (await api.call('GET', url, { as })).json().items;
  const states = (lines: Line[]) =>
    lines.filter((l) => l.field === 'state').map((l) => `${l.newValue} by ${l.changedBy}`);

  it('keeps every state change of the request, its item and its task, with who made it', async () => {
    const requestLines = await history(`/api/v1/requests/${request.id}/history`, 'alice');
    expect(requestLines[0]).toMatchObject({ operation: 'create', changedBy: 'alice' });
    expect(states(requestLines)).toEqual([
      'requested by alice',
      'in_process by bob',
      'closed_complete by nina',
    ]);
    const item = request.items[0]!;
    expect(states(await history(`/api/v1/requested-items/${item.id}/history`, 'alice'))).toEqual([
      'requested by alice',
      'pending_approval by alice',
      'in_fulfilment by bob',
      'fulfilled by nina',
    ]);
    const taskLines = await history(`/api/v1/catalog-tasks/${item.tasks[0]!.id}/history`, 'nina');
    expect(states(taskLines)).toEqual(['open by bob', 'done by nina']);
    expect(taskLines).toContainEqual(
      expect.objectContaining({ field: 'closedBy', newValue: 'nina', changedBy: 'nina' }),
    );
  });

  it('hides a history from those who may not see the record', async () => {
    const item = request.items[0]!;
    for (const url of [
      `/api/v1/requests/${request.id}/history`,
      `/api/v1/requested-items/${item.id}/history`,
    ]) {
      expect((await api.call('GET', url, { as: 'bob' })).statusCode).toBe(404);
    }
    const task = `/api/v1/catalog-tasks/${item.tasks[0]!.id}/history`;
    expect((await api.call('GET', task, { as: 'dan' })).statusCode).toBe(404);
    expect((await api.call('GET', task, { as: 'alice' })).statusCode).toBe(403);
  });

  it('gives requests by item, the time to fulfil and the approval lead time', async () => {
    const figures = (await api.call('GET', '/api/v1/catalog-metrics', { as: 'kate' })).json();
    expect(figures).toMatchObject({
      requestsByItem: [{ catalogItemName: 'Headset', requestedItems: 1, quantity: 1 }],
      fulfilled: 1,
      meanTimeToFulfilSeconds: expect.any(Number),
      deliverySla: { achieved: 1, breached: 0, ratio: 1 },
      approvals: {
        approved: 1,
        rejected: 0,
        meanLeadTimeSeconds: expect.any(Number),
        waitingNow: 0,
      },
    });
    const backwards = await api.call(
      'GET',
      '/api/v1/catalog-metrics?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z',
      {
        as: 'kate',
      },
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'from', message: 'from must be before to' }]);
    const exposed = (await api.call('GET', '/metrics')).body;
    expect(exposed).toMatch(/itsm_catalog_requested_items\{[^}]*catalog_item="Headset"[^}]*\} 1/);
    expect(exposed).toMatch(/itsm_catalog_mean_time_to_fulfil_seconds(\{[^}]*\})? \d+/);
    expect(exposed).toMatch(/itsm_catalog_mean_approval_lead_time_seconds(\{[^}]*\})? \d+/);
    expect(exposed).toMatch(/itsm_catalog_approvals_waiting(\{[^}]*\})? 0/);
    expect(exposed).toMatch(/itsm_catalog_delivery_sla_attainment_ratio(\{[^}]*\})? 1/);
  });
});
