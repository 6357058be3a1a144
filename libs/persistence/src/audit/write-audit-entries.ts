import type { EntityManager } from 'typeorm';
import { currentAuditActor } from './audit-context';
import type { AuditOperation } from './audit-entry.entity';

export interface AuditLine {
  entityType: string;
  entityId: string;
  operation: AuditOperation;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  /** Defaults to the actor of the surrounding `withAuditActor`. */
  actor?: string;
}

/**
 * Writes history lines a subscriber cannot see: changes made with bulk statements, or that belong
 * to a record other than the one saved (a relationship in the history of both its CIs).
 */
export async function writeAuditEntries(manager: EntityManager, lines: AuditLine[]): Promise<void> {
  const actor = currentAuditActor();
  // One statement per 5,000 lines: a bulk import writes tens of thousands.
  for (let start = 0; start < lines.length; start += 5000) {
    const chunk = lines.slice(start, start + 5000);
    await manager.query(
      `INSERT INTO audit_trail (entity_type, entity_id, operation, field, old_value, new_value, actor)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[])`,
      [
        chunk.map((line) => line.entityType),
        chunk.map((line) => line.entityId),
        chunk.map((line) => line.operation),
        chunk.map((line) => line.field),
        chunk.map((line) => JSON.stringify(line.oldValue ?? null)),
        chunk.map((line) => JSON.stringify(line.newValue ?? null)),
        chunk.map((line) => line.actor ?? actor),
      ],
    );
  }
}
