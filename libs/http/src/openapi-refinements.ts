import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * What the generated document does not say by itself and the validators enforce, so that clients
 * and fuzzers generated from it send what the API accepts: OpenAPI 3.1 nullability, closed request
 * bodies (unknown fields are refused) and record ids that are UUIDs.
 */
export function refineOpenApiDocument(document: OpenAPIObject): void {
  forEachSchema(document, expressNullability);
  closeRequestBodies(document);
  typeRecordIds(document);
  parametersAreNeverNull(document);
  forEachRequestSchema(document, refuseNul);
  optionalBodiesAreOptional(document);
}

/** A body whose fields are all optional may be left out: the validators read it as `{}`. */
export function optionalBodiesAreOptional(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const operation of operations(document)) {
    const body = operation.requestBody as
      { required?: boolean; content?: Record<string, { schema?: Schema }> } | undefined;
    const media = Object.values(body?.content ?? {});
    const all = media.map((entry) => entry.schema).filter((schema) => schema !== undefined);
    const resolved = all.map((schema) => schemas[refName(schema) ?? ''] ?? schema);
    const noneRequired = resolved.every(
      (schema) => ((schema.required as string[] | undefined) ?? []).length === 0,
    );
    if (body && resolved.length > 0 && noneRequired) body.required = false;
  }
}

/**
 * Text PostgreSQL cannot store is refused wherever it comes from (`unstorableText`): a NUL is
 * outside every request string the document describes. (An unpaired surrogate is too, but JSON
 * Schema has no way to say so.)
 */
export function refuseNul(schema: Schema): void {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('string') || schema.pattern || schema.format || schema.enum) return;
  schema.pattern = '^[^\\x00]*$';
}

/** Nest writes OpenAPI 3.0's `nullable: true`; 3.1 (JSON Schema) says `null` is one of the types. */
export function expressNullability(schema: Schema): void {
  if (schema.nullable !== true) return;
  delete schema.nullable;
  if (typeof schema.$ref === 'string' || Array.isArray(schema.allOf)) {
    // Nest writes a nullable reference as `{ type: 'object', allOf: [{ $ref }] }`.
    const { description, ...rest } = schema;
    delete rest.type;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, {
      ...(description === undefined ? {} : { description }),
      anyOf: [rest, { type: 'null' }],
    });
  } else if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
  }
}

/** Request bodies refuse unknown fields (`forbidNonWhitelisted`), nested ones too. */
export function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const closed = new Set<string>();
  const close = (schema: Schema | undefined): void => {
    if (!schema) return;
    const name = refName(schema);
    if (name) {
      if (closed.has(name)) return;
      closed.add(name);
      return close(schemas[name]);
    }
    if (schema.type === 'object' || schema.properties) schema.additionalProperties ??= false;
    for (const property of Object.values((schema.properties ?? {}) as Record<string, Schema>)) {
      close(property);
      close(property.items as Schema | undefined);
      for (const option of (property.anyOf ?? []) as Schema[]) close(option);
    }
  };
  for (const operation of operations(document)) {
    const body = operation.requestBody as { content?: Record<string, { schema?: Schema }> };
    for (const media of Object.values(body?.content ?? {})) close(media.schema);
  }
}

/** A record's id in a path (`{id}`, `{incidentId}`) goes through `ParseIdPipe`: a UUID. */
export function typeRecordIds(document: OpenAPIObject): void {
  for (const operation of operations(document)) {
    for (const parameter of (operation.parameters ?? []) as Schema[]) {
      if (parameter.in === 'path' && /^(id|[a-z][A-Za-z]*Id)$/.test(String(parameter.name))) {
        parameter.schema = { ...(parameter.schema as Schema), type: 'string', format: 'uuid' };
      }
    }
  }
}

/** A query or path parameter is absent or text: `@IsOptional`'s null is a body's alone. */
export function parametersAreNeverNull(document: OpenAPIObject): void {
  for (const operation of operations(document)) {
    for (const parameter of (operation.parameters ?? []) as Schema[]) {
      const schema = parameter.schema as Schema | undefined;
      if (Array.isArray(schema?.type)) {
        const types = schema.type.filter((type) => type !== 'null');
        schema.type = types.length === 1 ? types[0] : types;
      }
      if (Array.isArray(schema?.enum)) schema.enum = schema.enum.filter((value) => value !== null);
    }
  }
}

/** Visits the schemas of every request body (nested ones too) and parameter, each once. */
function forEachRequestSchema(document: OpenAPIObject, visit: (schema: Schema) => void): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<Schema>();
  const walk = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object' || seen.has(schema as Schema)) return;
    seen.add(schema as Schema);
    if (Array.isArray(schema)) return schema.forEach(walk);
    const name = refName(schema as Schema);
    if (name) return walk(schemas[name]);
    visit(schema as Schema);
    for (const value of Object.values(schema)) walk(value);
  };
  for (const operation of operations(document)) {
    for (const parameter of (operation.parameters ?? []) as Schema[]) walk(parameter.schema);
    const body = operation.requestBody as { content?: Record<string, { schema?: Schema }> };
    for (const media of Object.values(body?.content ?? {})) walk(media.schema);
  }
}

function refName(schema: Schema): string | undefined {
  const ref = schema.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
}

function operations(document: OpenAPIObject): Schema[] {
  return Object.values(document.paths).flatMap((item) =>
    HTTP_METHODS.map((method) => item[method] as Schema | undefined).filter(
      (operation): operation is Schema => operation !== undefined,
    ),
  );
}

/** Visits every schema object of the document, nested ones included. */
function forEachSchema(document: OpenAPIObject, visit: (schema: Schema) => void): void {
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    for (const value of Object.values(node)) walk(value);
    if ('nullable' in node) visit(node as Schema);
  };
  walk(document);
}
