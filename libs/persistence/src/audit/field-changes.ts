export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/**
 * The fields whose value differs between two snapshots of a record. Values compare by their JSON
 * form, so a Date and the same instant read back from the database are equal.
 */
export function fieldChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  ignoredFields: ReadonlySet<string>,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (ignoredFields.has(field)) continue;
    const oldValue = normalize(before?.[field]);
    const newValue = normalize(after?.[field]);
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) {
      changes.push({ field, oldValue, newValue });
    }
  }
  return changes;
}

function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return JSON.parse(JSON.stringify(value)) as unknown;
}
