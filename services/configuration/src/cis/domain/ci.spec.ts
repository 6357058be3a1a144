import { newCi } from './ci';

const placement = { classId: 'server-id', identityClassId: 'server-id', createdBy: 'u-1' };

describe('newCi', () => {
  it('makes a CI operational, of criticality 3, its other fields empty and owned by no source', () => {
    expect(newCi({ name: 'db-host' }, placement)).toEqual({
      ...placement,
      name: 'db-host',
      operationalStatus: 'operational',
      criticality: 3,
      environment: null,
      ownerGroup: null,
      serialNumber: null,
      hostName: null,
      fqdn: null,
      cloudId: null,
      attributes: {},
      fieldSources: {},
      retiredAt: null,
    });
  });

  it('keeps what it is given, and nothing it does not know', () => {
    const request = {
      className: 'server',
      name: 'db-host',
      operationalStatus: 'degraded' as const,
      criticality: 1,
      hostName: 'db-host',
      attributes: { cpuCount: 8 },
    };
    const ci = newCi(request, placement);
    expect(ci).toMatchObject({
      operationalStatus: 'degraded',
      criticality: 1,
      hostName: 'db-host',
      attributes: { cpuCount: 8 },
    });
    expect(ci).not.toHaveProperty('className');
  });
});
