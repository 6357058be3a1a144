import { importContext, server } from './import-fixtures.testing';
import { planRecords } from './plan-records';

describe('planRecords', () => {
  it('creates a CI the CMDB does not have, owned field by field by the importing source', () => {
    const { plan, results } = planRecords(
      [
        {
          className: 'linux_server',
          name: 'web-1',
          identifiers: { serialNumber: 'SN-9', hostName: 'WEB-1.Example' },
          attributes: { cpuCount: 2 },
        },
      ],
      importContext('discovery'),
    );

    expect(results).toEqual([
      { index: 0, className: 'linux_server', name: 'web-1', outcome: 'created', ciId: 'new-1' },
    ]);
    expect([...plan.created.values()]).toEqual([
      expect.objectContaining({
        id: 'new-1',
        classId: 'linux_server-id',
        identityClassId: 'server-id',
        operationalStatus: 'operational',
        criticality: 3,
        hostName: 'web-1.example',
        createdBy: 'source:discovery',
        fieldSources: {
          name: 'discovery',
          serialNumber: 'discovery',
          hostName: 'discovery',
          'attributes.cpuCount': 'discovery',
        },
      }),
    ]);
  });

  it('identifies a record within its class root, so a Linux server finds the server with its serial', () => {
    const { results } = planRecords(
      [{ className: 'linux_server', identifiers: { serialNumber: 'SN-1' }, criticality: 1 }],
      importContext('discovery', [server()]),
    );

    expect(results[0]).toMatchObject({ outcome: 'updated', ciId: 'server-1' });
  });

  it('keeps the attribute of the more authoritative source', () => {
    const existing = server({
      attributes: { cpuCount: 8 },
      fieldSources: { 'attributes.cpuCount': 'manual' },
    });
    const { plan, results } = planRecords(
      [
        {
          className: 'server',
          identifiers: { serialNumber: 'SN-1' },
          environment: 'staging',
          attributes: { cpuCount: 4 },
        },
      ],
      importContext('discovery', [existing]),
    );

    expect(results[0]).toEqual({
      index: 0,
      className: 'server',
      ciId: 'server-1',
      kept: [{ field: 'attributes.cpuCount', owner: 'manual' }],
      outcome: 'updated',
      changes: [{ field: 'environment', oldValue: 'production', newValue: 'staging' }],
    });
    expect(existing.attributes).toEqual({ cpuCount: 8 });
    expect(existing.fieldSources).toMatchObject({
      'attributes.cpuCount': 'manual',
      environment: 'discovery',
    });
    expect(plan.updated.get('server-1')?.changes).toHaveLength(1);
  });

  it('reports a CI as unchanged when the source says what the CMDB already holds', () => {
    const { plan, results } = planRecords(
      [{ className: 'server', name: 'db-host', identifiers: { serialNumber: 'SN-1' } }],
      importContext('discovery', [server()]),
    );

    expect(results[0]).toMatchObject({ outcome: 'unchanged', ciId: 'server-1' });
    expect(plan.updated.size).toBe(0);
  });

  it('remembers the status before the batch when several records of one CI change it', () => {
    const { plan } = planRecords(
      [
        { className: 'server', identifiers: { serialNumber: 'SN-1' }, operationalStatus: 'down' },
        {
          className: 'server',
          identifiers: { serialNumber: 'SN-1' },
          operationalStatus: 'degraded',
        },
      ],
      importContext('discovery', [server()]),
    );

    const update = plan.updated.get('server-1')!;
    expect(update.fromStatus).toBe('operational');
    expect(update.ci.operationalStatus).toBe('degraded');
    expect(update.changes.map((c) => c.newValue)).toEqual(['down', 'degraded']);
  });

  it('lets a later record of the batch update a CI an earlier one created, which stays one creation', () => {
    const { plan, results } = planRecords(
      [
        { className: 'application', name: 'checkout' },
        { className: 'application', name: 'checkout', attributes: { version: '2.0' } },
      ],
      importContext('discovery'),
    );

    expect(results.map((r) => r.outcome)).toEqual(['created', 'updated']);
    expect(plan.created.size).toBe(1);
    expect(plan.created.get('new-1')!.attributes).toEqual({ version: '2.0' });
    expect(plan.updated.size).toBe(0);
  });

  it('rejects a record whose class is not a CI class', () => {
    const { results } = planRecords([{ className: 'printer', name: 'p' }], importContext('x'));

    expect(results[0]).toMatchObject({
      outcome: 'rejected',
      reasons: ['className printer is not a CI class'],
    });
  });

  it('rejects a record that completes none of its class rules, naming the rules', () => {
    const { results } = planRecords(
      [{ className: 'server', name: 'no-ids' }],
      importContext('discovery'),
    );

    expect(results[0]!.reasons).toEqual([
      'no identification rule of server is complete: give one of serialNumber | hostName',
    ]);
  });

  it('rejects a record that matches two CIs by one rule', () => {
    const { results } = planRecords(
      [{ className: 'server', identifiers: { hostName: 'db-host' } }],
      importContext('discovery', [
        server({ serialNumber: null }),
        server({ id: 'server-2', serialNumber: null }),
      ]),
    );

    expect(results[0]!.reasons).toEqual(['2 CIs match by hostName: resolve the duplicates first']);
  });

  it('needs a name to create a CI', () => {
    const { plan, results } = planRecords(
      [{ className: 'server', identifiers: { serialNumber: 'SN-2' } }],
      importContext('discovery'),
    );

    expect(results[0]!.reasons).toEqual(['name is required to create a CI']);
    expect(plan.created.size).toBe(0);
  });

  it('rejects attributes that do not fit the class, and changes nothing', () => {
    const existing = server();
    const { plan, results } = planRecords(
      [{ className: 'server', identifiers: { serialNumber: 'SN-1' }, attributes: { cpuCount: 0 } }],
      importContext('discovery', [existing]),
    );

    expect(results[0]).toEqual({
      index: 0,
      className: 'server',
      outcome: 'rejected',
      reasons: [expect.stringMatching(/^attributes\.cpuCount: /)],
    });
    expect(existing.attributes).toEqual({ cpuCount: 8 });
    expect(plan.updated.size).toBe(0);
  });

  it('takes a reference only to an existing CI of its class, as the API does', () => {
    const [serverId, applicationId, unknownId] = [
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ];
    const referenced = new Map([
      [serverId, 'linux_server-id'],
      [applicationId, 'application-id'],
    ]);
    const { results } = planRecords(
      [serverId, unknownId, applicationId].map((host, n) => ({
        className: 'database',
        name: `db-${n}`,
        attributes: { host },
      })),
      importContext('discovery', [], referenced),
    );

    expect(results.map((r) => r.outcome)).toEqual(['created', 'rejected', 'rejected']);
    expect(results[1]!.reasons).toEqual([
      'attributes.host: attributes.host must name an existing server CI',
    ]);
    expect(results[2]!.reasons).toEqual(results[1]!.reasons);
  });

  it('leaves alone a reference a record does not set, though it names no CI any more', () => {
    const database = server({
      id: 'db-1',
      classId: 'database-id',
      identityClassId: 'database-id',
      name: 'orders',
      attributes: { host: '00000000-0000-4000-8000-000000000009' },
      fieldSources: {},
    });
    const { results } = planRecords(
      [{ className: 'database', name: 'orders', criticality: 1 }],
      importContext('discovery', [database]),
    );

    expect(results[0]!.outcome).toBe('updated');
  });
});
