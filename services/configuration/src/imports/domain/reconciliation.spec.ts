import { rankOf, server } from './import-fixtures.testing';
import { fieldsOf, mergeWithAuthority, ruleValues, sourcesOf } from './reconciliation';

const current = fieldsOf(server({ attributes: { os: 'debian 12', cpuCount: 8 } }));

describe('ruleValues', () => {
  it("gives the values of a rule's identifiers, in the rule's order", () => {
    expect(
      ruleValues(['hostName', 'name'], { name: 'n', hostName: 'h', fqdn: 'a.example' }),
    ).toEqual(['h', 'n']);
  });

  it('gives nothing when an identifier of the rule is missing or empty', () => {
    expect(ruleValues(['serialNumber'], { fqdn: 'a.example' })).toBeUndefined();
    expect(
      ruleValues(['hostName', 'serialNumber'], { hostName: 'h', serialNumber: '' }),
    ).toBeUndefined();
    expect(ruleValues(['fqdn'], { fqdn: null })).toBeUndefined();
  });
});

describe('mergeWithAuthority', () => {
  const sources = {
    ownerGroup: 'manual',
    'attributes.os': 'discovery',
    'attributes.cpuCount': 'spreadsheet',
  };

  it('lets a source overwrite what it or a weaker source set, never what a stronger one set', () => {
    const result = mergeWithAuthority(
      current,
      sources,
      { ownerGroup: 'unix', attributes: { os: 'debian 13', cpuCount: 16 } },
      'discovery',
      rankOf,
    );
    expect(result.changes).toEqual([
      { field: 'attributes.os', oldValue: 'debian 12', newValue: 'debian 13' },
      { field: 'attributes.cpuCount', oldValue: 8, newValue: 16 },
    ]);
    expect(result.kept).toEqual([{ field: 'ownerGroup', owner: 'manual' }]);
    expect(result.fields.ownerGroup).toBe('database');
    expect(result.sources['attributes.cpuCount']).toBe('discovery');
  });

  it('keeps a weaker source from overwriting a stronger one', () => {
    const result = mergeWithAuthority(
      current,
      sources,
      { attributes: { os: 'windows' } },
      'spreadsheet',
      rankOf,
    );
    expect(result.changes).toEqual([]);
    expect(result.kept).toEqual([{ field: 'attributes.os', owner: 'discovery' }]);
  });

  it('changes nothing when the same values come again', () => {
    const result = mergeWithAuthority(
      current,
      sources,
      { name: 'db-host', attributes: { os: 'debian 12' } },
      'spreadsheet',
      rankOf,
    );
    expect(result.changes).toEqual([]);
    expect(result.kept).toEqual([]);
  });

  it('records the source of every field of a new CI', () => {
    expect(sourcesOf({ name: 'x', criticality: 2, attributes: { os: 'y' } }, 'discovery')).toEqual({
      name: 'discovery',
      criticality: 'discovery',
      'attributes.os': 'discovery',
    });
  });
});
