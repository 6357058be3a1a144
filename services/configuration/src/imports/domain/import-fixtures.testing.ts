import { ClassHierarchy, type ClassNode } from '../../classes/domain/class-hierarchy';
import type { Ci } from '../../cis/domain/ci';
import { CiIndex } from './ci-index';
import type { ImportContext } from './import-plan';

const node = (
  name: string,
  parentId: string | null,
  identificationRules: ClassNode['identificationRules'],
  attributes: ClassNode['attributes'] = [],
): ClassNode => ({ id: `${name}-id`, name, parentId, attributes, identificationRules });

/**
 * Servers are found by serial number, else host name; Linux servers share their serial numbers. A
 * database names the server it runs on.
 */
export const hierarchy = new ClassHierarchy([
  node(
    'server',
    null,
    [['serialNumber'], ['hostName']],
    [{ name: 'cpuCount', type: 'integer', min: 1 }],
  ),
  node('linux_server', 'server-id', []),
  node('application', null, [['name']], [{ name: 'version', type: 'string' }]),
  node(
    'database',
    null,
    [['name']],
    [{ name: 'host', type: 'reference', referenceClass: 'server' }],
  ),
]);

/** Data sources by authority: `manual` above `discovery` above `spreadsheet`. */
export const rankOf = (source: string) =>
  ({ manual: 100, discovery: 50, spreadsheet: 10 })[source] ?? 0;

/** A server in the CMDB, its fields owned by `discovery` unless `fieldSources` says otherwise. */
export function server(overrides: Partial<Ci> = {}): Ci {
  return {
    id: 'server-1',
    classId: 'server-id',
    identityClassId: 'server-id',
    name: 'db-host',
    operationalStatus: 'operational',
    criticality: 3,
    environment: 'production',
    ownerGroup: 'database',
    serialNumber: 'SN-1',
    hostName: 'db-host',
    fqdn: null,
    cloudId: null,
    attributes: { cpuCount: 8 },
    fieldSources: {
      name: 'discovery',
      operationalStatus: 'discovery',
      'attributes.cpuCount': 'discovery',
    },
    retiredAt: null,
    createdBy: 'source:discovery',
    version: 4,
    ...overrides,
  };
}

/** An import from `source` into a CMDB holding `existing`, with ids new-1, new-2, … */
export function importContext(
  source: string,
  existing: Ci[] = [],
  referencedCis: ReadonlyMap<string, string> = new Map(existing.map((ci) => [ci.id, ci.classId])),
): ImportContext {
  const cis = new CiIndex(hierarchy);
  existing.forEach((ci) => cis.add(ci));
  let next = 0;
  return {
    source,
    actor: `source:${source}`,
    hierarchy,
    cis,
    rankOf,
    newId: () => `new-${++next}`,
    referencedCis,
  };
}
