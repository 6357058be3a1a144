import type { EntityManager } from 'typeorm';
import type { AuditOperation } from './audit-entry.entity';
import { auditInsert } from './audit-insert';

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

/** Lines per statement: a bulk import writes tens of thousands. */
export const AUDIT_LINES_PER_STATEMENT = 5000;

/**
 * Writes history lines a subscriber cannot see: changes made with bulk statements, or that belong
 * to a record other than the one saved (a relationship in the history of both its CIs).
 */
export async function writeAuditEntries(manager: EntityManager, lines: AuditLine[]): Promise<void> {
  for (let start = 0; start < lines.length; start += AUDIT_LINES_PER_STATEMENT) {
    const insert = auditInsert(lines.slice(start, start + AUDIT_LINES_PER_STATEMENT));
    await manager.query(insert.sql, insert.params);
  }
}
