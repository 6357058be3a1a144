import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';

jest.setTimeout(120_000);

/** An incident raised without an assignment group is routed where agents see it, never nowhere. */
describe('default routing, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const routing = process.env.INCIDENT_ROUTING;

  const raise = async (as: string, payload: object) => {
    const response = await api.call('POST', '/api/v1/incidents', { as, payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const listedFor = async (as: string, id: string) =>
    (
      (await api.call('GET', '/api/v1/incidents?limit=100', { as })).json().items as Array<{
        id: string;
      }>
    ).some((incident) => incident.id === id);

  beforeAll(async () => {
    process.env.INCIDENT_ROUTING = 'category:network=network,channel:integration=database';
    api = await startServiceUnderTest(definition);
  });
  afterAll(async () => {
    await api.close();
    if (routing === undefined) delete process.env.INCIDENT_ROUTING;
    else process.env.INCIDENT_ROUTING = routing;
  });

  it("sends a requester's incident to the service desk, whose agents see and work it", async () => {
    const incident = await raise('alice', { shortDescription: 'My laptop will not boot' });
    expect(incident).toMatchObject({ channel: 'self_service', assignmentGroup: 'service-desk' });
    expect(await listedFor('sam', incident.id)).toBe(true);
    const taken = await api.call('PATCH', `/api/v1/incidents/${incident.id}`, {
      as: 'sam',
      payload: { assignee: 'sam' },
      headers: { 'if-match': `W/"${incident.version}"` },
    });
    expect(taken.statusCode).toBe(200);
  });

  it('sends it by its category before its channel, as the rules say', async () => {
    const byCategory = await raise('alice', {
      shortDescription: 'Wi-Fi is down on floor 3',
      category: 'Network',
    });
    expect(byCategory.assignmentGroup).toBe('network');
    expect(await listedFor('nina', byCategory.id)).toBe(true);
    expect(await listedFor('sam', byCategory.id)).toBe(false);
    const byChannel = await raise('sam', {
      shortDescription: 'Replication alert from the DBA tool',
      channel: 'integration',
    });
    expect(byChannel.assignmentGroup).toBe('database');
  });

  it('keeps the group an agent names', async () => {
    const named = await raise('sam', {
      shortDescription: 'Switch port flapping',
      category: 'network',
      assignmentGroup: 'service-desk',
    });
    expect(named.assignmentGroup).toBe('service-desk');
  });
});
