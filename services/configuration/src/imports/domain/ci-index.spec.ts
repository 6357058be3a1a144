import { CiIndex } from './ci-index';
import { hierarchy, server } from './import-fixtures.testing';

const serverIdentity = (values: Record<string, string>) => ({
  scopeId: 'server-id',
  classId: 'linux_server-id',
  values,
});

describe('CiIndex', () => {
  it('tries the rules in order: the first that finds a CI decides', () => {
    const index = new CiIndex(hierarchy);
    index.add(server());
    index.add(server({ id: 'server-2', serialNumber: 'SN-2', hostName: 'other' }));

    const match = index.match(serverIdentity({ serialNumber: 'SN-2', hostName: 'db-host' }));
    expect(match).toEqual({ kind: 'found', ci: expect.objectContaining({ id: 'server-2' }) });
  });

  it('goes on to the next rule when a complete rule finds nothing', () => {
    const index = new CiIndex(hierarchy);
    index.add(server());

    expect(index.match(serverIdentity({ serialNumber: 'SN-9', hostName: 'db-host' }))).toEqual({
      kind: 'found',
      ci: expect.objectContaining({ id: 'server-1' }),
    });
    expect(index.match(serverIdentity({ serialNumber: 'SN-9' }))).toEqual({ kind: 'none' });
  });

  it('calls a record unidentifiable when it completes no rule', () => {
    expect(new CiIndex(hierarchy).match(serverIdentity({ fqdn: 'a.example' }))).toEqual({
      kind: 'unidentifiable',
      rules: [['serialNumber'], ['hostName']],
    });
  });

  it('finds a changed CI by its new identifiers once it is added again', () => {
    const index = new CiIndex(hierarchy);
    const ci = server();
    index.add(ci);
    ci.serialNumber = 'SN-NEW';
    index.add(ci);

    expect(index.match(serverIdentity({ serialNumber: 'SN-NEW' }))).toMatchObject({
      kind: 'found',
    });
  });

  it('asks for one search per class root and rule, with every identity that completes it', () => {
    const lookups = new CiIndex(hierarchy).lookups([
      serverIdentity({ serialNumber: 'SN-1', hostName: 'a' }),
      serverIdentity({ hostName: 'b' }),
      { scopeId: 'application-id', classId: 'application-id', values: { name: 'checkout' } },
    ]);

    expect(lookups).toEqual([
      { scopeId: 'server-id', rule: ['serialNumber'], values: [['SN-1']] },
      { scopeId: 'server-id', rule: ['hostName'], values: [['a'], ['b']] },
      { scopeId: 'application-id', rule: ['name'], values: [['checkout']] },
    ]);
  });

  it('asks for each value once, however many records name it', () => {
    const lookups = new CiIndex(hierarchy).lookups([
      serverIdentity({ hostName: 'switch-1' }),
      serverIdentity({ hostName: 'switch-1' }),
      serverIdentity({ hostName: 'switch-2' }),
    ]);

    expect(lookups).toEqual([
      { scopeId: 'server-id', rule: ['hostName'], values: [['switch-1'], ['switch-2']] },
    ]);
  });
});
