import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../../incident.definition';

jest.setTimeout(120_000);

/**
 * What a creation writes, all of it in the incident's transaction: the record, its history from
 * null, the first timeline point, the clocks and the `created` event; and the settings it reads
 * (matrix, SLA definitions) as they are when it commits, also when another replica changed them.
 */
describe('opening an incident, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let replica: ServiceUnderTest;

  const raise = async (payload: object, as = 'sam', on = api) => {
    const response = await on.call('POST', '/api/v1/incidents', { as, payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    replica = await startServiceUnderTest(definition, {}, api.database);
  });
  afterAll(async () => {
    await replica.close();
    await api.close();
  });

  it('writes the incident, every given field in its history, its timeline point, clocks and event', async () => {
    const incident = await raise({
      shortDescription: 'VPN drops every hour',
      description: 'Since the update',
      category: 'network',
      impact: 2,
      urgency: 1,
      callerId: 'alice',
      tags: ['vpn'],
    });
    const history = (
      await api.call('GET', `/api/v1/incidents/${incident.id}/history?limit=200`, { as: 'sam' })
    ).json();
    expect(
      history.items.map((l: { field: string; operation: string; newValue: unknown }) => [
        l.operation,
        l.field,
        l.newValue,
      ]),
    ).toEqual(
      [
        ['create', 'acknowledgedAt', null],
        ['create', 'assignmentGroup', 'service-desk'],
        ['create', 'assignee', null],
        ['create', 'callerId', 'alice'],
        ['create', 'category', 'network'],
        ['create', 'channel', 'service_desk'],
        ['create', 'configurationItemId', null],
        ['create', 'description', 'Since the update'],
        ['create', 'id', incident.id],
        ['create', 'impact', 2],
        ['create', 'impactedServices', []],
        ['create', 'major', false],
        ['create', 'openedAt', incident.openedAt],
        ['create', 'openedBy', 'sam'],
        ['create', 'parentId', null],
        ['create', 'priority', 2],
        ['create', 'prioritySetBy', null],
        ['create', 'reopenCount', 0],
        ['create', 'shortDescription', 'VPN drops every hour'],
        ['create', 'state', 'new'],
        ['create', 'tags', ['vpn']],
        ['create', 'urgency', 1],
      ].filter(([, , value]) => value !== null),
    );
    expect(new Set(history.items.map((l: { changedBy: string }) => l.changedBy))).toEqual(
      new Set(['sam']),
    );
    const timeline = (await api.dataSource.query(
      'SELECT state, priority, acknowledged, at FROM incident_timeline WHERE incident_id = $1',
      [incident.id],
    )) as Array<{ at: Date }>;
    expect(timeline).toEqual([
      { state: 'new', priority: 2, acknowledged: false, at: new Date(incident.openedAt) },
    ]);
    const events = (await api.dataSource.query(
      `SELECT event_type, aggregate_id, payload FROM outbox WHERE aggregate_id = $1`,
      [incident.id],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(events).toEqual([
      {
        event_type: 'itsm.incident.incident.created.v1',
        aggregate_id: incident.id,
        payload: {
          id: incident.id,
          number: incident.number,
          shortDescription: 'VPN drops every hour',
          description: 'Since the update',
          state: 'new',
          impact: 2,
          urgency: 1,
          priority: 2,
          category: 'network',
          callerId: 'alice',
          openedBy: 'sam',
          openedAt: incident.openedAt,
          assignmentGroup: 'service-desk',
          major: false,
          channel: 'service_desk',
          tags: ['vpn'],
        },
      },
    ]);
    // The answer shows the clocks as stored, as a read of the incident does.
    const read = (await api.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'sam' })).json();
    expect(incident.slas).toEqual(
      read.slas.map((clock: object) => ({ ...clock, elapsedSeconds: expect.any(Number) })),
    );
    expect(incident.slas).toHaveLength(2);
    expect({ ...incident, slas: [] }).toEqual({ ...read, slas: [] });
  });

  it('uses the priority matrix another replica has just replaced', async () => {
    expect((await raise({ shortDescription: 'Before', impact: 1, urgency: 1 })).priority).toBe(1);
    const current = (await replica.call('GET', '/api/v1/priority-matrix', { as: 'ivy' })).json();
    const replaced = await replica.call('PUT', '/api/v1/priority-matrix', {
      as: 'ivy',
      payload: { matrix: current.matrix.map((row: number[]) => row.map(() => 4)) },
      headers: { 'if-match': `W/"${current.version}"` },
    });
    expect(replaced.statusCode).toBe(200);
    const after = await raise({ shortDescription: 'After', impact: 1, urgency: 1 });
    expect(after.priority).toBe(4);
    await replica.call('PUT', '/api/v1/priority-matrix', {
      as: 'ivy',
      payload: { matrix: current.matrix },
      headers: { 'if-match': `W/"${current.version + 1}"` },
    });
    expect((await raise({ shortDescription: 'Back', impact: 1, urgency: 1 })).priority).toBe(1);
  });

  it('starts the clocks of the SLA definitions in force when it commits, changed on another replica', async () => {
    const names = (incident: { slas: Array<{ name: string }> }) => incident.slas.map((s) => s.name);
    const before = await raise({ shortDescription: 'Clocks before', impact: 2, urgency: 1 });
    expect(names(before)).toContain('Priority 2 response (1 hour)');
    // An operator retires a definition in the database itself (without bumping its version).
    await replica.dataSource.query(
      `UPDATE sla_definitions SET active = false WHERE name = 'Priority 2 response (1 hour)'`,
    );
    const after = await raise({ shortDescription: 'Clocks after', impact: 2, urgency: 1 });
    expect(names(after)).toEqual(names(before).filter((n) => n !== 'Priority 2 response (1 hour)'));
    await replica.dataSource.query(
      `UPDATE sla_definitions SET active = true WHERE name = 'Priority 2 response (1 hour)'`,
    );
    expect(names(await raise({ shortDescription: 'Clocks back', impact: 2, urgency: 1 }))).toEqual(
      names(before),
    );
  });
});
