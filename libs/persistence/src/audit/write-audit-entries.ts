import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { currentAuditActor } from './audit-context';
import { AuditEntry, type AuditOperation } from './audit-entry.entity';

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
  if (lines.length === 0) return;
  const actor = currentAuditActor();
  const rows = lines.map(
    (line) => ({ ...line, actor: line.actor ?? actor }) as QueryDeepPartialEntity<AuditEntry>,
  );
  for (let start = 0; start < rows.length; start += 1000) {
    await manager.insert(AuditEntry, rows.slice(start, start + 1000));
  }
}
