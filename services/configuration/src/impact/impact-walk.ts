import type { EntityManager } from 'typeorm';

export type Direction = 'impact' | 'dependencies';

/** One CI reached by a walk, with the CI it was reached from and what the answer shows of it. */
export interface WalkRow {
  depth: number;
  id: string;
  via: string;
  name: string;
  status: string;
  criticality: number;
  classId: string;
}

/**
 * Breadth-first walk inside PostgreSQL, one statement: each level's frontier is an array, and the CIs
 * already reached are a JSON object used as a set, so each CI is visited once, at its smallest depth,
 * with the CI it was first reached from. The work grows with the CIs reached, never with the number
 * of paths (exponential in a dense graph), and cycles end by themselves. Impact walks edges from
 * target to source (the source needs the target); dependencies from source to target.
 *
 * It stops after `maxDepth` levels, or after the level where `limit` CIs have been reached; `more`
 * says whether anything lay beyond the last level walked. Retired CIs are walked through (their
 * relationships still tell the path) but not reported.
 */
export async function walk(
  manager: EntityManager,
  start: string,
  direction: Direction,
  options: { maxDepth: number; limit: number },
): Promise<{ rows: WalkRow[]; more: boolean }> {
  const [from, to] =
    direction === 'impact' ? ['target_id', 'source_id'] : ['source_id', 'target_id'];
  const rows = (await manager.query(
    `WITH RECURSIVE walk (depth, frontier, seen, added, total) AS (
       SELECT 0, ARRAY[$1::uuid], jsonb_build_object($1::text, ''), '{}'::jsonb, 0
       UNION ALL
       SELECT w.depth + 1, n.frontier, w.seen || n.added, n.added, w.total + cardinality(n.frontier)
         FROM walk w
        CROSS JOIN LATERAL (
          SELECT array_agg(e.next) AS frontier, jsonb_object_agg(e.next::text, e.via::text) AS added
            FROM (SELECT DISTINCT ON (r.${to}) r.${to} AS next, r.${from} AS via
                    FROM relationships r
                   WHERE r.${from} = ANY (w.frontier) AND NOT w.seen ? r.${to}::text
                   ORDER BY r.${to}, r.${from}) e
        ) n
        WHERE w.depth < $2 AND w.total < $3 AND n.frontier IS NOT NULL
     ),
     beyond AS (
       SELECT EXISTS (
         SELECT 1 FROM walk w JOIN relationships r ON r.${from} = ANY (w.frontier)
          WHERE w.depth = (SELECT max(depth) FROM walk) AND NOT w.seen ? r.${to}::text
       ) AS more
     )
     SELECT w.depth, a.key AS id, a.value AS via, ci.name, ci.operational_status AS status,
            ci.criticality, ci.class_id AS "classId", (SELECT more FROM beyond) AS more
       FROM walk w
      CROSS JOIN LATERAL jsonb_each_text(w.added) a
       JOIN configuration_items ci ON ci.id = a.key::uuid
      WHERE ci.retired_at IS NULL
      ORDER BY w.depth, a.key`,
    [start, options.maxDepth, options.limit],
  )) as Array<WalkRow & { more: boolean }>;
  return { rows, more: rows[0]?.more ?? false };
}

/** One shortest path from the start to each CI reached: the chain of `via`s, start first. */
export function pathsOf(start: string, rows: readonly WalkRow[]): Map<string, string[]> {
  const via = new Map(rows.map((row) => [row.id, row.via]));
  const paths = new Map<string, string[]>([[start, [start]]]);
  const pathTo = (id: string): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const path = [...pathTo(via.get(id)!), id];
    paths.set(id, path);
    return path;
  };
  for (const row of rows) pathTo(row.id);
  paths.delete(start);
  return paths;
}
