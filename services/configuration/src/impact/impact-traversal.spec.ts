import { traverse, type NextLevel } from './impact-traversal';

/** An in-memory graph: edges[from] = the CIs reached from it in one step. */
function graph(edges: Record<string, string[]>): { next: NextLevel; queries: () => number } {
  let queries = 0;
  return {
    next: async (frontier) => {
      queries++;
      return frontier.flatMap((from) =>
        (edges[from] ?? []).map((to): [string, string] => [from, to]),
      );
    },
    queries: () => queries,
  };
}

describe('traverse', () => {
  it('reaches each CI once, at its smallest depth, with a shortest path', async () => {
    const { next } = graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: ['e'] });
    const result = await traverse('a', next, { maxDepth: 10, limit: 100 });
    expect(result.reached).toEqual([
      { id: 'b', depth: 1, path: ['a', 'b'] },
      { id: 'c', depth: 1, path: ['a', 'c'] },
      { id: 'd', depth: 2, path: ['a', 'b', 'd'] },
      { id: 'e', depth: 3, path: ['a', 'b', 'd', 'e'] },
    ]);
    expect(result.truncatedAtDepth).toBe(false);
  });

  it('ends on cycles, and never reports the start', async () => {
    const { next } = graph({ a: ['b'], b: ['c'], c: ['a', 'b'] });
    const result = await traverse('a', next, { maxDepth: 10, limit: 100 });
    expect(result.reached.map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('stays linear in a dense layered graph where the number of paths explodes', async () => {
    // 8 layers of 40 CIs, each connected to every CI of the next layer: 40^8 paths, 320 CIs.
    const edges: Record<string, string[]> = {
      start: Array.from({ length: 40 }, (_, i) => `1-${i}`),
    };
    for (let layer = 1; layer < 8; layer++) {
      for (let i = 0; i < 40; i++) {
        edges[`${layer}-${i}`] = Array.from({ length: 40 }, (_, j) => `${layer + 1}-${j}`);
      }
    }
    const { next, queries } = graph(edges);
    const result = await traverse('start', next, { maxDepth: 10, limit: 10_000 });
    expect(result.reached).toHaveLength(320);
    expect(queries()).toBe(9);
  });

  it('says when the depth limit or the size limit cut the walk short', async () => {
    const { next } = graph({ a: ['b'], b: ['c'], c: ['d'] });
    const byDepth = await traverse('a', next, { maxDepth: 2, limit: 100 });
    expect(byDepth.reached.map((r) => r.id)).toEqual(['b', 'c']);
    expect(byDepth.truncatedAtDepth).toBe(true);
    const exact = await traverse('a', next, { maxDepth: 3, limit: 100 });
    expect(exact.truncatedAtDepth).toBe(false);
    const bySize = await traverse('a', graph({ a: ['b', 'c', 'd'] }).next, {
      maxDepth: 5,
      limit: 2,
    });
    expect(bySize.reached).toHaveLength(2);
    expect(bySize.truncatedAtLimit).toBe(true);
  });
});
