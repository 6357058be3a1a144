import { ImpactGraph, type CiSummary } from './impact-graph';
import { walk } from './impact-walk.testing';

const ci = (id: string, status = 'operational'): CiSummary => ({
  id,
  name: `${id}-name`,
  status,
  criticality: 2,
  classId: 'class',
});

/** `a → b` reads "a depends on b": b's failure impacts a. */
function graphOf(edges: string, retired: string[] = []): ImpactGraph {
  const graph = new ImpactGraph();
  for (const pair of edges.split(' ')) {
    const [source, target] = pair.split('→') as [string, string];
    for (const id of [source, target])
      graph.putCi(id, ci(id, retired.includes(id) ? 'retired' : undefined));
    graph.putEdge(source, target, true);
  }
  return graph;
}

const walkOf = (graph: ImpactGraph, start: string, maxDepth = 10, limit = 1000) =>
  walk(graph, start, 'impact', { maxDepth, limit });

describe('ImpactGraph', () => {
  it('reaches each dependant once, at its smallest depth, with one shortest path', () => {
    const graph = graphOf('a→s b→s c→a c→b d→c d→s');
    const { rows, more, pathTo } = walkOf(graph, 's');
    expect(rows.map((r) => [r.id, r.depth, r.via, pathTo(r.id)])).toEqual([
      ['a', 1, 's', ['s', 'a']],
      ['b', 1, 's', ['s', 'b']],
      ['d', 1, 's', ['s', 'd']],
      ['c', 2, 'a', ['s', 'a', 'c']],
    ]);
    expect(rows[0]).toMatchObject({ name: 'a-name', criticality: 2, classId: 'class' });
    expect(more).toBe(false);
  });

  it('ends in a cycle and never reports the start', () => {
    const { rows } = walkOf(graphOf('a→s b→a s→b'), 's');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('walks the other direction for dependencies', () => {
    const { rows } = walk(graphOf('a→s s→x x→y'), 's', 'dependencies', { maxDepth: 5, limit: 10 });
    expect(rows.map((r) => [r.id, r.depth])).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
  });

  it('stops at the depth limit and says more lies beyond', () => {
    const graph = graphOf('a→s b→a c→b');
    const { rows, more } = walkOf(graph, 's', 2);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(more).toBe(true);
    expect(walkOf(graph, 's', 3).more).toBe(false);
  });

  it('finishes the level where the limit is reached', () => {
    const { rows, more } = walkOf(graphOf('a→s b→s c→s d→a'), 's', 10, 2);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(more).toBe(true);
  });

  it('walks through a retired CI without reporting it', () => {
    const { rows, pathTo } = walkOf(graphOf('r→s a→r', ['r']), 's');
    expect(rows.map((r) => [r.id, r.via, pathTo(r.id)])).toEqual([['a', 'r', ['s', 'r', 'a']]]);
  });

  it('forgets a removed relationship and a deleted CI with its relationships', () => {
    const graph = graphOf('a→s b→s c→b');
    graph.putEdge('a', 's', false);
    expect(walkOf(graph, 's').rows.map((r) => r.id)).toEqual(['b', 'c']);
    graph.putCi('b', undefined);
    expect(walkOf(graph, 's').rows).toEqual([]);
    expect(graph.ci('b')).toBeUndefined();
    expect(walk(graph, 'c', 'dependencies', { maxDepth: 5, limit: 10 }).rows).toEqual([]);
  });

  it('keeps one edge for several relationships between the same two CIs', () => {
    const graph = graphOf('a→s a→s');
    graph.appendEdge('b', 's');
    graph.seal();
    expect(walkOf(graph, 's').rows.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('keeps edges changed after the rows were built, and builds them again the same', () => {
    const graph = graphOf('a→s b→s c→a');
    graph.seal();
    graph.putEdge('a', 's', false);
    graph.putEdge('d', 's', true);
    graph.putEdge('a', 's', true);
    graph.putEdge('b', 's', false);
    const before = walkOf(graph, 's').rows.map((r) => [r.id, r.depth]);
    expect(before).toEqual([
      ['a', 1],
      ['d', 1],
      ['c', 2],
    ]);
    expect(graph.overlaySize).toBeGreaterThan(0);
    graph.seal();
    expect(graph.overlaySize).toBe(0);
    expect(walkOf(graph, 's').rows.map((r) => [r.id, r.depth])).toEqual(before);
  });

  it('neither reports nor crosses a deleted CI whose edges are still built in', () => {
    const graph = graphOf('a→s b→a');
    graph.seal();
    graph.putCi('a', undefined);
    expect(walkOf(graph, 's').rows).toEqual([]);
  });

  it('shows the latest summary of a CI', () => {
    const graph = graphOf('a→s');
    graph.putCi('a', { ...ci('a'), name: 'renamed', status: 'down' });
    expect(walkOf(graph, 's').rows[0]).toMatchObject({ name: 'renamed', status: 'down' });
    expect(walkOf(graph, 'unknown')).toMatchObject({ rows: [], more: false });
  });

  describe('laid out for walks', () => {
    const EDGES = 'a→s b→s c→a c→b d→c d→s e→d x→y y→x q→x z→w';
    const starts = ['s', 'c', 'x', 'w', 'e'];
    const ids = [...new Set(EDGES.split(/[ →]/))];
    /** Every CI different in every column, as a load reads them: CIs, then edges appended. */
    const loaded = () => {
      const graph = new ImpactGraph();
      ids.forEach((id, index) =>
        graph.putCi(id, {
          id,
          name: `${id} «${index}»`,
          status: ['operational', 'degraded', 'down', 'retired'][index % 4]!,
          criticality: 1 + (index % 5),
          classId: `class-${index % 3}`,
        }),
      );
      for (const pair of EDGES.split(' '))
        graph.appendEdge(...(pair.split('→') as [string, string]));
      return graph;
    };
    /** What a walk tells, whatever order the slots are in: each CI at its depth, on a real path. */
    const walks = (graph: ImpactGraph) =>
      starts.flatMap((start) =>
        (['impact', 'dependencies'] as const).map((direction) => {
          const { rows, more, pathTo } = walk(graph, start, direction, {
            maxDepth: 10,
            limit: 100,
          });
          const hops = new Set(EDGES.split(' '));
          for (const row of rows) {
            const path = pathTo(row.id);
            expect(path).toHaveLength(row.depth + 1);
            path.slice(1).forEach((id, i) => {
              const [from, to] = direction === 'impact' ? [id, path[i]] : [path[i], id];
              expect(hops.has(`${from}→${to}`)).toBe(true);
            });
          }
          const summaries = rows
            .map(({ via: _via, ...row }) => row)
            .sort((x, y) => x.id.localeCompare(y.id));
          return { start, direction, more, summaries };
        }),
      );
    const slotOf = (graph: ImpactGraph, id: string) =>
      graph.reach(id, 'impact', { maxDepth: 0, limit: 0 })!.origin;
    /** A CI's ready-made JSON, read out of the fragment buffer at its slot. */
    const fragmentOf = (graph: ImpactGraph, id: string) => {
      const slot = slotOf(graph, id);
      const start = graph.fragmentStartOf(slot);
      const text = graph.fragmentBytes.toString(
        'utf8',
        start,
        start + graph.fragmentLengthOf(slot),
      );
      return JSON.parse(`{${text}}`) as unknown;
    };

    it('answers every walk, summary and fragment as before', () => {
      const before = loaded();
      before.seal();
      const after = loaded();
      after.layOut();
      // s depends on nothing: the layout starts with it, then what depends on it, level by level.
      expect([slotOf(before, 's'), slotOf(after, 's')]).toEqual([1, 0]);
      expect(['a', 'b', 'd'].map((id) => slotOf(after, id)).sort()).toEqual([1, 2, 3]);
      expect(walks(after)).toEqual(walks(before));
      for (const id of ids) {
        expect(after.ci(id)).toEqual(before.ci(id));
        expect(fragmentOf(after, id)).toEqual(fragmentOf(before, id));
      }
      expect(fragmentOf(after, 'c')).toMatchObject({ id: 'c', operationalStatus: 'retired' });
      expect(after.size).toBe(before.size);
      expect(after.overlaySize).toBe(0);
    });

    it('keeps taking changes, past the room it was laid out with', () => {
      const graph = graphOf(EDGES);
      graph.putCi('gone', ci('gone'));
      graph.putEdge('gone', 's', true);
      graph.putCi('gone', undefined);
      graph.layOut();
      expect(graph.ci('gone')).toBeUndefined();
      graph.putCi('c', { ...ci('c'), name: 'renamed' });
      graph.putEdge('d', 's', false);
      for (let i = 0; i < 1500; i++) graph.putEdge(`n${i}`, 'e', true);
      graph.putCi('n1499', ci('n1499'));
      const { rows } = walkOf(graph, 's');
      expect(rows.find((r) => r.id === 'c')).toMatchObject({ name: 'renamed' });
      expect(rows.find((r) => r.id === 'd')).toMatchObject({ depth: 3 });
      expect(rows.filter((r) => r.id.startsWith('n'))).toHaveLength(1500);
      expect(rows.find((r) => r.id === 'n1499')).toMatchObject({ name: 'n1499-name', depth: 5 });
    });
  });
});
