import type { Direction, Reach } from './impact-graph';

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

/**
 * Whether a walk for a change's conflict check left out CIs within its depth: more reached than
 * the limit, or stopped for the limit before its last level (retired CIs count towards the limit
 * without being reported) with CIs beyond. CIs only beyond `maxDepth` are not missing: the answer
 * says how deep it looked.
 */
export function relatedWalkCutShort(
  reach: Pick<Reach, 'count' | 'more' | 'levels'>,
  walk: { maxDepth: number; limit: number },
): boolean {
  return reach.count > walk.limit || (reach.more && reach.levels < walk.maxDepth);
}
