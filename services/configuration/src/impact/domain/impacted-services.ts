/** A business service an incident or a change affects, at its smallest depth from the named CIs. */
export interface ImpactedService {
  id: string;
  name: string;
  criticality: number;
  depth: number;
}

/** One named CI's impact: the CI itself (depth 0) and what depends on it. */
export interface CiImpact {
  ci: ImpactedService & { businessService: boolean };
  /** The business services among the CIs that depend on it. */
  services: ImpactedService[];
  /** Every CI that depends on it, by id. */
  reached: readonly string[];
}

/**
 * The business services several CIs impact together: each once, at its smallest depth (a named CI
 * that is itself a business service is impacted at depth 0), the nearest and most critical first;
 * and how many distinct CIs are impacted.
 */
export function combineImpacts(impacts: readonly CiImpact[]): {
  services: ImpactedService[];
  impactedCiCount: number;
} {
  const services = new Map<string, ImpactedService>();
  const impacted = new Set<string>();
  for (const { ci, services: dependants, reached } of impacts) {
    for (const id of reached) impacted.add(id);
    for (const candidate of ci.businessService ? [ci, ...dependants] : dependants) {
      const seen = services.get(candidate.id);
      if (!seen || candidate.depth < seen.depth) {
        const { id, name, criticality, depth } = candidate;
        services.set(id, { id, name, criticality, depth });
      }
    }
  }
  return {
    services: [...services.values()].sort(
      (a, b) => a.depth - b.depth || a.criticality - b.criticality,
    ),
    impactedCiCount: impacted.size,
  };
}
