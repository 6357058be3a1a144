export type Direction = 'impact' | 'dependencies';

/** What an impact answer shows of a CI. */
export interface CiSummary {
  id: string;
  name: string;
  status: string;
  criticality: number;
  classId: string;
}

/**
 * A walk as slots, for writing an answer without an object per CI: the CIs reported (not retired),
 * by depth, each with the slot it was first reached from.
 */
export interface Reach {
  origin: number;
  count: number;
  slots: Int32Array;
  depths: Int32Array;
  vias: Int32Array;
  more: boolean;
  /** How many levels were walked: fewer than `maxDepth` when the walk stopped for its `limit`. */
  levels: number;
  /** One shortest path from the origin to a slot reached, the origin first. */
  pathOf(slot: number): number[];
}

const STATUSES = ['operational', 'degraded', 'down', 'retired'];
const RETIRED = STATUSES.indexOf('retired');
/** The status code of a slot whose CI was deleted: walks neither report nor cross it. */
const DELETED = 255;
/** Edge keys pack two slots into one number: up to 2^24 (16.7 million) CIs. */
const SLOT_LIMIT = 2 ** 24;
/** Where the id starts in a CI's JSON fragment (ids are UUIDs: ASCII, nothing to escape). */
export const ID_IN_FRAGMENT = '"id":"'.length;

/**
 * The CMDB's relationship graph held in memory: CIs are numbered slots, and each direction of the
 * edges is a compressed sparse row (one offsets array, one neighbours array), plus a small overlay
 * of the edges added and removed since it was built. CI summaries are columns, and each CI's id and
 * name are kept once more as ready-made JSON in one buffer, so an answer is written by copying
 * bytes. Typed arrays and buffers keep a million CIs and millions of edges out of the garbage
 * collector's way: the heap holds little more than the ids, so a walk is not slowed by collections
 * of a large heap.
 *
 * Relationship types and multiple relationships between the same two CIs do not matter to a walk,
 * so an edge is just a pair of slots. Plain data and plain functions: loading it and keeping it
 * current is `GraphSync`'s job.
 */
export class ImpactGraph {
  private readonly slots = new Map<string, number>();
  private ids: string[] = [];
  /** Each CI's id and name, already in JSON, in one buffer outside the garbage-collected heap. */
  private fragments = Buffer.allocUnsafe(1 << 20);
  private fragmentsUsed = 0;
  private fragmentAt = new Int32Array(1024);
  private fragmentLength = new Int32Array(1024);
  private status = new Uint8Array(1024);
  private criticality = new Uint8Array(1024);
  private classOf = new Uint16Array(1024);
  private readonly classIds: string[] = [];
  private readonly classIndex = new Map<string, number>();

  /** dependants: t → every s with a relationship s → t (whom t's failure reaches). */
  private readonly dependants = new AdjacencyRows();
  private readonly dependencies = new AdjacencyRows();

  get size(): number {
    return this.slots.size;
  }

  /** Edges added or removed since the adjacency rows were last built. */
  get overlaySize(): number {
    return this.dependants.overlaySize;
  }

  ci(id: string): CiSummary | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.summaryAt(slot);
  }

  /** Adds or replaces a CI's summary; `undefined` means the CI no longer exists. */
  putCi(id: string, summary: CiSummary | undefined): void {
    if (!summary) {
      const slot = this.slots.get(id);
      if (slot === undefined) return;
      this.status[slot] = DELETED;
      this.slots.delete(id);
      return;
    }
    const slot = this.slotOf(id);
    this.status[slot] = Math.max(0, STATUSES.indexOf(summary.status));
    this.criticality[slot] = summary.criticality;
    this.classOf[slot] = this.classNumber(summary.classId);
    this.writeFragment(slot, summary.name);
  }

  /** Records whether at least one relationship runs from `source` to `target`. */
  putEdge(source: string, target: string, present: boolean): void {
    if (present) {
      const from = this.slotOf(source);
      const to = this.slotOf(target);
      this.dependants.add(to, from);
      this.dependencies.add(from, to);
      return;
    }
    const from = this.slots.get(source);
    const to = this.slots.get(target);
    if (from === undefined || to === undefined) return;
    this.dependants.remove(to, from);
    this.dependencies.remove(from, to);
  }

  /** For loading: appends an edge the caller knows to be new; `seal` builds the rows. */
  appendEdge(source: string, target: string): void {
    const from = this.slotOf(source);
    const to = this.slotOf(target);
    this.dependants.append(to, from);
    this.dependencies.append(from, to);
  }

  /** Builds the adjacency rows from the appended edges and the overlay (after a load). */
  seal(): void {
    this.dependants.rebuild(this.ids.length);
    this.dependencies.rebuild(this.ids.length);
  }

  /**
   * Seals, then renumbers the slots so that what a walk reaches lies together in memory:
   * breadth-first along the dependants, from each CI that depends on nothing (network devices,
   * storage…) in turn, then whatever a cycle kept out of reach. Loaded in id order, the CIs one
   * impact walk reaches are scattered over the whole graph, and reading their columns and
   * fragments costs a cache miss each; laid out like this, a hub's dependants follow one another
   * as the walk finds them, which makes a walk and its answer several times faster.
   */
  layOut(): void {
    this.seal();
    const count = this.ids.length;
    const order = new Int32Array(count);
    const placed = new Uint8Array(count);
    let placedCount = 0;
    let head = 0;
    const place = (slot: number) => {
      if (placed[slot]) return;
      placed[slot] = 1;
      order[placedCount++] = slot;
    };
    const placeFrom = (root: number) => {
      place(root);
      while (head < placedCount) this.dependants.forEach(order[head++]!, place);
    };
    for (let slot = 0; slot < count; slot++) {
      if (this.dependencies.hasNoBuiltEdge(slot)) placeFrom(slot);
    }
    for (let slot = 0; slot < count; slot++) placeFrom(slot);
    this.renumber(order);
  }

  /**
   * Breadth-first from `start`, each CI once at its smallest depth with the CI it was first reached
   * from: the work grows with the CIs reached, never with the number of paths, and cycles end by
   * themselves. Stops after `maxDepth` levels, or after the level where `limit` CIs have been reached;
   * `more` says whether anything lay beyond. Retired CIs are walked through (their relationships
   * still tell the path) but not reported. CIs come by depth, as slots.
   */
  reach(
    start: string,
    direction: Direction,
    options: { maxDepth: number; limit: number },
  ): Reach | undefined {
    const origin = this.slots.get(start);
    if (origin === undefined) return undefined;
    const edges = direction === 'impact' ? this.dependants : this.dependencies;
    const via = new Map<number, number>([[origin, origin]]);
    let slots = new Int32Array(256);
    let depths = new Int32Array(256);
    let vias = new Int32Array(256);
    let count = 0;
    let frontier = [origin];
    let depth = 0;
    while (frontier.length > 0 && depth < options.maxDepth && via.size - 1 < options.limit) {
      depth++;
      const next: number[] = [];
      for (const slot of frontier) {
        edges.forEach(slot, (neighbour) => {
          if (via.has(neighbour) || this.status[neighbour] === DELETED) return;
          via.set(neighbour, slot);
          next.push(neighbour);
          if (this.status[neighbour] === RETIRED) return;
          if (count === slots.length)
            [slots, depths, vias] = [grow(slots), grow(depths), grow(vias)];
          slots[count] = neighbour;
          depths[count] = depth;
          vias[count] = slot;
          count++;
        });
      }
      frontier = next;
    }
    const more = frontier.some((slot) => {
      let unseen = false;
      edges.forEach(slot, (n) => (unseen ||= !via.has(n) && this.status[n] !== DELETED));
      return unseen;
    });
    const pathOf = (slot: number): number[] => {
      const path = [slot];
      while (path[0] !== origin) path.unshift(via.get(path[0]!)!);
      return path;
    };
    return { origin, count, slots, depths, vias, more, levels: depth, pathOf };
  }

  /**
   * The buffer holding every CI's `"id":"…","name":…,"operationalStatus":…,"criticality":…`: the
   * bytes from `fragmentStartOf` for `fragmentLengthOf`, the id from `ID_IN_FRAGMENT` to the next
   * `"`. Read it again after any change.
   */
  get fragmentBytes(): Buffer {
    return this.fragments;
  }

  fragmentStartOf(slot: number): number {
    return this.fragmentAt[slot]!;
  }

  fragmentLengthOf(slot: number): number {
    return this.fragmentLength[slot]!;
  }

  /** The CI's class as a small number (the same for every CI of the class), and back. */
  classNumberOf(slot: number): number {
    return this.classOf[slot]!;
  }

  classIdOfNumber(classNumber: number): string {
    return this.classIds[classNumber]!;
  }

  idAt(slot: number): string {
    return this.ids[slot]!;
  }

  summaryAt(slot: number): CiSummary {
    return {
      id: this.ids[slot]!,
      name: this.nameOf(slot),
      status: STATUSES[this.status[slot]!] ?? 'operational',
      criticality: this.criticality[slot]!,
      classId: this.classIds[this.classOf[slot]!]!,
    };
  }

  private slotOf(id: string): number {
    let slot = this.slots.get(id);
    if (slot !== undefined) return slot;
    slot = this.ids.length;
    if (slot >= SLOT_LIMIT)
      throw new RangeError(`The impact graph holds at most ${SLOT_LIMIT} CIs`);
    if (slot >= this.status.length) {
      this.status = grow(this.status);
      this.criticality = grow(this.criticality);
      this.classOf = grow(this.classOf);
      this.fragmentAt = grow(this.fragmentAt);
      this.fragmentLength = grow(this.fragmentLength);
    }
    this.slots.set(id, slot);
    this.ids.push(id);
    // A relationship can name a CI whose summary arrives in the same batch of changes.
    this.status[slot] = 0;
    this.criticality[slot] = 4;
    this.classOf[slot] = this.classNumber('');
    this.writeFragment(slot, id);
    return slot;
  }

  /** Moves the CI in slot `order[i]` to slot i, its fragment and its edges with it. */
  private renumber(order: Int32Array): void {
    const count = order.length;
    const slotNow = new Int32Array(count);
    order.forEach((old, slot) => (slotNow[old] = slot));
    // Room for the CIs added later, as the arrays grow by doubling.
    const capacity = Math.max(count, 1024);
    // A quarter more room for the fragments of changed CIs, so the first change does not double it.
    const fragments = Buffer.allocUnsafe(Math.max(Math.ceil(this.fragmentsUsed * 1.25), 1 << 20));
    const fragmentAt = new Int32Array(capacity);
    const fragmentLength = new Int32Array(capacity);
    const status = new Uint8Array(capacity);
    const criticality = new Uint8Array(capacity);
    const classOf = new Uint16Array(capacity);
    const ids: string[] = [];
    let used = 0;
    for (let slot = 0; slot < count; slot++) {
      const old = order[slot]!;
      const id = this.ids[old]!;
      ids.push(id);
      status[slot] = this.status[old]!;
      criticality[slot] = this.criticality[old]!;
      classOf[slot] = this.classOf[old]!;
      const start = this.fragmentAt[old]!;
      const length = this.fragmentLength[old]!;
      this.fragments.copy(fragments, used, start, start + length);
      fragmentAt[slot] = used;
      fragmentLength[slot] = length;
      used += length;
      if (status[slot] !== DELETED) this.slots.set(id, slot);
    }
    this.ids = ids;
    this.fragments = fragments;
    this.fragmentsUsed = used;
    this.fragmentAt = fragmentAt;
    this.fragmentLength = fragmentLength;
    this.status = status;
    this.criticality = criticality;
    this.classOf = classOf;
    this.dependants.renumber(slotNow);
    this.dependencies.renumber(slotNow);
  }

  private nameOf(slot: number): string {
    const at = this.fragmentAt[slot]!;
    const json = this.fragments.toString('utf8', at, at + this.fragmentLength[slot]!);
    return (JSON.parse(`{${json}}`) as { name: string }).name;
  }

  /**
   * A changed CI's new fragment goes at the end; the old one stays unused until the next load. Its
   * status and criticality are in it too: an answer copies one run of bytes per CI.
   */
  private writeFragment(slot: number, name: string): void {
    const id = this.ids[slot]!;
    const status = STATUSES[this.status[slot]!] ?? 'operational';
    const fragment = `"id":"${id}","name":${JSON.stringify(name)},"operationalStatus":"${status}","criticality":${this.criticality[slot]}`;
    const length = Buffer.byteLength(fragment);
    while (this.fragmentsUsed + length > this.fragments.length) {
      const bigger = Buffer.allocUnsafe(this.fragments.length * 2);
      this.fragments.copy(bigger, 0, 0, this.fragmentsUsed);
      this.fragments = bigger;
    }
    this.fragments.write(fragment, this.fragmentsUsed);
    this.fragmentAt[slot] = this.fragmentsUsed;
    this.fragmentLength[slot] = length;
    this.fragmentsUsed += length;
  }

  private classNumber(classId: string): number {
    let index = this.classIndex.get(classId);
    if (index === undefined) {
      index = this.classIds.push(classId) - 1;
      this.classIndex.set(classId, index);
    }
    return index;
  }
}

/**
 * The edges of one direction: rows built in bulk (offsets + neighbours, both typed arrays), an
 * overlay of edges added since, and the built edges removed since.
 */
class AdjacencyRows {
  private offsets = new Int32Array(1);
  private neighbours = new Int32Array(0);
  private readonly added = new Map<number, number[]>();
  private readonly removed = new Set<number>();
  private pendingFrom = new Int32Array(1024);
  private pendingTo = new Int32Array(1024);
  private pending = 0;

  get overlaySize(): number {
    return this.removed.size + this.added.size;
  }

  forEach(slot: number, visit: (neighbour: number) => void): void {
    if (slot + 1 < this.offsets.length) {
      for (let i = this.offsets[slot]!; i < this.offsets[slot + 1]!; i++) {
        const neighbour = this.neighbours[i]!;
        if (this.removed.size === 0 || !this.removed.has(key(slot, neighbour))) visit(neighbour);
      }
    }
    for (const neighbour of this.added.get(slot) ?? []) visit(neighbour);
  }

  add(from: number, to: number): void {
    if (this.removed.delete(key(from, to))) return;
    if (this.inRows(from, to)) return;
    const list = this.added.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    this.added.set(from, list);
  }

  remove(from: number, to: number): void {
    const list = this.added.get(from);
    const index = list?.indexOf(to) ?? -1;
    if (index >= 0) {
      list!.splice(index, 1);
      if (list!.length === 0) this.added.delete(from);
    } else if (this.inRows(from, to)) {
      this.removed.add(key(from, to));
    }
  }

  append(from: number, to: number): void {
    if (this.pending === this.pendingFrom.length) {
      this.pendingFrom = grow(this.pendingFrom);
      this.pendingTo = grow(this.pendingTo);
    }
    this.pendingFrom[this.pending] = from;
    this.pendingTo[this.pending] = to;
    this.pending++;
  }

  /** Rows of every edge (built, overlay, appended), by counting sort on the source slot. */
  rebuild(slotCount: number): void {
    const from: number[] = [];
    const to: number[] = [];
    for (let slot = 0; slot < slotCount; slot++) {
      this.forEach(slot, (neighbour) => {
        from.push(slot);
        to.push(neighbour);
      });
    }
    const total = from.length + this.pending;
    const offsets = new Int32Array(slotCount + 1);
    const each = (visit: (f: number, t: number) => void) => {
      for (let i = 0; i < from.length; i++) visit(from[i]!, to[i]!);
      for (let i = 0; i < this.pending; i++) visit(this.pendingFrom[i]!, this.pendingTo[i]!);
    };
    each((f) => offsets[f + 1]!++);
    for (let slot = 0; slot < slotCount; slot++) offsets[slot + 1]! += offsets[slot]!;
    const fill = offsets.slice(0, slotCount);
    const neighbours = new Int32Array(total);
    each((f, t) => (neighbours[fill[f]!++] = t));
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.added.clear();
    this.removed.clear();
    this.pendingFrom = new Int32Array(1024);
    this.pendingTo = new Int32Array(1024);
    this.pending = 0;
  }

  /** Whether a slot has no edge in the built rows: the whole answer only right after a rebuild. */
  hasNoBuiltEdge(slot: number): boolean {
    return slot + 1 >= this.offsets.length || this.offsets[slot] === this.offsets[slot + 1];
  }

  /** The same rows with every slot `s` now `slotNow[s]` (sealed rows: no overlay). */
  renumber(slotNow: Int32Array): void {
    const count = slotNow.length;
    for (let slot = 0; slot + 1 < this.offsets.length; slot++) {
      for (let i = this.offsets[slot]!; i < this.offsets[slot + 1]!; i++) {
        this.append(slotNow[slot]!, slotNow[this.neighbours[i]!]!);
      }
    }
    this.offsets = new Int32Array(1);
    this.neighbours = new Int32Array(0);
    this.rebuild(count);
  }

  private inRows(from: number, to: number): boolean {
    if (from + 1 >= this.offsets.length) return false;
    for (let i = this.offsets[from]!; i < this.offsets[from + 1]!; i++) {
      if (this.neighbours[i] === to) return true;
    }
    return false;
  }
}

function key(from: number, to: number): number {
  return from * SLOT_LIMIT + to;
}

function grow<T extends Uint8Array | Uint16Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
