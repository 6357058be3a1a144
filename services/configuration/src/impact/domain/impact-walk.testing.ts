import type { CiSummary, Direction, ImpactGraph } from './impact-graph';

/** One CI a walk reached, with the CI it was first reached from (one hop nearer the start). */
export interface WalkRow extends CiSummary {
  depth: number;
  via: string;
}

/**
 * `ImpactGraph#reach` read back as objects: what the tests compare answers and layouts with. The
 * service itself never makes an object per CI reached.
 */
export function walk(
  graph: ImpactGraph,
  start: string,
  direction: Direction,
  options: { maxDepth: number; limit: number },
) {
  const reach = graph.reach(start, direction, options);
  if (!reach) return { rows: [] as WalkRow[], more: false, pathTo: () => [] as string[] };
  const rows: WalkRow[] = [];
  for (let i = 0; i < reach.count; i++) {
    const slot = reach.slots[i]!;
    rows.push({
      ...graph.summaryAt(slot),
      depth: reach.depths[i]!,
      via: graph.idAt(reach.vias[i]!),
    });
  }
  const slotOf = new Map(
    [reach.origin, ...reach.slots.subarray(0, reach.count)].map((s) => [graph.idAt(s), s]),
  );
  return {
    rows,
    more: reach.more,
    /** One shortest path from the start to a CI the walk reached, the start first. */
    pathTo: (id: string) => reach.pathOf(slotOf.get(id)!).map((slot) => graph.idAt(slot)),
  };
}
