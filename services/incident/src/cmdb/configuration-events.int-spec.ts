import { randomUUID } from 'node:crypto';
import type { ciStatusChanged, impactCalculated } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../incident.definition';
import { ConfigurationEventsController } from './configuration-events.controller';

jest.setTimeout(120_000);

/**
 * The CMDB's events as the incident service applies them (each handler in its own transaction, as
 * the consumer runs it), for the cases Kafka's ordering and redelivery produce: an event overtaken by
 * a newer one, an impact answer for a CI the incident no longer names. The e2e tests cover the
 * same handlers fed from the real topic.
 */
describe('CMDB events applied to incidents, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let handlers: ConfigurationEventsController;

  const deliver = <T>(handle: (ctx: EventContext) => Promise<T>) =>
    api.dataSource.transaction((manager) => handle({ manager, subscription: 'cmdb', attempt: 1 }));
  const statusEvent = (
    ci: { id: string; name: string },
    version: number,
    fromStatus: string,
    toStatus: string,
  ) =>
    ({
      data: {
        id: ci.id,
        name: ci.name,
        className: 'database',
        criticality: 1,
        version,
        fromStatus,
        toStatus,
        changedBy: 'monitoring',
        changedAt: new Date().toISOString(),
      },
    }) as EventOf<typeof ciStatusChanged>;
  const monitoringIncidents = async (ciId: string) =>
    (await api.call('GET', `/api/v1/incidents?ci=${ciId}`, { as: 'ivy' })).json().items as Array<{
      id: string;
      number: string;
      state: string;
      version: number;
    }>;
  const impactEvent = (recordId: string, ciIds: string[]) =>
    ({
      data: {
        recordType: 'incident',
        recordId,
        ciIds,
        impactedServices: [{ id: randomUUID(), name: 'Online shop', criticality: 1, depth: 2 }],
        impactedCiCount: 3,
        calculatedAt: new Date().toISOString(),
      },
    }) as EventOf<typeof impactCalculated>;

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    handlers = api.app.get(ConfigurationEventsController);
  });
  afterAll(() => api.close());

  it('opens nothing for a down the CI has already left', async () => {
    const ci = { id: randomUUID(), name: 'db-late-01' };
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 3, 'down', 'operational'), ctx));
    // Version 2 (down) arrives after version 3 (back up): it is history, not an outage.
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 2, 'operational', 'down'), ctx));
    expect(await monitoringIncidents(ci.id)).toEqual([]);
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 4, 'operational', 'down'), ctx));
    expect(await monitoringIncidents(ci.id)).toHaveLength(1);
  });

  it('opens the outage incident although a requester raised one naming the CI first', async () => {
    const ci = { id: randomUUID(), name: 'db-core-01' };
    const decoy = await api.call('POST', '/api/v1/incidents', {
      as: 'alice',
      payload: { shortDescription: 'Something is slow', configurationItemId: ci.id },
    });
    expect(decoy.statusCode).toBe(201);
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 1, 'operational', 'down'), ctx));
    const incidents = (await api.call('GET', `/api/v1/incidents?ci=${ci.id}`, { as: 'ivy' })).json()
      .items as Array<{ id: string; channel: string; priority: number }>;
    expect(incidents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: decoy.json().id, channel: 'self_service', priority: 4 }),
        expect.objectContaining({ channel: 'monitoring', priority: 1 }),
      ]),
    );
    const notes = (
      await api.call('GET', `/api/v1/incidents/${decoy.json().id}/notes`, { as: 'ivy' })
    ).json().items as Array<{ body: string }>;
    expect(notes).toEqual([
      expect.objectContaining({
        body: expect.stringContaining('db-core-01 went from operational to down'),
      }),
    ]);
  });

  it('answers 409 when reopening a monitoring incident would make a second open one for its CI', async () => {
    const ci = { id: randomUUID(), name: 'db-flappy-01' };
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 1, 'operational', 'down'), ctx));
    const [first] = await monitoringIncidents(ci.id);
    const resolved = await api.call('POST', `/api/v1/incidents/${first!.id}/transitions`, {
      as: 'ivy',
      payload: {
        to: 'resolved',
        resolutionCode: 'solved_remotely',
        resolutionNotes: 'Failed over',
      },
      headers: { 'if-match': `W/"${first!.version}"` },
    });
    expect(resolved.statusCode).toBe(200);
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 2, 'down', 'operational'), ctx));
    await deliver((ctx) => handlers.statusChanged(statusEvent(ci, 3, 'operational', 'down'), ctx));
    expect(await monitoringIncidents(ci.id)).toHaveLength(2);

    const reopened = await api.call('POST', `/api/v1/incidents/${first!.id}/transitions`, {
      as: 'ivy',
      payload: { to: 'in_progress', reason: 'It failed again' },
      headers: { 'if-match': `W/"${resolved.json().version}"` },
    });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json()).toMatchObject({
      errors: [{ field: 'configurationItemId' }],
    });
    const after = (await api.call('GET', `/api/v1/incidents/${first!.id}`, { as: 'ivy' })).json();
    expect(after).toMatchObject({ state: 'resolved', version: resolved.json().version });
  });

  it('records the impact computed for the CI an incident names, and ignores answers for others', async () => {
    const [ci, other] = [randomUUID(), randomUUID()];
    const raised = await api.call('POST', '/api/v1/incidents', {
      as: 'sam',
      payload: {
        shortDescription: 'Checkout slow',
        configurationItemId: ci,
        assignmentGroup: 'service-desk',
      },
    });
    const incident = raised.json();
    // An answer for the CI the incident named before it was corrected: history.
    await deliver((ctx) => handlers.impact(impactEvent(incident.id, [other]), ctx));
    const untouched = (
      await api.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'ivy' })
    ).json();
    expect(untouched).toMatchObject({ impactedServices: [], version: incident.version });

    await deliver((ctx) => handlers.impact(impactEvent(incident.id, [ci]), ctx));
    const impacted = (
      await api.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'ivy' })
    ).json();
    expect(impacted.impactedServices).toEqual([expect.objectContaining({ name: 'Online shop' })]);

    const canceled = await api.call('POST', `/api/v1/incidents/${incident.id}/transitions`, {
      as: 'sam',
      payload: { to: 'canceled', reason: 'raised twice' },
      headers: { 'if-match': `W/"${impacted.version}"` },
    });
    expect(canceled.statusCode).toBe(200);
    await deliver((ctx) => handlers.impact(impactEvent(incident.id, [ci]), ctx));
    const ended = (await api.call('GET', `/api/v1/incidents/${incident.id}`, { as: 'ivy' })).json();
    expect(ended.version).toBe(canceled.json().version);
  });
});
