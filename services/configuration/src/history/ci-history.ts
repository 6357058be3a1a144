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

/**
 * The audit trail stores a change of `attributes` as the whole object before and after; the history
 * shows one line per attribute that changed, as `attributes.<name>`.
 */
export function historyLines(row: AuditRow): HistoryLine[] {
  const base = {
    id: row.id,
    operation: row.operation,
    changedBy: row.actor,
    changedAt: row.changed_at.toISOString(),
  };
  if (row.field !== 'attributes' || !isObject(row.old_value) || !isObject(row.new_value)) {
    return [{ ...base, field: row.field, oldValue: row.old_value, newValue: row.new_value }];
  }
  const before = row.old_value;
  const after = row.new_value;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort()
    .filter((name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null))
    .map((name) => ({
      ...base,
      field: `attributes.${name}`,
      oldValue: before[name] ?? null,
      newValue: after[name] ?? null,
    }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
