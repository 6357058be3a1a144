import { currentAuditActor } from './audit-context';
import { auditedOptionsOf } from './audited.decorator';
import { fieldChanges } from './field-changes';
import type { AuditLine } from './write-audit-entries';

/**
 * The history lines the subscriber writes when `record`, an `@Audited` entity's new record with
 * its generated id, is inserted: every field given, from null. For a caller that inserts the
 * record with SQL of its own (`auditInsert`) rather than through the entity manager.
 */
export function creationAuditLines(target: unknown, record: { id: string }): AuditLine[] {
  const options = auditedOptionsOf(target);
  if (!options) return [];
  return fieldChanges(undefined, record, options.ignore, options.expand).map((change) => ({
    entityType: options.entityType,
    entityId: record.id,
    operation: 'create',
    ...change,
  }));
}

/**
 * The INSERT of history lines as part of a caller's statement (a data-modifying CTE), numbering
 * its parameters from `firstParam`; `when` (a CTE's name) writes them only if that CTE has a row.
 * The lines travel as one JSON document, which PostgreSQL parses faster than seven arrays (a bulk
 * import writes tens of thousands); a value of null is stored as JSON `null`, as `->` reads it.
 */
export function auditInsert(
  lines: readonly AuditLine[],
  firstParam = 1,
  when?: string,
): { sql: string; params: unknown[] } {
  const actor = currentAuditActor();
  return {
    sql: `INSERT INTO audit_trail (entity_type, entity_id, operation, field, old_value, new_value, actor)
         SELECT l->>'entityType', l->>'entityId', l->>'operation', l->>'field', l->'oldValue',
                l->'newValue', l->>'actor'
           FROM jsonb_array_elements($${firstParam}::jsonb) WITH ORDINALITY AS x (l, n)${when ? ` WHERE EXISTS (SELECT FROM ${when})` : ''}
          ORDER BY x.n`,
    params: [
      JSON.stringify(
        lines.map((line) => ({
          entityType: line.entityType,
          entityId: line.entityId,
          operation: line.operation,
          field: line.field,
          oldValue: line.oldValue ?? null,
          newValue: line.newValue ?? null,
          actor: line.actor ?? actor,
        })),
      ),
    ],
  };
}
