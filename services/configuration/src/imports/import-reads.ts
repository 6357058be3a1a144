import { In, type EntityManager } from 'typeorm';
import { IDENTIFIER_COLUMNS } from '../classes/domain/class-hierarchy';
import { ConfigurationItem } from '../cis/configuration-item.entity';
import { RelationshipRuleRow } from '../relationships/relationship.entity';
import { DataSourceRank } from './data-source.entity';
import type { CiIndex, Identity } from './domain/ci-index';
import { edgeKey, type RelationshipFacts } from './domain/plan-relationships';

/** The rank of each data source, by name. */
export async function dataSourceRanks(manager: EntityManager): Promise<Map<string, number>> {
  return new Map((await manager.find(DataSourceRank)).map((r) => [r.name, r.rank]));
}

/**
 * Fills the index with the CIs these identities could match, in one query per class root and rule
 * (retired CIs are never matched).
 */
export async function loadMatchingCis(
  manager: EntityManager,
  index: CiIndex,
  identities: readonly Identity[],
): Promise<void> {
  for (const { scopeId, rule, values } of index.lookups(identities)) {
    const columns = rule.map((field) => IDENTIFIER_COLUMNS[field]);
    const arrays = rule.map((_, column) => values.map((v) => v[column]!));
    const matches =
      rule.length === 1
        ? `${columns[0]} = ANY($2::text[])`
        : `(${columns.join(', ')}) IN (SELECT * FROM unnest(${rule.map((_, i) => `$${i + 2}::text[]`).join(', ')}))`;
    const rows = (await manager.query(
      `SELECT id FROM configuration_items
        WHERE identity_class_id = $1 AND retired_at IS NULL AND ${matches}`,
      [scopeId, ...arrays],
    )) as Array<{ id: string }>;
    const unseen = rows.map((row) => row.id).filter((id) => !index.has(id));
    for (let start = 0; start < unseen.length; start += 5000) {
      const ids = unseen.slice(start, start + 5000);
      // Locked until the import commits: a concurrent PATCH or retire waits, then finds its version stale.
      const cis = await manager.find(ConfigurationItem, {
        where: { id: In(ids) },
        lock: { mode: 'pessimistic_write' },
      });
      cis.filter((ci) => ci.retiredAt === null).forEach((ci) => index.add(ci));
    }
  }
}

/** The class of each of these ids that names a CI (retired or not), by id. */
export async function classesOfCis(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await manager.query(
    'SELECT id, class_id FROM configuration_items WHERE id = ANY($1::uuid[])',
    [ids],
  )) as Array<{ id: string; class_id: string }>;
  return new Map(rows.map((row) => [row.id, row.class_id]));
}

/** The relationships from these CIs that exist, and the rules that allow new ones. */
export async function relationshipFacts(
  manager: EntityManager,
  sourceIds: readonly string[],
): Promise<RelationshipFacts> {
  const edges =
    sourceIds.length === 0
      ? []
      : ((await manager.query(
          'SELECT source_id, target_id, type FROM relationships WHERE source_id = ANY($1::uuid[])',
          [sourceIds],
        )) as Array<{ source_id: string; target_id: string; type: string }>);
  return {
    existing: new Set(edges.map((edge) => edgeKey(edge.source_id, edge.target_id, edge.type))),
    rules: await manager.find(RelationshipRuleRow),
  };
}
