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
 */
export function auditInsert(
  lines: readonly AuditLine[],
  firstParam = 1,
  when?: string,
): { sql: string; params: unknown[] } {
  const actor = currentAuditActor();
  const p = (i: number) => `$${firstParam + i}`;
  return {
    sql: `INSERT INTO audit_trail (entity_type, entity_id, operation, field, old_value, new_value, actor)
         SELECT l.* FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::jsonb[], ${p(5)}::jsonb[], ${p(6)}::text[])
                AS l${when ? ` WHERE EXISTS (SELECT FROM ${when})` : ''}`,
    params: [
      lines.map((line) => line.entityType),
      lines.map((line) => line.entityId),
      lines.map((line) => line.operation),
      lines.map((line) => line.field),
      lines.map((line) => JSON.stringify(line.oldValue ?? null)),
      lines.map((line) => JSON.stringify(line.newValue ?? null)),
      lines.map((line) => line.actor ?? actor),
    ],
  };
}
