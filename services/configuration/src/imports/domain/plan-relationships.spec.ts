import type { RelationshipRule } from '../../relationships/domain/relationship-types';
import type { ImportRecord } from '../import.schema';
import { importContext, server } from './import-fixtures.testing';
import { planRecords } from './plan-records';
import { edgeKey, planRelationships, relationshipSourceIds } from './plan-relationships';

const rules: RelationshipRule[] = [
  { type: 'runs_on', sourceClass: 'application', targetClass: 'server' },
];

/** Plans the records, then their relationships against the edges that exist. */
function plan(records: ImportRecord[], existing: string[] = [], cis = [server()]) {
  const context = importContext('discovery', cis);
  const planned = planRecords(records, context);
  planRelationships(records, planned.results, planned.plan, context, {
    existing: new Set(existing),
    rules,
  });
  return planned;
}

const runsOnDbHost = {
  type: 'runs_on' as const,
  target: { className: 'server', identifiers: { serialNumber: 'SN-1' } },
};

describe('planRelationships', () => {
  it('relates a record to a target found by its identifiers in the CMDB', () => {
    const { plan: written, results } = plan([
      { className: 'application', name: 'checkout', relationships: [runsOnDbHost] },
    ]);

    expect(written.relationships).toEqual([
      {
        id: 'new-2',
        type: 'runs_on',
        sourceId: 'new-1',
        targetId: 'server-1',
        createdBy: 'source:discovery',
      },
    ]);
    expect(results[0]!.relationships).toEqual({ created: 1, unchanged: 0, rejected: [] });
  });

  it('finds a target the same batch creates', () => {
    const { plan: written } = plan([
      {
        className: 'application',
        name: 'checkout',
        relationships: [
          { type: 'runs_on', target: { className: 'server', identifiers: { hostName: 'web-1' } } },
        ],
      },
      { className: 'server', name: 'web-1', identifiers: { hostName: 'web-1' } },
    ]);

    expect(written.relationships).toEqual([
      expect.objectContaining({ sourceId: 'new-1', targetId: 'new-2' }),
    ]);
  });

  it('leaves an edge that exists unchanged, and creates an edge repeated in the batch once', () => {
    const { plan: written, results } = plan(
      [
        { className: 'application', name: 'checkout', relationships: [runsOnDbHost] },
        { className: 'application', name: 'checkout', relationships: [runsOnDbHost] },
      ],
      [],
    );

    expect(written.relationships).toHaveLength(1);
    expect(results.map((r) => r.relationships)).toEqual([
      { created: 1, unchanged: 0, rejected: [] },
      { created: 0, unchanged: 1, rejected: [] },
    ]);
    const again = plan(
      [{ className: 'application', name: 'checkout', relationships: [runsOnDbHost] }],
      [edgeKey('new-1', 'server-1', 'runs_on')],
    );
    expect(again.plan.relationships).toEqual([]);
  });

  it('rejects a relationship whose target is not found', () => {
    const { results } = plan([
      {
        className: 'application',
        name: 'checkout',
        relationships: [
          { type: 'runs_on', target: { className: 'server', identifiers: { serialNumber: 'X' } } },
        ],
      },
    ]);

    expect(results[0]!.relationships!.rejected).toEqual([
      'runs_on server {"serialNumber":"X"}: target not found',
    ]);
  });

  it('says why a target is not one CI: two match, its identifiers are incomplete, or its class is unknown', () => {
    const { plan: written, results } = plan(
      [
        {
          className: 'application',
          name: 'checkout',
          relationships: [
            {
              type: 'runs_on',
              target: { className: 'server', identifiers: { hostName: 'db-host' } },
            },
            {
              type: 'runs_on',
              target: { className: 'server', identifiers: { fqdn: 'db.example' } },
            },
            { type: 'runs_on', target: { className: 'mainframe', name: 'big-iron' } },
          ],
        },
      ],
      [],
      [server({ serialNumber: null }), server({ id: 'server-2', serialNumber: null })],
    );

    expect(written.relationships).toEqual([]);
    expect(results[0]!.relationships!.rejected).toEqual([
      'runs_on server {"hostName":"db-host"}: 2 CIs match the target by hostName: resolve the duplicates first',
      'runs_on server {"fqdn":"db.example"}: no identification rule of server is complete for the target: give one of serialNumber | hostName',
      'runs_on mainframe undefined: className mainframe is not a CI class',
    ]);
  });

  it('rejects a relationship from a CI to itself, saying so', () => {
    const { plan: written, results } = plan([
      {
        className: 'server',
        identifiers: { serialNumber: 'SN-1' },
        relationships: [
          {
            type: 'runs_on',
            target: { className: 'server', identifiers: { serialNumber: 'SN-1' } },
          },
        ],
      },
    ]);

    expect(written.relationships).toEqual([]);
    expect(results[0]!.relationships!.rejected).toEqual([
      'runs_on server {"serialNumber":"SN-1"}: a CI cannot be related to itself',
    ]);
  });

  it('rejects a relationship no rule allows between the two classes', () => {
    const { plan: written, results } = plan([
      {
        className: 'server',
        identifiers: { serialNumber: 'SN-1' },
        relationships: [
          { type: 'depends_on', target: { className: 'application', name: 'checkout' } },
        ],
      },
      { className: 'application', name: 'checkout' },
    ]);

    expect(written.relationships).toEqual([]);
    expect(results[0]!.relationships!.rejected).toEqual([
      'depends_on application undefined: not allowed between these classes',
    ]);
  });
});

describe('relationshipSourceIds', () => {
  it('names the CIs of records that carry relationships, created or found', () => {
    const records: ImportRecord[] = [
      { className: 'application', name: 'checkout', relationships: [runsOnDbHost] },
      { className: 'application', name: 'billing' },
      { className: 'server', identifiers: { serialNumber: 'SN-1' }, relationships: [] },
    ];
    const { results } = planRecords(records, importContext('discovery', [server()]));

    expect(relationshipSourceIds(records, results)).toEqual(['new-1']);
  });
});
