export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/**
 * The fields whose value differs between two snapshots of a record. Values compare by their JSON
 * form, so a Date and the same instant read back from the database are equal. A field named in
 * `expanded` (an object of named values, such as a CI's attributes) changes key by key: one change
 * per key, `field.key`.
 */
export function fieldChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  ignoredFields: ReadonlySet<string>,
  expanded: ReadonlySet<string> = new Set(),
): FieldChange[] {
  const flat = (snapshot: Record<string, unknown> | undefined) =>
    snapshot && expanded.size ? expand(snapshot, expanded) : snapshot;
  return changesOf(flat(before), flat(after), ignoredFields);
}

function expand(
  snapshot: Record<string, unknown>,
  expanded: ReadonlySet<string>,
): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(snapshot)) {
    if (
      expanded.has(field) &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      for (const [key, inner] of Object.entries(value)) flat[`${field}.${key}`] = inner;
    } else flat[field] = value;
  }
  return flat;
}

function changesOf(
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
