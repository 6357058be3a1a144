export type Direction = 'impact' | 'dependencies';

/** What an impact answer shows of a CI. */
export interface CiSummary {
  id: string;
  name: string;
  status: string;
  criticality: number;
  classId: string;
}

/** One CI reached by a walk, with the CI it was first reached from (one hop nearer the start). */
export interface WalkRow extends CiSummary {
  depth: number;
  via: string;
}

export interface Walk {
  rows: WalkRow[];
  more: boolean;
  /** One shortest path from the start to a CI the walk reached, the start first. */
  pathTo(id: string): string[];
}

/**
 * The CMDB's relationship graph held in memory: CIs are numbered slots, and each slot lists the
 * slots that depend on it and those it depends on. Relationship types and multiple relationships
 * between the same two CIs do not matter to a walk, so an edge is just a pair of slots.
 *
 * Plain data and plain functions: loading it and keeping it current is `GraphSync`'s job.
 */
export class ImpactGraph {
  private readonly slots = new Map<string, number>();
  private readonly cis: Array<CiSummary | undefined> = [];
  /** dependants[t] holds every s with a relationship s → t: whom t's failure reaches. */
  private readonly dependants: Array<number[] | undefined> = [];
  private readonly dependencies: Array<number[] | undefined> = [];

  get size(): number {
    return this.slots.size;
  }

  ci(id: string): CiSummary | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.cis[slot];
  }

  /** Adds or replaces a CI's summary; `undefined` means the CI no longer exists. */
  putCi(id: string, summary: CiSummary | undefined): void {
    if (summary) {
      this.cis[this.slotOf(id)] = summary;
      return;
    }
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    for (const other of this.dependants[slot] ?? []) remove(this.dependencies, other, slot);
    for (const other of this.dependencies[slot] ?? []) remove(this.dependants, other, slot);
    this.cis[slot] = this.dependants[slot] = this.dependencies[slot] = undefined;
    this.slots.delete(id);
  }

  /** Records whether at least one relationship runs from `source` to `target`. */
  putEdge(source: string, target: string, present: boolean): void {
    if (present) {
      const from = this.slotOf(source);
      const to = this.slotOf(target);
      if (add(this.dependants, to, from)) add(this.dependencies, from, to);
      return;
    }
    const from = this.slots.get(source);
    const to = this.slots.get(target);
    if (from === undefined || to === undefined) return;
    remove(this.dependants, to, from);
    remove(this.dependencies, from, to);
  }

  /**
   * Breadth-first from `start`, each CI once at its smallest depth with the CI it was first reached
   * from: the work grows with the CIs reached, never with the number of paths, and cycles end by
   * themselves. Stops after `maxDepth` levels, or after the level where `limit` CIs have been reached;
   * `more` says whether anything lay beyond. Retired CIs are walked through (their relationships
   * still tell the path) but not reported. Rows come by depth.
   */
  walk(start: string, direction: Direction, options: { maxDepth: number; limit: number }): Walk {
    const origin = this.slots.get(start);
    if (origin === undefined) return { rows: [], more: false, pathTo: () => [] };
    const edges = direction === 'impact' ? this.dependants : this.dependencies;
    const via = new Map<number, number>([[origin, origin]]);
    const reached: Array<[slot: number, depth: number]> = [];
    let frontier = [origin];
    let depth = 0;
    while (frontier.length > 0 && depth < options.maxDepth && via.size - 1 < options.limit) {
      depth++;
      const next: number[] = [];
      for (const slot of frontier) {
        for (const neighbour of edges[slot] ?? []) {
          if (via.has(neighbour)) continue;
          via.set(neighbour, slot);
          next.push(neighbour);
          reached.push([neighbour, depth]);
        }
      }
      frontier = next;
    }
    const more = frontier.some((slot) => (edges[slot] ?? []).some((n) => !via.has(n)));

    const rows: WalkRow[] = [];
    for (const [slot, depth] of reached) {
      const ci = this.cis[slot]!;
      if (ci.status !== 'retired') rows.push({ ...ci, depth, via: this.cis[via.get(slot)!]!.id });
    }
    const paths = new Map<number, string[]>([[origin, [start]]]);
    const pathOf = (slot: number): string[] => {
      let path = paths.get(slot);
      if (!path) paths.set(slot, (path = [...pathOf(via.get(slot)!), this.cis[slot]!.id]));
      return path;
    };
    return { rows, more, pathTo: (id) => pathOf(this.slots.get(id)!) };
  }

  /** For loading: appends an edge the caller knows to be new, without looking for it first. */
  appendEdge(source: string, target: string): void {
    const from = this.slotOf(source);
    const to = this.slotOf(target);
    (this.dependants[to] ??= []).push(from);
    (this.dependencies[from] ??= []).push(to);
  }

  private slotOf(id: string): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.cis.length;
      this.slots.set(id, slot);
      // A relationship can name a CI whose summary arrives in the same batch of changes.
      this.cis.push({ id, name: id, status: 'operational', criticality: 4, classId: '' });
      this.dependants.push(undefined);
      this.dependencies.push(undefined);
    }
    return slot;
  }
}

function add(lists: Array<number[] | undefined>, at: number, value: number): boolean {
  const list = (lists[at] ??= []);
  if (list.includes(value)) return false;
  list.push(value);
  return true;
}

function remove(lists: Array<number[] | undefined>, at: number, value: number): void {
  const list = lists[at];
  const index = list?.indexOf(value) ?? -1;
  if (index >= 0) list!.splice(index, 1);
}
