import type { EntityManager } from 'typeorm';

/** One line of a record's history as the APIs show it. */
export interface HistoryLine {
  id: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  operation: string;
  /** A user id, `source:<data source>` for imports, or `system:<process>`. */
  changedBy: string;
  changedAt: string;
}

interface AuditRow {
  id: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
  operation: string;
  actor: string;
  changed_at: Date;
}

/** A record's audit trail in the order it was written, after the line `afterId`, `limit` lines. */
export async function auditHistory(
  manager: EntityManager,
  entityType: string,
  entityId: string,
  afterId: number,
  limit: number,
): Promise<HistoryLine[]> {
  const rows = (await manager.query(
    `SELECT id, field, old_value, new_value, operation, actor, changed_at
       FROM audit_trail
      WHERE entity_type = $1 AND entity_id = $2 AND id > $3
      ORDER BY id LIMIT $4`,
    [entityType, entityId, afterId, limit],
  )) as AuditRow[];
  return rows.map((row) => ({
    id: String(row.id),
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    operation: row.operation,
    changedBy: row.actor,
    changedAt: row.changed_at.toISOString(),
  }));
}
