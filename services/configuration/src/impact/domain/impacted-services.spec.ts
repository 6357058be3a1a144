import { combineImpacts, type CiImpact } from './impacted-services';

const ci = (id: string, depth: number, businessService = false, criticality = 3) => ({
  id,
  name: id,
  criticality,
  depth,
  businessService,
});

describe('combineImpacts', () => {
  it('keeps each business service once, at its smallest depth, nearest and most critical first', () => {
    const impacts: CiImpact[] = [
      {
        ci: ci('db', 0),
        services: [ci('shop', 2, true, 1), ci('reports', 2, true, 3)],
        reached: ['app', 'shop', 'reports'],
      },
      {
        ci: ci('host', 0),
        services: [ci('shop', 3, true, 1)],
        reached: ['db', 'app', 'shop'],
      },
      { ci: ci('billing', 0, true, 2), services: [], reached: [] },
    ];
    const { services, impactedCiCount } = combineImpacts(impacts);
    expect(services.map((s) => [s.id, s.depth])).toEqual([
      ['billing', 0],
      ['shop', 2],
      ['reports', 2],
    ]);
    expect(impactedCiCount).toBe(4);
  });
});
