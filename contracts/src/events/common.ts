import { Type } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
/** A user id, or `system:<process>` / `source:<data source>` for changes nobody typed. */
export const Actor = Type.String({
  minLength: 1,
  description: 'User id, or system:<process> / source:<data source>',
});
export const Version = Type.Integer({
  minimum: 1,
  description: 'The record version after the change',
});

export function recordNumber(prefix: string) {
  return Type.String({
    pattern: `^${prefix}[0-9]{7}$`,
    description: `Human number, e.g. ${prefix}0001234`,
  });
}

/** A string from a fixed list, as a plain JSON Schema `enum` (which the compatibility check reads). */
export function oneOf<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    ...(description ? { description } : {}),
  });
}

export const FieldChange = Type.Object({
  field: Type.String({ minLength: 1 }),
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
});

const updatedFields = {
  id: Uuid,
  version: Version,
  changedBy: Actor,
  changedAt: Timestamp,
  changes: Type.Array(FieldChange, { minItems: 1 }),
};

/** `updated`: which fields changed, from what to what, by whom. */
export function updatedData() {
  return Type.Object(updatedFields);
}

/** `updated` of a record with a human number (INC…, CHG…). */
export function recordUpdatedData(numberPrefix: string) {
  return Type.Object({ ...updatedFields, number: recordNumber(numberPrefix) });
}

/** `state_changed`: a move in the record's state model. */
export function stateChangedData<const T extends readonly string[]>(
  numberPrefix: string,
  states: T,
) {
  return Type.Object({
    id: Uuid,
    number: recordNumber(numberPrefix),
    version: Version,
    fromState: oneOf(states),
    toState: oneOf(states),
    reason: Type.Optional(
      Type.String({ description: 'On-hold reason, resolution or close code, or a note' }),
    ),
    changedBy: Actor,
    changedAt: Timestamp,
  });
}
