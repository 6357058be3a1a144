import type { FieldError } from '@itsm/http';

export const ATTRIBUTE_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'enum',
  'reference',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** One typed attribute of a CI class; a class's CIs are validated against these. */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  required?: boolean;
  description?: string;
  /** string: a regular expression the whole value must match. */
  pattern?: string;
  /** number and integer: bounds of the value; string: bounds of its length. */
  min?: number;
  max?: number;
  /** enum: the allowed values. */
  values?: string[];
  /** reference: the class (or an ancestor of the class) of the CI the value names. */
  referenceClass?: string;
}

/** A reference attribute's value, to be checked against the CMDB by the caller. */
export interface AttributeReference {
  field: string;
  ciId: string;
  referenceClass: string;
}

/** The form of a reference attribute's value: a CI's id. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Checks a CI's attributes against its class's schema (its own attributes and every ancestor's) and
 * names every invalid one. A missing required attribute, an unknown one, a wrong type, a broken
 * pattern or bound: each is one error on `attributes.<name>`.
 */
export function validateAttributes(
  schema: readonly AttributeDefinition[],
  attributes: Readonly<Record<string, unknown>>,
  className: string,
): { errors: FieldError[]; references: AttributeReference[] } {
  const errors: FieldError[] = [];
  const references: AttributeReference[] = [];
  const known = new Map(schema.map((definition) => [definition.name, definition]));

  for (const name of Object.keys(attributes)) {
    if (!known.has(name)) {
      errors.push({
        field: `attributes.${name}`,
        message: `${name} is not an attribute of ${className}`,
        allowed: [...known.keys()],
      });
    }
  }
  for (const definition of schema) {
    const field = `attributes.${definition.name}`;
    const value = attributes[definition.name];
    if (value === undefined || value === null) {
      if (definition.required) {
        errors.push({ field, message: `${definition.name} is required for ${className}` });
      }
      continue;
    }
    const problem = valueProblem(definition, value);
    if (problem) errors.push({ field, ...problem });
    else if (definition.type === 'reference') {
      references.push({ field, ciId: value as string, referenceClass: definition.referenceClass! });
    }
  }
  return { errors, references };
}

function valueProblem(
  definition: AttributeDefinition,
  value: unknown,
): { message: string; allowed?: readonly unknown[] } | undefined {
  const { name } = definition;
  switch (definition.type) {
    case 'string': {
      if (typeof value !== 'string') return { message: `${name} must be a string` };
      if (definition.min !== undefined && value.length < definition.min) {
        return { message: `${name} must be at least ${definition.min} characters long` };
      }
      if (definition.max !== undefined && value.length > definition.max) {
        return { message: `${name} must be at most ${definition.max} characters long` };
      }
      if (definition.pattern && !new RegExp(`^(?:${definition.pattern})$`).test(value)) {
        return { message: `${name} must match ${definition.pattern}` };
      }
      return undefined;
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { message: `${name} must be a number` };
      }
      if (definition.type === 'integer' && !Number.isInteger(value)) {
        return { message: `${name} must be a whole number` };
      }
      if (definition.min !== undefined && value < definition.min) {
        return { message: `${name} must not be less than ${definition.min}` };
      }
      if (definition.max !== undefined && value > definition.max) {
        return { message: `${name} must not be greater than ${definition.max}` };
      }
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { message: `${name} must be true or false` };
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : { message: `${name} must be an ISO 8601 date, e.g. 2026-11-27 or 2026-11-27T09:00:00Z` };
    case 'enum':
      return typeof value === 'string' && definition.values?.includes(value)
        ? undefined
        : {
            message: `${name} must be one of: ${definition.values?.join(', ')}`,
            allowed: definition.values,
          };
    case 'reference':
      return typeof value === 'string' && UUID.test(value)
        ? undefined
        : { message: `${name} must be the id (a UUID) of a ${definition.referenceClass} CI` };
  }
}

/**
 * Checks a class's own attribute definitions: well-formed, no duplicate, none redefining an
 * inherited one, and type-specific settings only where they mean something.
 */
export function validateAttributeDefinitions(
  definitions: readonly AttributeDefinition[],
  inherited: readonly AttributeDefinition[],
  classNames: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set(inherited.map((definition) => definition.name));
  definitions.forEach((definition, index) => {
    const field = `attributes.${index}`;
    if (!/^[a-z][a-zA-Z0-9_]{0,62}$/.test(definition.name ?? '')) {
      errors.push({
        field: `${field}.name`,
        message: 'name must be a camelCase or snake_case identifier',
      });
    } else if (seen.has(definition.name)) {
      errors.push({
        field: `${field}.name`,
        message: `${definition.name} is already an attribute of this class or of an ancestor`,
      });
    }
    seen.add(definition.name);
    if (!ATTRIBUTE_TYPES.includes(definition.type)) {
      errors.push({
        field: `${field}.type`,
        message: `type must be one of: ${ATTRIBUTE_TYPES.join(', ')}`,
        allowed: ATTRIBUTE_TYPES,
      });
    }
    if (definition.type === 'enum' && !definition.values?.length) {
      errors.push({ field: `${field}.values`, message: 'an enum attribute lists its values' });
    }
    if (definition.type === 'reference' && !classNames.has(definition.referenceClass ?? '')) {
      errors.push({
        field: `${field}.referenceClass`,
        message: 'a reference attribute names an existing class',
        allowed: [...classNames],
      });
    }
    if (definition.pattern !== undefined) {
      try {
        new RegExp(definition.pattern);
      } catch {
        errors.push({
          field: `${field}.pattern`,
          message: 'pattern must be a valid regular expression',
        });
      }
    }
    if (
      definition.min !== undefined &&
      definition.max !== undefined &&
      definition.min > definition.max
    ) {
      errors.push({ field: `${field}.min`, message: 'min must not be greater than max' });
    }
  });
  return errors;
}
