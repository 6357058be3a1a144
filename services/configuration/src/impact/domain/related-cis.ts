import type { Direction } from './impact-graph';

/** A CI near one of a change's CIs, with one shortest path from that CI to it. */
export interface RelatedCi {
  id: string;
  direction: Direction;
  depth: number;
  path: string[];
}

/**
 * The related CIs of several named CIs together, for a change's conflict check: each CI once per
 * direction at its smallest depth, the named CIs themselves left out, nearest first, at most `limit`.
 */
export function nearestRelated(
  named: readonly string[],
  found: readonly RelatedCi[],
  limit: number,
): { related: RelatedCi[]; truncated: boolean } {
  const own = new Set(named);
  const nearest = new Map<string, RelatedCi>();
  for (const ci of found) {
    if (own.has(ci.id)) continue;
    const key = `${ci.direction}:${ci.id}`;
    const seen = nearest.get(key);
    if (!seen || ci.depth < seen.depth) nearest.set(key, ci);
  }
  const related = [...nearest.values()].sort((a, b) => a.depth - b.depth);
  return { related: related.slice(0, limit), truncated: related.length > limit };
}
