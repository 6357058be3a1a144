import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { incidentEvents } from '../incident-events/incident-events.testing';
import { definition } from '../problem.definition';

jest.setTimeout(120_000);

/**
 * Incidents linked to problems: the projection of the incident events, linking and unlinking
 * through the problem API (announced to the incident service), and through the incident's own API
 * (learned from `incident.updated`).
 */
describe('linked incidents, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let events: ReturnType<typeof incidentEvents>;

  const open = async (payload: object = {}) => {
    const response = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Checkout keeps timing out', ...payload },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; number: string; version: number };
  };
  const linked = async (problemId: string, as = 'paul') => {
    const response = await api.call('GET', `/api/v1/problems/${problemId}/incidents`, { as });
    expect(response.statusCode).toBe(200);
    return (response.json().items as Array<{ id: string; state: string }>).map(({ id, state }) => ({
      id,
      state,
    }));
  };
  const link = (problemId: string, incidentId: string, as = 'paul') =>
    api.call('POST', `/api/v1/problems/${problemId}/incidents/${incidentId}`, { as });
  const unlink = (problemId: string, incidentId: string, as = 'paul') =>
    api.call('DELETE', `/api/v1/problems/${problemId}/incidents/${incidentId}`, { as });
  const linkEvents = async (problemId: string) =>
    (
      (await api.dataSource.query(
        `SELECT event_type, payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%incident_%'
          ORDER BY sequence`,
        [problemId],
      )) as Array<{ event_type: string; payload: { incidentId: string; detected?: boolean } }>
    ).map((row) => ({
      type: row.event_type.replace(/^itsm\.problem\.problem\./, '').replace(/\.v1$/, ''),
      incidentId: row.payload.incidentId,
    }));

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    events = incidentEvents(api);
    // Detection stays out of these cases: no incident here shares a CI or a category.
  });
  afterAll(() => api.close());

  it('links an incident through the problem API, announces it once, and lists it with its state', async () => {
    const problem = await open();
    const incident = await events.created();
    const first = await link(problem.id, incident.id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: incident.id, problemId: problem.id, state: 'new' });
    expect((await link(problem.id, incident.id)).statusCode).toBe(200);
    expect(await linkEvents(problem.id)).toEqual([
      { type: 'incident_linked', incidentId: incident.id },
    ]);
    await events.stateChanged(incident.id, 2, 'new', 'in_progress');
    expect(await linked(problem.id)).toEqual([{ id: incident.id, state: 'in_progress' }]);
  });

  it('learns of a link made on the incident (incident.updated) and of its undoing', async () => {
    const problem = await open();
    const incident = await events.created();
    await events.updated(incident.id, 2, [{ field: 'problemId', newValue: problem.id }]);
    expect(await linked(problem.id)).toEqual([{ id: incident.id, state: 'new' }]);
    // An older event, delivered late, does not undo the newer one.
    await events.updated(incident.id, 1, [{ field: 'problemId', newValue: null }]);
    expect(await linked(problem.id)).toHaveLength(1);
    await events.updated(incident.id, 3, [{ field: 'problemId', newValue: null }]);
    expect(await linked(problem.id)).toEqual([]);
    // The problem service told nobody: the incident already knew.
    expect(await linkEvents(problem.id)).toEqual([]);
  });

  it('unlinks an incident and announces it; one not linked to the problem is a 404', async () => {
    const problem = await open();
    const incident = await events.created();
    await link(problem.id, incident.id);
    expect((await unlink(problem.id, incident.id)).statusCode).toBe(204);
    expect(await linked(problem.id)).toEqual([]);
    expect((await unlink(problem.id, incident.id)).statusCode).toBe(404);
    expect(await linkEvents(problem.id)).toEqual([
      { type: 'incident_linked', incidentId: incident.id },
      { type: 'incident_unlinked', incidentId: incident.id },
    ]);
  });

  it('refuses an incident the caller cannot see as if it did not exist, and does not list it', async () => {
    const problem = await open();
    // Paul (problem manager, service desk) cannot see a network incident of Bob's.
    const hidden = await events.created({
      callerId: 'bob',
      openedBy: 'bob',
      assignmentGroup: 'network',
    });
    const refused = await link(problem.id, hidden.id);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toBe(`No Incident ${hidden.id}`);
    expect((await link(problem.id, randomUUID())).json().detail).toMatch(/^No Incident /);
    expect(await linkEvents(problem.id)).toEqual([]);
    // Nina, of the network group, sees it; she links it but does not work the problem: 403.
    expect((await link(problem.id, hidden.id, 'nina')).statusCode).toBe(403);
    await events.updated(hidden.id, 2, [{ field: 'problemId', newValue: problem.id }]);
    expect(await linked(problem.id)).toEqual([]);
    expect(await linked(problem.id, 'ivy')).toEqual([{ id: hidden.id, state: 'new' }]);
  });

  it('names the path parameter that is not a UUID', async () => {
    const problem = await open({ shortDescription: 'Link to nowhere' });
    const refused = await link(problem.id, 'not-a-uuid');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'incidentId', message: 'incidentId must be a UUID' },
    ]);
  });

  it('links to open problems only: 409 names the current state', async () => {
    const problem = await open();
    const closed = await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
      as: 'paul',
      payload: { to: 'closed', resolutionCode: 'canceled', resolutionNotes: 'Not a problem' },
      headers: { 'if-match': `W/"${problem.version}"` },
    });
    expect(closed.statusCode).toBe(200);
    const incident = await events.created();
    const refused = await link(problem.id, incident.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ currentState: 'closed' });
  });

  it('pages the linked incidents in opening order', async () => {
    const problem = await open();
    const incidents = [];
    for (let i = 0; i < 3; i += 1) {
      const incident = await events.created({
        openedAt: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
      });
      await link(problem.id, incident.id);
      incidents.push(incident.id);
    }
    const first = (
      await api.call('GET', `/api/v1/problems/${problem.id}/incidents?limit=2`, { as: 'paul' })
    ).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(incidents.slice(0, 2));
    const second = (
      await api.call(
        'GET',
        `/api/v1/problems/${problem.id}/incidents?limit=2&cursor=${first.nextCursor}`,
        { as: 'paul' },
      )
    ).json();
    expect(second).toMatchObject({ items: [{ id: incidents[2] }], nextCursor: null });
  });
});
