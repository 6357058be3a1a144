/** How a related CI is reached from a changed CI: along what depends on it, or what it depends on. */
export type Direction = 'impact' | 'dependencies';

/** A CI the CMDB found near a changed one, with one shortest path from that CI to it. */
export interface RelatedCi {
  id: string;
  direction: Direction;
  depth: number;
  /** From the changed CI to this one, both included. */
  path: string[];
}

/** The CMDB's answer about the neighbourhood of a change's CIs, as the change keeps it. */
export interface Footprint {
  /** The CIs the answer was computed for: an answer for others is no longer the change's. */
  ciIds: string[];
  related: RelatedCi[];
  /** The business services the CIs impact, for freezes scoped to a service. */
  serviceIds: string[];
  /** How deep the CMDB looked; a change never sees further than this, whatever it asks. */
  depth: number;
  /** The CMDB stopped at its limit of related CIs: the footprint may miss some. */
  truncated: boolean;
}

/** Where a CI stands from the change: one of its own (no direction), or related within the depth. */
export interface Reached {
  ci: string;
  direction: Direction | null;
  path: string[];
}

/**
 * Every CI within `depth` of the change's CIs, each with its shortest path: the change's own CIs at
 * depth 0 (from `ciIds`, whether or not the CMDB has answered), then the related CIs of the answer.
 */
export function reachedCis(
  ciIds: readonly string[],
  footprint: Footprint | null,
  depth: number,
): Map<string, Reached> {
  const reached = new Map<string, Reached>();
  for (const ci of ciIds) reached.set(ci.toLowerCase(), { ci, direction: null, path: [ci] });
  const related = [...(footprint?.related ?? [])]
    .filter((r) => r.depth <= depth)
    .sort((a, b) => a.depth - b.depth);
  for (const r of related) {
    const key = r.id.toLowerCase();
    if (!reached.has(key)) reached.set(key, { ci: r.id, direction: r.direction, path: r.path });
  }
  return reached;
}
