import { ImpactGraph, type CiSummary } from './impact-graph';

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
  graph.walk(start, 'impact', { maxDepth, limit });

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
    const { rows } = graphOf('a→s s→x x→y').walk('s', 'dependencies', { maxDepth: 5, limit: 10 });
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
    expect(graph.walk('c', 'dependencies', { maxDepth: 5, limit: 10 }).rows).toEqual([]);
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
});
