import { ClassHierarchy, type ClassNode, setsIdentifier } from './class-hierarchy';

const node = (
  id: string,
  parentId: string | null,
  rules: ClassNode['identificationRules'] = [],
): ClassNode => ({
  id,
  name: id,
  parentId,
  attributes: [{ name: `${id}Attribute`, type: 'string' }],
  identificationRules: rules,
});

const hierarchy = new ClassHierarchy([
  node('server', null, [['serialNumber'], ['fqdn']]),
  node('linux_server', 'server'),
  node('rhel_server', 'linux_server', [['hostName']]),
  node('database', null),
]);

describe('ClassHierarchy', () => {
  it('inherits attributes from every ancestor, the root first', () => {
    expect(hierarchy.attributesOf('rhel_server').map((a) => a.name)).toEqual([
      'serverAttribute',
      'linux_serverAttribute',
      'rhel_serverAttribute',
    ]);
  });

  it('uses the nearest identification rules and identifies within the root', () => {
    expect(hierarchy.identificationRulesOf('linux_server')).toEqual([['serialNumber'], ['fqdn']]);
    expect(hierarchy.identificationRulesOf('rhel_server')).toEqual([['hostName']]);
    expect(hierarchy.identityScopeOf('rhel_server').name).toBe('server');
  });

  it('lists a class and its subclasses, and knows ancestry', () => {
    expect(hierarchy.subtreeIds('server').sort()).toEqual([
      'linux_server',
      'rhel_server',
      'server',
    ]);
    expect(hierarchy.isA('rhel_server', 'server')).toBe(true);
    expect(hierarchy.isA('database', 'server')).toBe(false);
  });
});

describe('setsIdentifier', () => {
  it('tells a write naming an identifier or the name from one that names none', () => {
    expect(setsIdentifier({ serialNumber: 'SN-1' })).toBe(true);
    expect(setsIdentifier({ name: 'db-01' })).toBe(true);
    expect(setsIdentifier({ fqdn: null })).toBe(true);
    expect(setsIdentifier({})).toBe(false);
    expect(setsIdentifier({ operationalStatus: 'retired' } as object)).toBe(false);
  });
});
