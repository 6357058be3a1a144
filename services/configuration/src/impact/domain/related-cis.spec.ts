import { ImpactGraph } from './impact-graph';
import { nearestRelated, relatedWalkCutShort, type RelatedCi } from './related-cis';

const ci = (
  id: string,
  depth: number,
  direction: RelatedCi['direction'] = 'impact',
): RelatedCi => ({
  id,
  direction,
  depth,
  path: ['x', id],
});

describe('the CIs related to a change’s CIs', () => {
  it('keeps each CI once per direction, at its smallest depth, nearest first', () => {
    const { related, truncated } = nearestRelated(
      ['a', 'b'],
      [ci('c', 2), ci('c', 1), ci('c', 1, 'dependencies'), ci('d', 3)],
      10,
    );
    expect(related.map((r) => [r.id, r.direction, r.depth])).toEqual([
      ['c', 'impact', 1],
      ['c', 'dependencies', 1],
      ['d', 'impact', 3],
    ]);
    expect(truncated).toBe(false);
  });

  it('leaves out the named CIs, which another named CI may reach', () => {
    expect(nearestRelated(['a', 'b'], [ci('b', 1)], 10).related).toEqual([]);
  });

  it('stops at the limit and says so', () => {
    const { related, truncated } = nearestRelated(['a'], [ci('c', 2), ci('d', 1), ci('e', 3)], 2);
    expect(related.map((r) => r.id)).toEqual(['d', 'c']);
    expect(truncated).toBe(true);
  });

  describe('whether a walk left out related CIs', () => {
    /** s has three dependants, two of them retired; the third has a dependant of its own. */
    const graph = new ImpactGraph();
    for (const [id, status] of [
      ['s', 'operational'],
      ['a', 'retired'],
      ['b', 'retired'],
      ['c', 'operational'],
      ['d', 'operational'],
    ] as const) {
      graph.putCi(id, { id, name: id, status, criticality: 2, classId: 'class' });
    }
    for (const [source, target] of [
      ['a', 's'],
      ['b', 's'],
      ['c', 's'],
      ['d', 'c'],
    ] as const) {
      graph.putEdge(source, target, true);
    }
    const cutShort = (maxDepth: number, limit: number) =>
      relatedWalkCutShort(graph.reach('s', 'impact', { maxDepth, limit })!, { maxDepth, limit });

    it('is cut short when the limit, reached with retired CIs, stopped it before CIs within its depth', () => {
      expect(cutShort(5, 2)).toBe(true);
    });

    it('is not when it walked every level, even with CIs beyond its depth', () => {
      expect(cutShort(5, 10)).toBe(false);
      expect(cutShort(1, 10)).toBe(false);
    });
  });
});
