import {
  relationshipAllowed,
  type RelationshipRule,
} from '../../relationships/domain/relationship-types';
import type { ImportRecord } from '../import.schema';
import type { CiMatch } from './ci-index';
import type { ImportContext, ImportPlan, RecordResult } from './import-plan';
import { identityOf } from './import-record';

/** What planning relationships needs from the database. */
export interface RelationshipFacts {
  /** The relationships that exist from the batch's CIs, by `edgeKey`. */
  existing: Set<string>;
  rules: readonly RelationshipRule[];
}

/** A relationship's identity: one edge of a type between two CIs. */
export function edgeKey(sourceId: string, targetId: string, type: string): string {
  return `${sourceId}|${targetId}|${type}`;
}

/** The CIs, created or found, whose records carry relationships: the existing edges needed are theirs. */
export function relationshipSourceIds(
  records: readonly ImportRecord[],
  results: readonly RecordResult[],
): string[] {
  return results
    .filter((r) => r.ciId && records[r.index]!.relationships?.length)
    .map((r) => r.ciId!);
}

/**
 * Plans the relationships of a batch whose records are planned: each target is found by its
 * identifiers, in the batch or the CMDB; the class pair must be allowed, and an edge that exists
 * (or that an earlier record of the batch adds) is unchanged. Each record's result gets its counts.
 */
export function planRelationships(
  records: readonly ImportRecord[],
  results: readonly RecordResult[],
  plan: ImportPlan,
  context: ImportContext,
  { existing, rules }: RelationshipFacts,
): void {
  const { hierarchy, cis } = context;

  for (const result of results) {
    const record = records[result.index]!;
    if (!result.ciId || !record.relationships?.length) continue;
    const summary = { created: 0, unchanged: 0, rejected: [] as string[] };
    // The index holds every CI the batch found or created.
    const sourceClassId = cis.classIdOf(result.ciId)!;
    for (const relationship of record.relationships) {
      const identity = identityOf(hierarchy, relationship.target);
      const match = identity ? cis.match(identity) : undefined;
      const described = `${relationship.type} ${relationship.target.className} ${JSON.stringify(relationship.target.identifiers)}`;
      if (match?.kind !== 'found') {
        summary.rejected.push(`${described}: ${unmatched(relationship.target.className, match)}`);
        continue;
      }
      const target = match.ci;
      if (target.id === result.ciId) {
        summary.rejected.push(`${described}: a CI cannot be related to itself`);
        continue;
      }
      const allowed = relationshipAllowed(
        rules,
        relationship.type,
        hierarchy.lineage(sourceClassId).map((c) => c.name),
        hierarchy.lineage(target.classId).map((c) => c.name),
      );
      if (!allowed) {
        summary.rejected.push(`${described}: not allowed between these classes`);
        continue;
      }
      const key = edgeKey(result.ciId, target.id, relationship.type);
      if (existing.has(key)) {
        summary.unchanged++;
        continue;
      }
      existing.add(key);
      plan.relationships.push({
        id: context.newId(),
        type: relationship.type,
        sourceId: result.ciId,
        targetId: target.id,
        createdBy: context.actor,
      });
      summary.created++;
    }
    result.relationships = summary;
  }
}

/** Why a relationship's target is not one CI (`match` is absent when its class is unknown). */
function unmatched(className: string, match: Exclude<CiMatch, { kind: 'found' }> | undefined) {
  switch (match?.kind) {
    case undefined:
      return `className ${className} is not a CI class`;
    case 'ambiguous':
      return `${match.count} CIs match the target by ${match.rule.join('+')}: resolve the duplicates first`;
    case 'unidentifiable':
      return `no identification rule of ${className} is complete for the target: give one of ${match.rules.map((r) => r.join('+')).join(' | ') || '(the class has no rules)'}`;
    case 'none':
      return 'target not found';
  }
}
