import { ClassHierarchy, type ClassNode } from './class-hierarchy';

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
