import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../configuration.definition';
import { takeImportTurn } from './identity-locks';

jest.setTimeout(60_000);

describe('CIs, against real PostgreSQL', () => {
  let cmdb: ServiceUnderTest;

  beforeAll(async () => {
    cmdb = await startServiceUnderTest(definition);
  });

  afterAll(() => cmdb.close());

  const create = (payload: object, as = 'conor') =>
    cmdb.call('POST', '/api/v1/cis', { as, payload });
  const outboxTypes = async (aggregateId: string) =>
    (
      (await cmdb.dataSource.query(
        'SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY sequence',
        [aggregateId],
      )) as Array<{ event_type: string }>
    ).map((row) => row.event_type);

  it('serves the seeded classes, a subclass inheriting its parent attributes and rules', async () => {
    const response = await cmdb.call('GET', '/api/v1/classes/linux_server', { as: 'alice' });
    expect(response.statusCode).toBe(200);
    const linux = response.json();
    expect(linux.parent).toBe('server');
    expect(linux.attributes.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['cpuCount', 'memoryGb', 'ipAddress', 'os', 'distribution']),
    );
    expect(linux.identificationRules).toEqual([['serialNumber'], ['fqdn'], ['hostName']]);
    const all = (await cmdb.call('GET', '/api/v1/classes', { as: 'alice' })).json();
    expect(all.items.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        'business_service',
        'application',
        'database',
        'server',
        'linux_server',
        'windows_server',
        'virtual_machine',
        'network_device',
        'load_balancer',
        'storage',
        'cloud_service',
      ]),
    );
  });

  it('names every invalid attribute and changes nothing', async () => {
    const response = await create({
      className: 'database',
      name: 'db-bad',
      attributes: { port: 70000, colour: 'blue', version: 16 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const errors = response.json().errors as Array<{ field: string; allowed?: unknown[] }>;
    expect(errors.map((e) => e.field).sort()).toEqual([
      'attributes.colour',
      'attributes.engine',
      'attributes.port',
      'attributes.version',
    ]);
    expect(errors.find((e) => e.field === 'attributes.colour')?.allowed).toEqual([
      'engine',
      'version',
      'port',
    ]);
    const listed = (await cmdb.call('GET', '/api/v1/cis?q=db-bad', { as: 'alice' })).json();
    expect(listed.items).toEqual([]);
  });

  it('refuses a CI name of white space alone, on creation and on a change, naming it', async () => {
    const refused = await create({ className: 'application', name: '   ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    const ci = (await create({ className: 'application', name: 'blank-probe' })).json();
    const patch = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { name: '\t', version: ci.version },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors.map((e: { field: string }) => e.field)).toEqual(['name']);
  });

  it('refuses a NUL character in text, naming the field, before PostgreSQL sees it', async () => {
    const refused = await create({
      className: 'database',
      name: 'db\u0000-nul',
      fqdn: 'db.example\u0000',
      attributes: { engine: 'postgresql', version: '16\u0000' },
    });
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().errors.map((e: { field: string }) => e.field);
    expect(fields.sort()).toEqual(['attributes.version', 'fqdn', 'name']);
    const ci = (await create({ className: 'application', name: 'nul-app' })).json();
    const patch = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { environment: 'prod\u0000', version: 1 },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors.map((e: { field: string }) => e.field)).toEqual(['environment']);
  });

  it('reads attributes: null as no attributes, on create and update (it answered 500)', async () => {
    const created = await create({
      className: 'linux_server',
      name: 'web-null-attrs',
      attributes: null,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().attributes).toEqual({});
    const updated = await cmdb.call('PATCH', `/api/v1/cis/${created.json().id}`, {
      as: 'conor',
      payload: { attributes: null, version: created.json().version },
    });
    expect(updated.statusCode).toBe(200);
  });

  it("answers a long path id with a problem naming it, not the web server's 414", async () => {
    const response = await cmdb.call('GET', `/api/v1/cis/${'x'.repeat(300)}/relationships`, {
      as: 'conor',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('refuses null for what a class cannot be without (a label, a bound), naming it (null answered 500)', async () => {
    const refused = await cmdb.call('PATCH', '/api/v1/classes/application', {
      as: 'conor',
      payload: { label: null },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain('label');
    const bound = await cmdb.call('PATCH', '/api/v1/classes/application', {
      as: 'conor',
      payload: { addAttributes: [{ name: 'seats', type: 'number', min: null }] },
    });
    expect(bound.statusCode).toBe(400);
    expect(bound.json().errors).toEqual([
      expect.objectContaining({ field: 'addAttributes.0.min' }),
    ]);
  });

  it('names an unknown class with the classes that exist', async () => {
    const response = await create({ className: 'mainframe', name: 'big-iron' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      field: 'className',
      allowed: expect.arrayContaining(['server']),
    });
  });

  it('creates, reads and updates a CI with ETags, refusing stale and unversioned writes', async () => {
    const created = await create({
      className: 'linux_server',
      name: 'web-01',
      serialNumber: 'SN-WEB-01',
      ownerGroup: 'network',
      criticality: 2,
      attributes: { cpuCount: 8, distribution: 'debian' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('W/"1"');
    const ci = created.json();
    expect(ci).toMatchObject({
      className: 'linux_server',
      operationalStatus: 'operational',
      version: 1,
    });

    const unversioned = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { criticality: 1 },
    });
    expect(unversioned.statusCode).toBe(428);

    const updated = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { criticality: 1, attributes: { cpuCount: 16, distribution: null } },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      criticality: 1,
      attributes: { cpuCount: 16 },
      version: 2,
    });
    expect(updated.json().attributes).not.toHaveProperty('distribution');

    const stale = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { criticality: 3, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2 });
    expect(
      (await cmdb.call('GET', `/api/v1/cis/${ci.id}`, { as: 'alice' })).json().criticality,
    ).toBe(1);
    expect(await outboxTypes(ci.id)).toEqual([
      'itsm.configuration.ci.created.v1',
      'itsm.configuration.ci.updated.v1',
    ]);
  });

  it('refuses null for a field that cannot be empty, and matches text attributes that look like numbers', async () => {
    const ci = (
      await create({ className: 'application', name: 'erp', attributes: { version: '16.4' } })
    ).json();
    const nulls = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { name: null, criticality: null, operationalStatus: null, version: 1 },
    });
    expect(nulls.statusCode).toBe(400);
    const fields = nulls.json().errors.map((e: { field: string }) => e.field);
    expect([...new Set(fields)].sort()).toEqual(['criticality', 'name', 'operationalStatus']);
    const found = (
      await cmdb.call('GET', '/api/v1/cis?className=application&attribute=version:16.4', {
        as: 'alice',
      })
    ).json();
    expect(found.items.map((c: { name: string }) => c.name)).toEqual(['erp']);
    const updated = await cmdb.call('PATCH', `/api/v1/cis/${ci.id.toUpperCase()}`, {
      as: 'conor',
      payload: { attributes: { version: '17.0' }, version: 1 },
    });
    expect(updated.statusCode).toBe(200);
    const [event] = (await cmdb.dataSource.query(
      "SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%ci.updated%'",
      [ci.id],
    )) as Array<{ payload: { changes: unknown[] } }>;
    expect(event!.payload.changes).toEqual([
      { field: 'attributes.version', oldValue: '16.4', newValue: '17.0' },
    ]);
  });

  it('lets an agent of the owner group change the status only, and announces it', async () => {
    const ci = (
      await create({
        className: 'network_device',
        name: 'core-sw-1',
        ownerGroup: 'network',
        attributes: { deviceType: 'switch' },
      })
    ).json();
    const notTheirs = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'dan',
      payload: { operationalStatus: 'down', version: 1 },
    });
    expect(notTheirs.statusCode).toBe(403);
    const otherField = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'nina',
      payload: { name: 'renamed', version: 1 },
    });
    expect(otherField.statusCode).toBe(403);
    const down = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'nina',
      payload: { operationalStatus: 'down', version: 1 },
    });
    expect(down.statusCode).toBe(200);
    // Reported status belongs to monitoring, which a later monitoring import may change again.
    expect(down.json().fieldSources).toMatchObject({ operationalStatus: 'monitoring' });
    expect(await outboxTypes(ci.id)).toEqual([
      'itsm.configuration.ci.created.v1',
      'itsm.configuration.ci.status_changed.v1',
    ]);
    const [event] = (await cmdb.dataSource.query(
      "SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type LIKE '%status_changed%'",
      [ci.id],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(event!.payload).toMatchObject({
      fromStatus: 'operational',
      toStatus: 'down',
      changedBy: 'nina',
    });
  });

  it('keeps identifiers unique within the class root, across subclasses', async () => {
    expect(
      (await create({ className: 'windows_server', name: 'win-01', serialNumber: 'SN-DUP' }))
        .statusCode,
    ).toBe(201);
    const duplicate = await create({
      className: 'linux_server',
      name: 'lin-99',
      serialNumber: 'SN-DUP',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().errors[0]).toMatchObject({
      field: 'serialNumber',
      message: expect.stringMatching(/already identifies server CI/),
    });
  });

  it('waits for an import writing the same identifier, then refuses the duplicate (it made two CIs)', async () => {
    const template = (
      await create({ className: 'linux_server', name: 'lin-template', serialNumber: 'SN-TEMPLATE' })
    ).json();
    // A transaction that holds the import's lock and creates the CI, as a running import batch does.
    const importing = cmdb.dataSource.createQueryRunner();
    await importing.connect();
    await importing.startTransaction();
    try {
      await takeImportTurn(importing.manager);
      const byApi = create({ className: 'linux_server', name: 'lin-api', serialNumber: 'SN-RACE' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await importing.query(
        `CREATE TEMP TABLE imported ON COMMIT DROP AS
           SELECT * FROM configuration_items WHERE id = $1`,
        [template.id],
      );
      await importing.query(
        `UPDATE imported SET id = gen_random_uuid(), name = 'lin-imported', serial_number = 'SN-RACE'`,
      );
      await importing.query(`INSERT INTO configuration_items SELECT * FROM imported`);
      await importing.commitTransaction();
      const answer = await byApi;
      expect(answer.statusCode).toBe(400);
      expect(answer.json().errors[0]).toMatchObject({ field: 'serialNumber' });
    } finally {
      if (importing.isTransactionActive) await importing.rollbackTransaction();
      await importing.release();
    }
    const [{ n }] = await cmdb.dataSource.query(
      `SELECT count(*)::int AS n FROM configuration_items WHERE serial_number = 'SN-RACE'`,
    );
    expect(n).toBe(1);
  });

  it('lets an import batch update a CI whose serial number is being changed through the API (they deadlocked)', async () => {
    const ci = (
      await create({ className: 'linux_server', name: 'lin-busy', serialNumber: 'SN-BUSY-1' })
    ).json();
    const importing = cmdb.dataSource.createQueryRunner();
    await importing.connect();
    await importing.startTransaction();
    try {
      await takeImportTurn(importing.manager);
      const byApi = cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
        as: 'conor',
        payload: { serialNumber: 'SN-BUSY-2', version: ci.version },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The batch updates the same CI, as an import does, while the API write waits.
      await importing.query(
        `UPDATE configuration_items SET fqdn = 'lin-busy.example.com' WHERE id = $1`,
        [ci.id],
      );
      await importing.commitTransaction();
      expect((await byApi).statusCode).toBe(200);
    } finally {
      if (importing.isTransactionActive) await importing.rollbackTransaction();
      await importing.release();
    }
    const [row] = await cmdb.dataSource.query(
      `SELECT serial_number, fqdn FROM configuration_items WHERE id = $1`,
      [ci.id],
    );
    expect(row).toEqual({ serial_number: 'SN-BUSY-2', fqdn: 'lin-busy.example.com' });
  });

  it('filters by class with its subclasses, attributes, text and pages with a cursor', async () => {
    for (const n of [1, 2, 3]) {
      await create({
        className: 'database',
        name: `pg-${n}`,
        environment: 'production',
        attributes: { engine: 'postgresql', port: 5432 },
      });
    }
    await create({ className: 'database', name: 'my-1', attributes: { engine: 'mysql' } });
    const servers = (
      await cmdb.call('GET', '/api/v1/cis?className=server', { as: 'alice' })
    ).json();
    expect(servers.items.map((c: { className: string }) => c.className)).toEqual(
      expect.arrayContaining(['linux_server', 'windows_server']),
    );
    const postgres = await cmdb.call(
      'GET',
      '/api/v1/cis?className=database&attribute=engine:postgresql&attribute=port:5432&limit=2',
      { as: 'alice' },
    );
    const first = postgres.json();
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(['pg-1', 'pg-2']);
    const second = (
      await cmdb.call(
        'GET',
        `/api/v1/cis?className=database&attribute=engine:postgresql&attribute=port:5432&limit=2&cursor=${first.nextCursor}`,
        { as: 'alice' },
      )
    ).json();
    expect(second.items.map((c: { name: string }) => c.name)).toEqual(['pg-3']);
    expect(second.nextCursor).toBeNull();
    const text = (
      await cmdb.call('GET', '/api/v1/cis?q=pg-&environment=production', { as: 'alice' })
    ).json();
    expect(text.items).toHaveLength(3);
    const bad = await cmdb.call('GET', '/api/v1/cis?status=broken&attribute=nocolon', {
      as: 'alice',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['attribute', 'status']);
  });

  it('retires a CI, which then refuses changes', async () => {
    const ci = (await create({ className: 'storage', name: 'nas-old' })).json();
    const retired = await cmdb.call('POST', `/api/v1/cis/${ci.id}/retire`, {
      as: 'conor',
      payload: { version: 1 },
    });
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({
      operationalStatus: 'retired',
      retiredAt: expect.any(String),
    });
    const change = await cmdb.call('PATCH', `/api/v1/cis/${ci.id}`, {
      as: 'conor',
      payload: { name: 'x', version: 2 },
    });
    expect(change.statusCode).toBe(409);
    expect(change.json()).toMatchObject({ state: 'retired' });
    expect(await outboxTypes(ci.id)).toEqual([
      'itsm.configuration.ci.created.v1',
      'itsm.configuration.ci.retired.v1',
    ]);
  });
});
