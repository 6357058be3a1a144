/** One line of a CI's history as the API shows it. */
export interface HistoryLine {
  id: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  operation: string;
  /** A user id, or `source:<data source>` for imports. */
  changedBy: string;
  changedAt: string;
}

export interface AuditRow {
  id: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
  operation: string;
  actor: string;
  changed_at: Date;
}

/** A row of the audit trail as a history line. */
export function historyLine(row: AuditRow): HistoryLine {
  return {
    id: row.id,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    operation: row.operation,
    changedBy: row.actor,
    changedAt: row.changed_at.toISOString(),
  };
}
