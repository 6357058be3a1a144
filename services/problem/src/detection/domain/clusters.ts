import type { DetectionSettings, GroupingKey } from './detection-settings';

/** What detection knows of an incident. */
export interface ClusteredIncident {
  configurationItemId: string | null;
  category: string | null;
  serviceIds: readonly string[];
}

/** A group of incidents that recur together, and the fields of the problem that would cover it. */
export interface Cluster {
  /** Stable and unique per cluster: the unique key of its open detected problem. */
  key: string;
  configurationItemId: string | null;
  serviceId: string | null;
  category: string | null;
}

/**
 * The clusters an incident belongs to under the enabled grouping keys, in key order (the order
 * their locks are taken, so that two incidents never wait on each other's): one for its CI, one per
 * business service it impacts for its category.
 */
export function clustersOf(
  incident: ClusteredIncident,
  groupingKeys: readonly GroupingKey[],
): Cluster[] {
  const clusters: Cluster[] = [];
  if (groupingKeys.includes('configuration_item') && incident.configurationItemId) {
    clusters.push({
      key: `ci:${incident.configurationItemId}`,
      configurationItemId: incident.configurationItemId,
      serviceId: null,
      category: null,
    });
  }
  if (groupingKeys.includes('service_category') && incident.category) {
    for (const serviceId of new Set(incident.serviceIds)) {
      clusters.push({
        key: `service:${serviceId}:category:${incident.category}`,
        configurationItemId: null,
        serviceId,
        category: incident.category,
      });
    }
  }
  return clusters.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The earliest opening time an incident may have to recur with one opened at `openedAt`. */
export function windowStart(openedAt: Date, settings: Pick<DetectionSettings, 'windowMinutes'>) {
  return new Date(openedAt.getTime() - settings.windowMinutes * 60_000);
}

export const isRecurring = (count: number, settings: Pick<DetectionSettings, 'threshold'>) =>
  count >= settings.threshold;

/** The short description of the problem opened for a cluster, from its incidents' own. */
export function detectedProblemTitle(cluster: Cluster, count: number, example: string): string {
  const where = cluster.configurationItemId
    ? 'on one CI'
    : `of category ${cluster.category} on one service`;
  return `${count} recurring incidents ${where}: ${example}`.slice(0, 160);
}

/** The incident fields (as `incident.updated` names them) that decide its clusters. */
const CLUSTER_FIELDS = new Set(['configurationItemId', 'category', 'impactedServices']);

/**
 * Whether an incident's update may put it in a new cluster. A change of its problem never does: an
 * incident that somebody unlinked from a problem stays unlinked until its clusters change.
 */
export const movesClusters = (changedFields: readonly string[]) =>
  changedFields.some((field) => CLUSTER_FIELDS.has(field)) && !changedFields.includes('problemId');
