import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { incidentEvents } from '../incident-events/incident-events.testing';
import { definition } from '../problem.definition';

jest.setTimeout(300_000);

/**
 * Flow 3 as the consumer applies the incident events (each handler in its own transaction, also
 * many at once, as partitions and replicas do): recurring incidents open one problem and join it.
 */
describe('proactive detection, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let events: ReturnType<typeof incidentEvents>;

  const problemsOf = async (key: string) =>
    (await api.dataSource.query(
      `SELECT id::text, number, short_description AS "shortDescription", opened_by AS "openedBy",
              configuration_item_id::text AS ci, service_id::text AS service, category,
              (SELECT count(*)::int FROM incident_projection i WHERE i.problem_id = p.id) AS linked
         FROM problems p WHERE detection_key = $1`,
      [key],
    )) as Array<{ id: string; linked: number; openedBy: string; shortDescription: string }>;
  const problemOf = async (incidentId: string) =>
    (
      (await api.dataSource.query(
        `SELECT problem_id::text AS "problemId" FROM incident_projection WHERE id = $1`,
        [incidentId],
      )) as Array<{ problemId: string | null }>
    )[0]!.problemId;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    events = incidentEvents(api);
  });
  afterAll(() => api.close());

  it('opens one problem for the third incident on a CI, links the three, and the fourth joins it', async () => {
    const ci = randomUUID();
    const first = await events.created({ configurationItemId: ci, shortDescription: 'DB slow' });
    await events.created({ configurationItemId: ci });
    expect(await problemsOf(`ci:${ci}`)).toEqual([]);
    const third = await events.created({ configurationItemId: ci });
    const [problem] = await problemsOf(`ci:${ci}`);
    expect(problem).toMatchObject({
      shortDescription: '3 recurring incidents on one CI: DB slow',
      openedBy: 'system:proactive-detection',
      ci,
      linked: 3,
    });
    expect(await problemOf(first.id)).toBe(problem!.id);
    const fourth = await events.created({ configurationItemId: ci });
    expect(await problemOf(fourth.id)).toBe(problem!.id);
    expect(await problemsOf(`ci:${ci}`)).toHaveLength(1);
    // Announced: created with its incidents, and one link per incident for the incident service.
    const announced = (await api.dataSource.query(
      `SELECT event_type, payload FROM outbox WHERE aggregate_id = $1 ORDER BY sequence`,
      [problem!.id],
    )) as Array<{
      event_type: string;
      payload: { linkedIncidentIds?: string[]; detected?: boolean };
    }>;
    expect(announced.map((e) => e.event_type)).toEqual([
      'itsm.problem.problem.created.v1',
      ...Array(4).fill('itsm.problem.problem.incident_linked.v1'),
    ]);
    expect(announced[0]!.payload.linkedIncidentIds).toHaveLength(3);
    expect(announced[0]!.payload.linkedIncidentIds).toContain(third.id);
    expect(announced.slice(1).every((e) => e.payload.detected === true)).toBe(true);
  });

  it('counts only the incidents within the window, and none canceled', async () => {
    const ci = randomUUID();
    await events.created({ configurationItemId: ci, openedAt: hoursAgo(30) });
    const canceled = await events.created({ configurationItemId: ci, openedAt: hoursAgo(2) });
    await events.stateChanged(canceled.id, 2, 'new', 'canceled');
    await events.created({ configurationItemId: ci, openedAt: hoursAgo(1) });
    await events.created({ configurationItemId: ci });
    expect(await problemsOf(`ci:${ci}`)).toEqual([]);
    await events.created({ configurationItemId: ci });
    expect(await problemsOf(`ci:${ci}`)).toMatchObject([{ linked: 3 }]);
  });

  it('groups by category on a business service once the CMDB has named the service', async () => {
    const service = randomUUID();
    const impacted = [{ id: service, name: 'Online shop', criticality: 1 }];
    for (let i = 0; i < 3; i += 1) {
      const incident = await events.created({ category: 'network' });
      await events.updated(incident.id, 2, [{ field: 'impactedServices', newValue: impacted }]);
    }
    expect(await problemsOf(`service:${service}:category:network`)).toMatchObject([
      { service, category: 'network', linked: 3 },
    ]);
  });

  it('joins an open problem somebody opened for the CI rather than opening one', async () => {
    const ci = randomUUID();
    const manual = (
      await api.call('POST', '/api/v1/problems', {
        as: 'paul',
        payload: { shortDescription: 'Storage array flaps', configurationItemId: ci },
      })
    ).json();
    const incident = await events.created({ configurationItemId: ci });
    expect(await problemOf(incident.id)).toBe(manual.id);
    expect(await problemsOf(`ci:${ci}`)).toEqual([]);
  });

  it('leaves unlinked an incident somebody unlinked from the detected problem', async () => {
    const ci = randomUUID();
    const incidents = [];
    for (let i = 0; i < 3; i += 1)
      incidents.push(await events.created({ configurationItemId: ci }));
    const [problem] = await problemsOf(`ci:${ci}`);
    // Unlinked on the incident (or on the problem, which the incident then announces the same way).
    await events.updated(incidents[0]!.id, 2, [{ field: 'problemId', newValue: null }]);
    expect(await problemOf(incidents[0]!.id)).toBeNull();
    await events.updated(incidents[0]!.id, 3, [{ field: 'assignee', newValue: 'sam' }]);
    expect(await problemOf(incidents[0]!.id)).toBeNull();
    expect(await problemsOf(`ci:${ci}`)).toMatchObject([{ id: problem!.id, linked: 2 }]);
  });

  it('leaves alone an incident linked to a problem already, or ended', async () => {
    const ci = randomUUID();
    const linked = await events.created({ configurationItemId: ci });
    await events.updated(linked.id, 2, [{ field: 'problemId', newValue: randomUUID() }]);
    await events.created({ configurationItemId: ci });
    await events.created({ configurationItemId: ci });
    expect(await problemsOf(`ci:${ci}`)).toEqual([]);
  });

  it('opens exactly one problem under a burst of 500 incidents on one CI, delivered at once and redelivered', async () => {
    const ci = randomUUID();
    const burst = await Promise.all(
      Array.from({ length: 500 }, () => events.created({ configurationItemId: ci })),
    );
    const problems = await problemsOf(`ci:${ci}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.linked).toBe(500);
    // A redelivery (the inbox would skip it; the handler changes nothing either).
    await Promise.all(burst.slice(0, 20).map((incident) => events.created(incident)));
    expect(await problemsOf(`ci:${ci}`)).toMatchObject([{ linked: 500 }]);
  });

  it('reads and replaces its settings (problem managers, versioned), and applies them next', async () => {
    const read = await api.call('GET', '/api/v1/problem-detection', { as: 'paul' });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ threshold: 3, windowMinutes: 1440, version: 1 });
    expect(read.headers.etag).toBe('W/"1"');
    const put = (payload: object, headers: Record<string, string> = {}, as = 'paul') =>
      api.call('PUT', '/api/v1/problem-detection', { as, payload, headers });
    const settings = { threshold: 2, windowMinutes: 60, groupingKeys: ['configuration_item'] };
    expect((await put(settings)).statusCode).toBe(428);
    expect((await put(settings, { 'if-match': 'W/"7"' })).statusCode).toBe(409);
    expect((await put(settings, { 'if-match': 'W/"1"' }, 'sam')).statusCode).toBe(403);
    const invalid = await put(
      { threshold: 1, windowMinutes: 0, groupingKeys: ['colour'] },
      { 'if-match': 'W/"1"' },
    );
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['groupingKeys', 'threshold', 'windowMinutes']);
    const replaced = await put(settings, { 'if-match': 'W/"1"' });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ ...settings, version: 2, updatedBy: 'paul' });

    const ci = randomUUID();
    await events.created({ configurationItemId: ci });
    await events.created({ configurationItemId: ci });
    expect(await problemsOf(`ci:${ci}`)).toMatchObject([{ linked: 2 }]);
    // Back to the defaults, for nobody's surprise.
    await put(
      {
        threshold: 3,
        windowMinutes: 1440,
        groupingKeys: ['configuration_item', 'service_category'],
      },
      { 'if-match': 'W/"2"' },
    );
  });
});
