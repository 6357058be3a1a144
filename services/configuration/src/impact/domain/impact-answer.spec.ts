import { Value } from '@sinclair/typebox/value';
import { writeImpactAnswer, type ClassInfo } from './impact-answer';
import { IMPACT_ANSWER } from '../impact-answer.schema';
import { ImpactGraph } from './impact-graph';
import { walk } from './impact-walk.testing';

const CLASSES: Record<string, ClassInfo> = {
  svc: { className: 'business_service', businessService: true },
  app: { className: 'application', businessService: false },
  db: { className: 'database "primary"', businessService: false },
};

/**
 * A database `db` under two applications, one of them retired, and a business service over both:
 * names that JSON must escape, a CI renamed and one whose status changed after it was first known.
 */
function estate(): ImpactGraph {
  const graph = new ImpactGraph();
  const put = (
    id: string,
    name: string,
    classId: string,
    status = 'operational',
    criticality = 2,
  ) => graph.putCi(id, { id, name, status, criticality, classId });
  put('db', 'orders "primary" db', 'db', 'down', 1);
  put('app1', 'Bestellungen – Köln \\ EU', 'app');
  put('app2', 'old app', 'app', 'retired');
  put('app3', 'app3', 'app');
  put('svc', 'Online shop 🛒', 'svc', 'operational', 1);
  for (const [source, target] of [
    ['app1', 'db'],
    ['app2', 'db'],
    ['app3', 'app2'],
    ['svc', 'app1'],
    ['svc', 'app3'],
  ] as const) {
    graph.putEdge(source, target, true);
  }
  put('app3', 'app three (renamed)', 'app', 'degraded', 3);
  return graph;
}

/** The answer as the object path builds it: what the bytes must equal once parsed. */
function expected(graph: ImpactGraph, paths: 'services' | 'all') {
  const { rows, pathTo } = walk(graph, 'db', 'impact', { maxDepth: 10, limit: 100 });
  const items = rows.map((row) => {
    const info = CLASSES[row.classId]!;
    return {
      id: row.id,
      name: row.name,
      operationalStatus: row.status,
      criticality: row.criticality,
      className: info.className,
      businessService: info.businessService,
      depth: row.depth,
      via: row.via,
      ...(info.businessService || paths === 'all' ? { path: pathTo(row.id) } : {}),
    };
  });
  return { items, businessServices: items.filter((item) => item.businessService) };
}

describe('writeImpactAnswer', () => {
  const head = {
    ci: {
      id: 'db',
      name: 'orders "primary" db',
      className: 'database "primary"',
      operationalStatus: 'down',
      criticality: 1,
      businessService: false,
    },
    direction: 'impact' as const,
    maxDepth: 10,
    truncated: false,
  };

  it.each(['services', 'all'] as const)(
    'writes the JSON the object path would, escaped, in the documented shape (paths: %s)',
    (paths) => {
      const graph = estate();
      const reach = graph.reach('db', 'impact', { maxDepth: 10, limit: 100 })!;
      const bytes = writeImpactAnswer(
        graph,
        reach,
        head,
        { limit: 100, paths },
        (id) => CLASSES[id]!,
      );
      const answer = JSON.parse(bytes.toString('utf8')) as unknown;
      expect(answer).toEqual({
        ...head,
        count: 3,
        ...expected(graph, paths),
      });
      expect(Value.Check(IMPACT_ANSWER, answer)).toBe(true);
      expect(answer).toMatchObject({
        items: expect.arrayContaining([
          expect.objectContaining({
            id: 'app3',
            name: 'app three (renamed)',
            operationalStatus: 'degraded',
            criticality: 3,
            via: 'app2',
            depth: 2,
          }),
          expect.objectContaining({
            id: 'svc',
            name: 'Online shop 🛒',
            path: ['db', 'app1', 'svc'],
          }),
        ]),
      });
    },
  );

  it('writes no more than the limit, and grows its buffer past its first guess', () => {
    const graph = new ImpactGraph();
    const long = 'x'.repeat(2000);
    graph.putCi('root', {
      id: 'root',
      name: 'root',
      status: 'operational',
      criticality: 1,
      classId: 'app',
    });
    for (let i = 0; i < 300; i++) {
      graph.putCi(`n${i}`, {
        id: `n${i}`,
        name: long,
        status: 'operational',
        criticality: 4,
        classId: 'svc',
      });
      graph.putEdge(`n${i}`, 'root', true);
    }
    const reach = graph.reach('root', 'impact', { maxDepth: 3, limit: 250 })!;
    const answer = JSON.parse(
      writeImpactAnswer(
        graph,
        reach,
        { ...head, truncated: true },
        { limit: 250 },
        (id) => CLASSES[id]!,
      ).toString(),
    ) as { count: number; items: unknown[]; businessServices: unknown[] };
    expect(answer.count).toBe(250);
    expect(answer.items).toHaveLength(250);
    expect(answer.businessServices).toHaveLength(250);
  });
});
