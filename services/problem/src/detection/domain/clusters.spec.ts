import {
  clustersOf,
  detectedProblemTitle,
  isRecurring,
  movesClusters,
  windowStart,
} from './clusters';
import { DEFAULT_DETECTION, GROUPING_KEYS } from './detection-settings';

const ci = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const shop = '6b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d';
const mail = '1b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d';

describe('the clusters of an incident', () => {
  it('groups by CI, and by category on each business service it impacts, in key order', () => {
    const clusters = clustersOf(
      { configurationItemId: ci, category: 'database', serviceIds: [shop, mail, shop] },
      GROUPING_KEYS,
    );
    expect(clusters.map((cluster) => cluster.key)).toEqual([
      `ci:${ci}`,
      `service:${mail}:category:database`,
      `service:${shop}:category:database`,
    ]);
    expect(clusters[2]).toEqual({
      key: `service:${shop}:category:database`,
      configurationItemId: null,
      serviceId: shop,
      category: 'database',
    });
  });

  it('has no cluster for what it lacks: no CI, no category, no service', () => {
    expect(
      clustersOf(
        { configurationItemId: null, category: 'database', serviceIds: [] },
        GROUPING_KEYS,
      ),
    ).toEqual([]);
    expect(
      clustersOf({ configurationItemId: null, category: null, serviceIds: [shop] }, GROUPING_KEYS),
    ).toEqual([]);
  });

  it('uses only the grouping keys that are enabled', () => {
    const incident = { configurationItemId: ci, category: 'database', serviceIds: [shop] };
    expect(clustersOf(incident, ['configuration_item']).map((c) => c.key)).toEqual([`ci:${ci}`]);
    expect(clustersOf(incident, ['service_category']).map((c) => c.key)).toEqual([
      `service:${shop}:category:database`,
    ]);
  });
});

describe('recurrence', () => {
  it('takes DOMAIN.md defaults: 3 incidents within 24 hours', () => {
    expect(DEFAULT_DETECTION).toEqual({
      threshold: 3,
      windowMinutes: 1440,
      groupingKeys: ['configuration_item', 'service_category'],
    });
    expect(isRecurring(2, DEFAULT_DETECTION)).toBe(false);
    expect(isRecurring(3, DEFAULT_DETECTION)).toBe(true);
    expect(windowStart(new Date('2026-11-27T12:00:00Z'), DEFAULT_DETECTION)).toEqual(
      new Date('2026-11-26T12:00:00Z'),
    );
  });

  it('names the problem after the cluster and its first incident, within 160 characters', () => {
    const [byCi, byService] = clustersOf(
      { configurationItemId: ci, category: 'network', serviceIds: [shop] },
      GROUPING_KEYS,
    );
    expect(detectedProblemTitle(byCi!, 3, 'VPN drops')).toBe(
      '3 recurring incidents on one CI: VPN drops',
    );
    expect(detectedProblemTitle(byService!, 4, 'x'.repeat(300))).toMatch(
      /^4 recurring incidents of category network on one service: x+$/,
    );
    expect(detectedProblemTitle(byService!, 4, 'x'.repeat(300))).toHaveLength(160);
  });
});

describe('updates that detection looks at', () => {
  it('are those that change the CI, the category or the impacted services, not the problem', () => {
    expect(movesClusters(['configurationItemId'])).toBe(true);
    expect(movesClusters(['assignee', 'impactedServices'])).toBe(true);
    expect(movesClusters(['category'])).toBe(true);
    expect(movesClusters(['assignee', 'shortDescription'])).toBe(false);
    expect(movesClusters(['problemId'])).toBe(false);
    expect(movesClusters(['problemId', 'configurationItemId'])).toBe(false);
  });
});
