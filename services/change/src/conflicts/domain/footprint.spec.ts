import { reachedCis, type Footprint } from './footprint';

const footprint: Footprint = {
  ciIds: ['db'],
  related: [
    { id: 'app', direction: 'impact', depth: 1, path: ['db', 'app'] },
    { id: 'shop', direction: 'impact', depth: 2, path: ['db', 'app', 'shop'] },
    { id: 'host', direction: 'dependencies', depth: 1, path: ['db', 'host'] },
    { id: 'rack', direction: 'dependencies', depth: 4, path: ['db', 'host', 'x', 'y', 'rack'] },
  ],
  serviceIds: ['shop'],
  depth: 5,
  truncated: false,
};

describe('the CIs a change reaches', () => {
  it('holds its own CIs at depth 0 even before the CMDB answers', () => {
    const reached = reachedCis(['db'], null, 3);
    expect([...reached.values()]).toEqual([{ ci: 'db', direction: null, path: ['db'] }]);
  });

  it('adds the related CIs both ways up to the depth asked, with their paths', () => {
    const reached = reachedCis(['db'], footprint, 3);
    expect([...reached.keys()].sort()).toEqual(['app', 'db', 'host', 'shop']);
    expect(reached.get('shop')).toEqual({
      ci: 'shop',
      direction: 'impact',
      path: ['db', 'app', 'shop'],
    });
    expect(reached.get('host')?.direction).toBe('dependencies');
  });

  it('keeps the shortest path to a CI reached twice, and a CI of its own as its own', () => {
    const twice: Footprint = {
      ...footprint,
      ciIds: ['db', 'app'],
      related: [
        { id: 'shop', direction: 'impact', depth: 2, path: ['db', 'app', 'shop'] },
        { id: 'shop', direction: 'impact', depth: 1, path: ['app', 'shop'] },
        { id: 'app', direction: 'impact', depth: 1, path: ['db', 'app'] },
      ],
    };
    const reached = reachedCis(['db', 'app'], twice, 3);
    expect(reached.get('shop')?.path).toEqual(['app', 'shop']);
    expect(reached.get('app')).toEqual({ ci: 'app', direction: null, path: ['app'] });
  });

  it('matches CI ids whatever their case', () => {
    expect(reachedCis(['DB'], null, 1).has('db')).toBe(true);
  });
});
