import { identificationKey, mergeWithAuthority, sourcesOf, type CiFields } from './reconciliation';

const rank = (source: string) => ({ manual: 100, discovery: 50, spreadsheet: 10 })[source] ?? 0;

const current: CiFields = {
  name: 'db-host',
  operationalStatus: 'operational',
  criticality: 2,
  environment: 'production',
  ownerGroup: 'database',
  serialNumber: 'SN-1',
  hostName: 'db-host',
  fqdn: null,
  cloudId: null,
  attributes: { os: 'debian 12', cpuCount: 8 },
};

describe('identificationKey', () => {
  const rules = [['serialNumber'], ['fqdn'], ['hostName', 'name']] as const;

  it('uses the first identifier set the record carries completely', () => {
    expect(identificationKey(rules as never, { fqdn: 'a.example', serialNumber: 'SN' })).toEqual({
      rule: ['serialNumber'],
      values: ['SN'],
    });
    expect(identificationKey(rules as never, { fqdn: 'a.example' })).toEqual({
      rule: ['fqdn'],
      values: ['a.example'],
    });
    expect(identificationKey(rules as never, { hostName: 'h', name: 'n' })).toEqual({
      rule: ['hostName', 'name'],
      values: ['h', 'n'],
    });
  });

  it('finds nothing when no set is complete', () => {
    expect(identificationKey(rules as never, { hostName: 'h', serialNumber: '' })).toBeUndefined();
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
      rank,
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
      rank,
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
      rank,
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
