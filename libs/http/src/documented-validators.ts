import { ApiProperty } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { HAS_TEXT_PATTERN } from './has-text';

type Schema = Record<string, unknown>;
interface ValidationMetadata {
  type: string;
  name?: string;
  propertyName: string;
  target: unknown;
}

/** Keywords the validators decide; a DTO's own `@ApiProperty` keeps its descriptions and examples. */
const CONSTRAINTS = [
  'type',
  'format',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'items',
  'minItems',
  'maxItems',
] as const;

const OWN_VALIDATORS = {
  isTimestamp: { type: 'string' as const, format: 'date-time' },
  hasText: { type: 'string' as const, pattern: HAS_TEXT_PATTERN },
};

const documented = new WeakSet<Function>();

/**
 * Writes what every DTO's validators enforce into its OpenAPI metadata before the document is
 * generated, so that the document is true to the validators by construction rather than by a second
 * hand-kept copy: types, formats, bounds, enums, patterns, which fields are required, and that
 * `@IsOptional` also lets `null` through (in a body: a query has no null, see openapi-refinements).
 */
export function documentValidators(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<Function, ValidationMetadata[]>;
  };
  for (const target of storage.validationMetadatas.keys()) {
    if (documented.has(target)) continue;
    documented.add(target);
    documentClass(target);
  }
}

function documentClass(target: Function): void {
  const schema = targetConstructorToSchema(target, {
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: OWN_VALIDATORS,
  }) as Schema;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const metadatas = validationMetadatasOf(target);
  for (const [property, derived] of Object.entries(
    (schema.properties ?? {}) as Record<string, Schema>,
  )) {
    const own = metadatas.filter((meta) => meta.propertyName === property);
    const nullable = own.some((meta) => meta.name === 'isOptional');
    ApiProperty({
      ...constraintsOf(derived),
      required: required.has(property),
      ...(nullable ? { nullable: true } : {}),
    })(target.prototype as object, property);
  }
}

function constraintsOf(derived: Schema): Schema {
  if (derived.$ref || (derived.items as Schema | undefined)?.$ref) return {};
  const constraints: Schema = {};
  for (const key of CONSTRAINTS) if (derived[key] !== undefined) constraints[key] = derived[key];
  return constraints;
}

function validationMetadatasOf(target: Function): ValidationMetadata[] {
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas(
      target: Function,
      schema: string,
      always: boolean,
      strictGroups: boolean,
    ): ValidationMetadata[];
  };
  return storage.getTargetValidationMetadatas(target, '', true, false);
}
