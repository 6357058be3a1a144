import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { EventDefinition } from './define-event';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }), ['date-time', 'uuid', 'uri']);
const compiled = new WeakMap<object, ValidateFunction>();

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

/** Checks event data against its schema; each error names the path of the offending value. */
export function validateEventData(definition: EventDefinition, data: unknown): ValidationResult {
  let validate = compiled.get(definition.schema);
  if (!validate) {
    validate = ajv.compile(definition.schema);
    compiled.set(definition.schema, validate);
  }
  if (validate(data)) return { valid: true };
  return {
    valid: false,
    errors: (validate.errors ?? []).map((error) => {
      const path = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(data)';
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
      return `${path} ${error.message}${allowed ? `: ${allowed.join(', ')}` : ''}`;
    }),
  };
}

/** Thrown when an event does not match its schema, at publishing or consuming time. */
export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly errors: string[],
  ) {
    super(`Event ${type} is invalid: ${errors.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

export function assertValidEventData(definition: EventDefinition, data: unknown): void {
  const result = validateEventData(definition, data);
  if (!result.valid) throw new InvalidEventError(definition.type, result.errors);
}
