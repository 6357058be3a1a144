/** One CI reached from the start of an impact (or dependency) analysis. */
export interface ReachedCi {
  id: string;
  depth: number;
  /** The CI ids from the start to this one (both included): one shortest path. */
  path: string[];
}

export interface TraversalResult {
  reached: ReachedCi[];
  /** The depth limit stopped the walk while there was more to find. */
  truncatedAtDepth: boolean;
  /** The size limit stopped the walk. */
  truncatedAtLimit: boolean;
}

/** The neighbours of a set of CIs in the direction of the walk: [from, to] pairs. */
export type NextLevel = (frontier: readonly string[]) => Promise<Array<[string, string]>>;

/**
 * Breadth-first walk from one CI, one query per level. Each CI is visited once, at its smallest
 * depth, with the first path that reached it: the work is proportional to the CIs and edges
 * reached, never to the number of paths (which grows exponentially in a dense graph), and cycles
 * end by themselves.
 */
export async function traverse(
  start: string,
  next: NextLevel,
  options: { maxDepth: number; limit: number },
): Promise<TraversalResult> {
  const parent = new Map<string, string | null>([[start, null]]);
  const reached: Array<{ id: string; depth: number }> = [];
  let frontier = [start];
  let truncatedAtDepth = false;
  let truncatedAtLimit = false;

  for (let depth = 1; frontier.length > 0; depth++) {
    const edges = await next(frontier);
    const discovered: string[] = [];
    for (const [from, to] of edges) {
      if (parent.has(to)) continue;
      if (depth > options.maxDepth) {
        truncatedAtDepth = true;
        break;
      }
      if (reached.length >= options.limit) {
        truncatedAtLimit = true;
        break;
      }
      parent.set(to, from);
      discovered.push(to);
      reached.push({ id: to, depth });
    }
    if (truncatedAtDepth || truncatedAtLimit) break;
    frontier = discovered;
  }

  return {
    reached: reached.map(({ id, depth }) => ({ id, depth, path: pathTo(id, parent) })),
    truncatedAtDepth,
    truncatedAtLimit,
  };
}

function pathTo(id: string, parent: ReadonlyMap<string, string | null>): string[] {
  const path = [id];
  for (let at = parent.get(id); at; at = parent.get(at)) path.push(at);
  return path.reverse();
}
