import { integrationTokenFor, startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../configuration.definition';

jest.setTimeout(180_000);

const server = (n: number, extra: object = {}) => ({
  className: 'linux_server',
  name: `srv-${n}`,
  identifiers: { serialNumber: `SN-${n}`, hostName: `srv-${n}` },
  attributes: { cpuCount: 4, os: 'debian 12' },
  ...extra,
});

describe('imports with identification and reconciliation, against real PostgreSQL', () => {
  let cmdb: ServiceUnderTest;
  let discovery: string;

  beforeAll(async () => {
    cmdb = await startServiceUnderTest(definition);
    discovery = await integrationTokenFor('itsm-discovery');
  });

  afterAll(() => cmdb.close());

  const importBatch = async (payload: object) => {
    const response = await cmdb.send({
      method: 'POST',
      url: '/api/v1/imports',
      payload,
      headers: { authorization: `Bearer ${discovery}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const count = async (table: string) =>
    Number(
      (
        (await cmdb.dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as Array<{ n: string }>
      )[0]!.n,
    );

  const batch = {
    dataSource: 'discovery',
    records: [
      server(1),
      server(2),
      {
        className: 'database',
        name: 'orders-db',
        identifiers: { fqdn: 'orders-db.prod.example.com' },
        attributes: { engine: 'postgresql' },
        relationships: [
          {
            type: 'runs_on',
            target: { className: 'server', identifiers: { serialNumber: 'SN-1' } },
          },
        ],
      },
      {
        className: 'application',
        name: 'checkout',
        relationships: [
          {
            type: 'depends_on',
            target: { className: 'database', identifiers: { fqdn: 'orders-db.prod.example.com' } },
          },
        ],
      },
    ],
  };

  it('previews a batch without writing anything', async () => {
    const preview = await importBatch({ ...batch, dryRun: true });
    expect(preview.summary).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      relationshipsCreated: 2,
    });
    expect(await count('configuration_items')).toBe(0);
    expect(await count('outbox')).toBe(0);
  });

  it('creates CIs and resolves relationships by identifiers, within the batch', async () => {
    const result = await importBatch(batch);
    expect(result.summary).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      relationshipsCreated: 2,
    });
    expect(result.records[3].relationships).toEqual({ created: 1, unchanged: 0, rejected: [] });
    const db = result.records[2].ciId;
    const relationships = (
      await cmdb.call('GET', `/api/v1/cis/${db}/relationships`, { as: 'alice' })
    ).json();
    expect(
      relationships.items
        .map((r: { name: string; ci: { name: string } }) => `${r.name} ${r.ci.name}`)
        .sort(),
    ).toEqual(['runs_on srv-1', 'used_by checkout']);
    const history = (await cmdb.call('GET', `/api/v1/cis/${db}/history`, { as: 'alice' })).json();
    expect(history.items[0]).toMatchObject({ operation: 'create', changedBy: 'source:discovery' });
    // Both ends of an imported relationship have it in their history.
    expect(
      history.items
        .filter((l: { field: string }) => l.field === 'relationships')
        .map((l: { newValue: { name: string } }) => l.newValue.name)
        .sort(),
    ).toEqual(['runs_on', 'used_by']);
    expect(await count('outbox')).toBe(6);
  });

  it('writes the events in the order of the batch and the history with JSON nulls, as one change would', async () => {
    const outbox = (await cmdb.dataSource.query(
      `SELECT event_type, aggregate_id, payload->>'id' AS id, headers->>'ce_id' = id::text AS headed
         FROM outbox ORDER BY sequence`,
    )) as Array<{ event_type: string; aggregate_id: string; id: string; headed: boolean }>;
    expect(outbox.map((row) => row.event_type)).toEqual([
      ...Array<string>(4).fill('itsm.configuration.ci.created.v1'),
      ...Array<string>(2).fill('itsm.configuration.relationship.created.v1'),
    ]);
    expect(outbox.every((row) => row.aggregate_id === row.id && row.headed)).toBe(true);
    const nulls = (await cmdb.dataSource.query(
      `SELECT count(*) FILTER (WHERE old_value IS NULL) AS sql_null,
              count(*) FILTER (WHERE old_value = 'null'::jsonb) AS json_null
         FROM audit_trail`,
    )) as Array<{ sql_null: string; json_null: string }>;
    expect(nulls[0]).toEqual({ sql_null: '0', json_null: '8' });
  });

  it('changes nothing when the same batch comes again', async () => {
    const outboxBefore = await count('outbox');
    const again = await importBatch(batch);
    expect(again.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: 4,
      rejected: 0,
      relationshipsCreated: 0,
    });
    expect(again.records[2].relationships).toEqual({ created: 0, unchanged: 1, rejected: [] });
    expect(await count('outbox')).toBe(outboxBefore);
    expect(await count('configuration_items')).toBe(4);
  });

  it('updates what a source may change and keeps what a stronger source owns', async () => {
    const srv1 = (await cmdb.call('GET', '/api/v1/cis?q=SN-1', { as: 'alice' })).json().items[0];
    const manual = await cmdb.call('PATCH', `/api/v1/cis/${srv1.id}`, {
      as: 'conor',
      payload: { ownerGroup: 'unix', version: srv1.version },
    });
    expect(manual.statusCode).toBe(200);
    const fromDiscovery = await importBatch({
      dataSource: 'discovery',
      records: [server(1, { ownerGroup: 'wintel', attributes: { cpuCount: 8, os: 'debian 12' } })],
    });
    expect(fromDiscovery.records[0]).toMatchObject({
      outcome: 'updated',
      changes: [{ field: 'attributes.cpuCount', oldValue: 4, newValue: 8 }],
      kept: [{ field: 'ownerGroup', owner: 'manual' }],
    });
    const fromSpreadsheet = await importBatch({
      dataSource: 'spreadsheet',
      records: [server(1, { attributes: { cpuCount: 2, location: 'Berlin' } })],
    });
    expect(fromSpreadsheet.records[0]).toMatchObject({
      outcome: 'updated',
      changes: [{ field: 'attributes.location', oldValue: null, newValue: 'Berlin' }],
      kept: [{ field: 'attributes.cpuCount', owner: 'discovery' }],
    });
    const current = (await cmdb.call('GET', `/api/v1/cis/${srv1.id}`, { as: 'alice' })).json();
    expect(current).toMatchObject({
      ownerGroup: 'unix',
      attributes: { cpuCount: 8, location: 'Berlin' },
    });
    const history = (
      await cmdb.call('GET', `/api/v1/cis/${srv1.id}/history`, { as: 'alice' })
    ).json();
    expect(
      history.items.map((l: { field: string; changedBy: string }) => `${l.field} ${l.changedBy}`),
    ).toEqual(
      expect.arrayContaining([
        'ownerGroup conor',
        'attributes.cpuCount source:discovery',
        'attributes.location source:spreadsheet',
      ]),
    );
  });

  it('rejects records it cannot take, with the reason, and takes the others', async () => {
    const result = await importBatch({
      dataSource: 'discovery',
      records: [
        { className: 'mainframe', name: 'x', identifiers: {} },
        { className: 'linux_server', name: 'nameless-ids', identifiers: {} },
        { className: 'linux_server', identifiers: { serialNumber: 'SN-NEW' } },
        {
          className: 'database',
          name: 'bad-db',
          identifiers: { fqdn: 'bad.example.com' },
          attributes: { engine: 'db2' },
        },
        server(3, {
          relationships: [
            {
              type: 'runs_on',
              target: { className: 'server', identifiers: { serialNumber: 'SN-404' } },
            },
          ],
        }),
      ],
    });
    expect(result.records.map((r: { outcome: string }) => r.outcome)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'created',
    ]);
    expect(result.records[0].reasons[0]).toMatch(/not a CI class/);
    expect(result.records[1].reasons[0]).toMatch(
      /no identification rule .* serialNumber \| fqdn \| hostName/,
    );
    expect(result.records[2].reasons[0]).toMatch(/name is required/);
    expect(result.records[3].reasons[0]).toMatch(/attributes.engine/);
    expect(result.records[4].relationships.rejected[0]).toMatch(/target not found/);
  });

  it('identifies by host name and FQDN whatever their case', async () => {
    const result = await importBatch({
      dataSource: 'discovery',
      records: [
        {
          className: 'linux_server',
          identifiers: { hostName: 'SRV-2' },
          attributes: { cpuCount: 4 },
        },
        {
          className: 'database',
          identifiers: { fqdn: 'Orders-DB.Prod.Example.com' },
          attributes: { engine: 'postgresql' },
        },
      ],
    });
    expect(result.records.map((r: { outcome: string }) => r.outcome)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('names every malformed field of a batch, and imports nothing', async () => {
    const response = await cmdb.call('POST', '/api/v1/imports', {
      as: 'conor',
      payload: {
        dataSource: 'discovery',
        records: [
          server(7, { criticality: 9, colour: 'red' }),
          { className: 'linux_server', identifiers: { serialNumber: 7 } },
          server(8, {
            relationships: [{ type: 'likes', target: { className: 'server', identifiers: {} } }],
          }),
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const errors = response.json().errors as Array<{ field: string; allowed?: unknown[] }>;
    expect(errors.map((e) => e.field).sort()).toEqual([
      'records.0.colour',
      'records.0.criticality',
      'records.1.identifiers.serialNumber',
      'records.2.relationships.0.type',
    ]);
    expect(errors.find((e) => e.field.endsWith('.type'))?.allowed).toContain('depends_on');
    expect((await cmdb.call('GET', '/api/v1/cis?q=srv-7', { as: 'alice' })).json().items).toEqual(
      [],
    );
  });

  it('refuses a NUL character in any text of a batch, naming the field, before PostgreSQL sees it', async () => {
    const response = await cmdb.call('POST', '/api/v1/imports', {
      as: 'conor',
      payload: {
        dataSource: 'discovery',
        records: [
          server(10, { name: 'srv\u0000-10', environment: 'prod\u0000' }),
          server(11, {
            identifiers: { serialNumber: 'SN\u0000-11' },
            relationships: [
              {
                type: 'runs_on',
                target: { className: 'server', identifiers: { hostName: 'srv\u0000-1' } },
              },
            ],
          }),
          server(12, { attributes: { cpuCount: 4, os: 'debian\u0000' } }),
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const errors = response.json().errors as Array<{ field: string; message: string }>;
    expect(errors.map((e) => e.field).sort()).toEqual([
      'records.0.environment',
      'records.0.name',
      'records.1.identifiers.serialNumber',
      'records.1.relationships.0.target.identifiers.hostName',
      'records.2.attributes.os',
    ]);
    expect(errors[0]!.message).toContain('NUL');
    expect((await cmdb.call('GET', '/api/v1/cis?q=srv-12', { as: 'alice' })).json().items).toEqual(
      [],
    );
  });

  it('names an unknown data source', async () => {
    const response = await cmdb.call('POST', '/api/v1/imports', {
      as: 'conor',
      payload: { dataSource: 'guesswork', records: [server(9)] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      field: 'dataSource',
      allowed: expect.arrayContaining(['discovery']),
    });
  });

  it('takes 10,000 records in one batch, and the same batch again changes nothing', async () => {
    const records = Array.from({ length: 10_000 }, (_, i) =>
      server(100_000 + i, {
        relationships:
          i > 0
            ? [
                {
                  type: 'connects_to',
                  target: { className: 'network_device', identifiers: { hostName: 'core-1' } },
                },
              ]
            : [],
      }),
    );
    records.unshift({
      className: 'network_device',
      name: 'core-1',
      identifiers: { hostName: 'core-1' },
      attributes: { deviceType: 'switch' },
    } as never);
    const first = await importBatch({ dataSource: 'discovery', records });
    expect(first.summary).toMatchObject({
      created: 10_001,
      rejected: 0,
      relationshipsCreated: 9_999,
    });
    const second = await importBatch({ dataSource: 'discovery', records });
    expect(second.summary).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 10_001,
      relationshipsCreated: 0,
    });
  });
});
