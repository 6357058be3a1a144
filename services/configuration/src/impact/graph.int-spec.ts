import {
  accessMatrixViolations,
  routesMissingFromMatrix,
  startServiceUnderTest,
  type EndpointAccess,
  type ServiceUnderTest,
} from '@itsm/testing';
import { ROLES } from '@itsm/auth';
import { definition } from '../configuration.definition';

jest.setTimeout(120_000);

/** Relationships, impact and dependencies, history, deletion and access, on one small estate. */
describe('the CI graph, against real PostgreSQL', () => {
  let cmdb: ServiceUnderTest;
  const ids: Record<string, string> = {};

  const create = async (className: string, name: string, extra: object = {}) => {
    const response = await cmdb.call('POST', '/api/v1/cis', {
      as: 'conor',
      payload: { className, name, ...extra },
    });
    expect(response.statusCode).toBe(201);
    ids[name] = response.json().id;
    return ids[name]!;
  };
  const relate = (type: string, source: string, target: string, as = 'conor') =>
    cmdb.call('POST', '/api/v1/relationships', {
      as,
      payload: { type, sourceId: ids[source], targetId: ids[target] },
    });

  beforeAll(async () => {
    cmdb = await startServiceUnderTest(definition);
    await create('business_service', 'Online shop', { criticality: 1 });
    await create('business_service', 'Reporting', { criticality: 3 });
    await create('application', 'checkout');
    await create('application', 'reports');
    await create('database', 'orders-db', { attributes: { engine: 'postgresql' } });
    await create('linux_server', 'db-host', { serialNumber: 'SN-DBHOST' });
    await create('network_device', 'sw-a', { attributes: { deviceType: 'switch' } });
    await create('network_device', 'sw-b', { attributes: { deviceType: 'switch' } });
    for (const [type, source, target] of [
      ['depends_on', 'Online shop', 'checkout'],
      ['depends_on', 'Reporting', 'reports'],
      ['depends_on', 'checkout', 'orders-db'],
      ['depends_on', 'reports', 'orders-db'],
      ['runs_on', 'orders-db', 'db-host'],
      ['connects_to', 'db-host', 'sw-a'],
      ['connects_to', 'sw-a', 'sw-b'],
      ['connects_to', 'sw-b', 'sw-a'],
    ] as const) {
      expect((await relate(type, source, target)).statusCode).toBe(201);
    }
  });

  afterAll(() => cmdb.close());

  it('refuses a class pair no rule allows, naming what the source may relate to', async () => {
    const response = await relate('runs_on', 'Online shop', 'db-host');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'targetId' });
    const rules = await cmdb.call('POST', '/api/v1/relationship-rules', {
      as: 'conor',
      payload: { type: 'runs_on', sourceClass: 'business_service', targetClass: 'server' },
    });
    expect(rules.statusCode).toBe(201);
    expect((await relate('runs_on', 'Online shop', 'db-host')).statusCode).toBe(201);
  });

  it('refuses a duplicate edge', async () => {
    const response = await relate('depends_on', 'checkout', 'orders-db');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ relationshipId: expect.any(String) });
  });

  it("names each relationship from the CI's side", async () => {
    const response = await cmdb.call('GET', `/api/v1/cis/${ids['orders-db']}/relationships`, {
      as: 'alice',
    });
    const names = response
      .json()
      .items.map((r: { name: string; ci: { name: string } }) => `${r.name} ${r.ci.name}`);
    expect(names.sort()).toEqual(['runs_on db-host', 'used_by checkout', 'used_by reports']);
  });

  it('finds every CI and business service a failing CI impacts, once each, with depth and path', async () => {
    const response = await cmdb.call('GET', `/api/v1/cis/${ids['sw-a']}/impact`, { as: 'alice' });
    expect(response.statusCode).toBe(200);
    const impact = response.json();
    const byName = Object.fromEntries(
      impact.items.map((i: { name: string; depth: number; path: string[] }) => [i.name, i]),
    );
    expect(Object.keys(byName).sort()).toEqual(
      ['Online shop', 'Reporting', 'checkout', 'db-host', 'orders-db', 'reports', 'sw-b'].sort(),
    );
    expect(byName['db-host'].depth).toBe(1);
    expect(byName['orders-db'].depth).toBe(2);
    expect(byName['Reporting'].depth).toBe(4);
    // The first test related Online shop to db-host directly: the shorter path wins.
    expect(byName['Online shop'].depth).toBe(2);
    expect(byName['checkout'].via).toBe(ids['orders-db']);
    expect(byName['checkout'].path).toBeUndefined();
    expect(byName['Reporting'].path).toEqual([
      ids['sw-a'],
      ids['db-host'],
      ids['orders-db'],
      ids['reports'],
      ids['Reporting'],
    ]);
    expect(impact.businessServices.map((s: { name: string }) => s.name).sort()).toEqual([
      'Online shop',
      'Reporting',
    ]);
    const withPaths = (
      await cmdb.call('GET', `/api/v1/cis/${ids['sw-a']}/impact?paths=all`, { as: 'alice' })
    ).json();
    expect(withPaths.items.find((i: { name: string }) => i.name === 'checkout').path).toEqual([
      ids['sw-a'],
      ids['db-host'],
      ids['orders-db'],
      ids['checkout'],
    ]);
    const wrong = await cmdb.call('GET', `/api/v1/cis/${ids['sw-a']}/impact?paths=some`, {
      as: 'alice',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'paths', allowed: ['services', 'all'] });
    expect(impact.truncated).toBe(false);
  });

  it('answers an id written in capitals like the same id in lower case', async () => {
    const upper = ids['sw-a']!.toUpperCase();
    const impact = (await cmdb.call('GET', `/api/v1/cis/${upper}/impact`, { as: 'alice' })).json();
    expect(impact.count).toBe(7);
    const history = (
      await cmdb.call('GET', `/api/v1/cis/${upper}/history`, { as: 'alice' })
    ).json();
    expect(history.items.length).toBeGreaterThan(0);
    const relationships = (
      await cmdb.call('GET', `/api/v1/cis/${upper}/relationships`, { as: 'alice' })
    ).json();
    expect(relationships.items.map((r: { direction: string }) => r.direction).sort()).toEqual([
      'incoming',
      'incoming',
      'outgoing',
    ]);
  });

  it('stops at the depth limit and says so', async () => {
    const impact = (
      await cmdb.call('GET', `/api/v1/cis/${ids['sw-a']}/impact?maxDepth=2`, { as: 'alice' })
    ).json();
    expect(Math.max(...impact.items.map((i: { depth: number }) => i.depth))).toBe(2);
    expect(impact.truncated).toBe(true);
  });

  it('visits each CI once in a dense graph whose paths run into the tens of millions', async () => {
    // Six layers of 20 switches, each connected to every switch of the layer below: 20^6 paths.
    const classId = (
      (await cmdb.dataSource.query(
        "SELECT id FROM ci_classes WHERE name = 'network_device'",
      )) as Array<{ id: string }>
    )[0]!.id;
    await cmdb.dataSource.query(
      `INSERT INTO configuration_items (id, class_id, identity_class_id, name, operational_status, criticality, attributes, created_by)
       SELECT md5('dense:' || layer || ':' || i)::uuid, $1, $1, 'dense-' || layer || '-' || i, 'operational', 3,
              '{"deviceType":"switch"}', 'test'
         FROM generate_series(0, 6) layer, generate_series(1, 20) i
        WHERE layer > 0 OR i = 1`,
      [classId],
    );
    await cmdb.dataSource.query(
      `INSERT INTO relationships (type, source_id, target_id, created_by)
       SELECT 'connects_to', md5('dense:' || layer || ':' || i)::uuid, md5('dense:' || (layer - 1) || ':' || j)::uuid, 'test'
         FROM generate_series(1, 6) layer, generate_series(1, 20) i, generate_series(1, 20) j
        WHERE layer > 1 OR j = 1`,
    );
    const [{ id: start }] = (await cmdb.dataSource.query(
      `SELECT md5('dense:0:1')::uuid AS id`,
    )) as Array<{ id: string }>;
    const impact = (
      await cmdb.call('GET', `/api/v1/cis/${start}/impact?paths=all`, { as: 'alice' })
    ).json();
    expect(impact.count).toBe(120);
    expect(new Set(impact.items.map((i: { id: string }) => i.id)).size).toBe(120);
    expect(
      impact.items.every((i: { depth: number; path: string[] }) => i.path.length === i.depth + 1),
    ).toBe(true);
    const limited = (
      await cmdb.call('GET', `/api/v1/cis/${start}/impact?limit=30`, { as: 'alice' })
    ).json();
    expect(limited).toMatchObject({ count: 30, truncated: true });
  });

  it('walks dependencies the other way', async () => {
    const deps = (
      await cmdb.call('GET', `/api/v1/cis/${ids['checkout']}/dependencies`, { as: 'alice' })
    ).json();
    expect(deps.items.map((i: { name: string }) => i.name).sort()).toEqual([
      'db-host',
      'orders-db',
      'sw-a',
      'sw-b',
    ]);
  });

  it('records attribute and relationship changes in the history, with who made them', async () => {
    const ci = (await cmdb.call('GET', `/api/v1/cis/${ids['orders-db']}`, { as: 'alice' })).json();
    await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { attributes: { version: '16.4', port: 5432 } },
      headers: { 'if-match': `W/"${ci.version}"` },
    });
    const history = (
      await cmdb.call('GET', `/api/v1/cis/${ci.id}/history`, { as: 'alice' })
    ).json();
    const lines = history.items.map(
      (l: { field: string; newValue: unknown; changedBy: string }) => [
        l.field,
        l.newValue,
        l.changedBy,
      ],
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        ['attributes.version', '16.4', 'conor'],
        ['attributes.port', 5432, 'conor'],
        [
          'relationships',
          expect.objectContaining({ name: 'runs_on', ciId: ids['db-host'] }),
          'conor',
        ],
        [
          'relationships',
          expect.objectContaining({ name: 'used_by', ciId: ids['checkout'] }),
          'conor',
        ],
      ]),
    );
  });

  it('refuses to delete a CI with relationships unless told to delete them too', async () => {
    const refused = await cmdb.call('DELETE', `/api/v1/cis/${ids['sw-b']}`, { as: 'conor' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ relationshipCount: 2 });
    const deleted = await cmdb.call('DELETE', `/api/v1/cis/${ids['sw-b']}?relationships=delete`, {
      as: 'conor',
    });
    expect(deleted.statusCode).toBe(204);
    expect((await cmdb.call('GET', `/api/v1/cis/${ids['sw-b']}`, { as: 'alice' })).statusCode).toBe(
      404,
    );
    const events = (await cmdb.dataSource.query(
      "SELECT event_type FROM outbox WHERE event_type IN ('itsm.configuration.relationship.deleted.v1', 'itsm.configuration.ci.deleted.v1') ORDER BY sequence",
    )) as Array<{ event_type: string }>;
    expect(events.map((e) => e.event_type)).toEqual([
      'itsm.configuration.relationship.deleted.v1',
      'itsm.configuration.relationship.deleted.v1',
      'itsm.configuration.ci.deleted.v1',
    ]);
  });

  it('lets everybody read and only configuration managers write', async () => {
    const probe = ids['reports']!;
    const rel = (await cmdb.dataSource.query('SELECT id FROM relationships LIMIT 1')) as Array<{
      id: string;
    }>;
    const anyone = [...ROLES];
    const matrix: EndpointAccess[] = [
      { method: 'GET', url: '/api/v1/classes', allow: anyone },
      { method: 'GET', url: '/api/v1/classes/server', allow: anyone },
      {
        method: 'POST',
        url: '/api/v1/classes',
        payload: { name: 'x_class', label: 'X' },
        allow: ['configuration_manager'],
      },
      {
        method: 'PATCH',
        url: '/api/v1/classes/x_class',
        payload: { label: 'Y' },
        allow: ['configuration_manager'],
      },
      { method: 'GET', url: '/api/v1/cis', allow: anyone },
      {
        method: 'POST',
        url: '/api/v1/cis',
        payload: { className: 'nope', name: 'n' },
        allow: ['configuration_manager'],
      },
      { method: 'GET', url: `/api/v1/cis/${probe}`, allow: anyone },
      // Agents may change the status of their groups' CIs only (cis.int-spec); this CI has no group.
      {
        method: 'PATCH',
        url: `/api/v1/cis/${probe}`,
        payload: { version: 99 },
        allow: ['configuration_manager'],
      },
      {
        method: 'POST',
        url: `/api/v1/cis/${probe}/retire`,
        payload: { version: 99 },
        allow: ['configuration_manager'],
      },
      {
        method: 'DELETE',
        url: '/api/v1/cis/00000000-0000-4000-8000-000000000000',
        allow: ['configuration_manager'],
      },
      { method: 'GET', url: `/api/v1/cis/${probe}/history`, allow: anyone },
      { method: 'GET', url: `/api/v1/cis/${probe}/relationships`, allow: anyone },
      { method: 'GET', url: `/api/v1/cis/${probe}/impact`, allow: anyone },
      { method: 'GET', url: `/api/v1/cis/${probe}/dependencies`, allow: anyone },
      {
        method: 'POST',
        url: '/api/v1/relationships',
        payload: { type: 'x' },
        allow: ['configuration_manager'],
      },
      {
        method: 'DELETE',
        url: `/api/v1/relationships/00000000-0000-4000-8000-00000000000${rel.length}`,
        allow: ['configuration_manager'],
      },
      { method: 'GET', url: '/api/v1/relationship-rules', allow: anyone },
      {
        method: 'POST',
        url: '/api/v1/relationship-rules',
        payload: { type: 'x' },
        allow: ['configuration_manager'],
      },
      {
        method: 'POST',
        url: '/api/v1/relationship-rules/remove',
        payload: { type: 'x' },
        allow: ['configuration_manager'],
      },
      {
        method: 'POST',
        url: '/api/v1/imports',
        payload: { dataSource: 'x' },
        allow: ['configuration_manager'],
      },
      { method: 'GET', url: '/api/v1/data-sources', allow: anyone },
      {
        method: 'PUT',
        url: '/api/v1/data-sources/x',
        payload: { rank: -1 },
        allow: ['configuration_manager'],
      },
    ];
    expect(await accessMatrixViolations(cmdb.send, matrix)).toEqual([]);
    const document = (await cmdb.call('GET', '/api/v1/openapi.json')).json();
    expect(routesMissingFromMatrix(document, matrix)).toEqual([]);
  });
});
