/** The subset of JSON Schema our event schemas use. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

/**
 * What makes a new version of a released schema break its consumers or the events already in the
 * log (which consumers validate when they replay them). A compatible change only adds optional
 * fields, enum values, or loosens a constraint.
 */
export function breakingChanges(
  released: JsonSchema,
  current: JsonSchema,
  path = '(data)',
): string[] {
  const breaks: string[] = [];
  if (released.type !== undefined && current.type !== released.type) {
    breaks.push(`${path}: type changed from ${released.type} to ${current.type ?? 'any'}`);
    return breaks;
  }
  if (released.type === undefined && current.type !== undefined)
    breaks.push(`${path}: type narrowed to ${current.type}`);
  if (current.enum) {
    if (!released.enum) breaks.push(`${path}: restricted to the values ${current.enum.join(', ')}`);
    for (const value of released.enum ?? []) {
      if (!current.enum.includes(value))
        breaks.push(`${path}: enum value ${JSON.stringify(value)} removed`);
    }
  }
  if ('const' in current && JSON.stringify(current.const) !== JSON.stringify(released.const)) {
    breaks.push(`${path}: constant changed to ${JSON.stringify(current.const)}`);
  }
  breaks.push(...tightenedConstraints(released, current, path));

  for (const [name, releasedProperty] of Object.entries(released.properties ?? {})) {
    const currentProperty = current.properties?.[name];
    if (!currentProperty) breaks.push(`${path}.${name}: field removed`);
    else breaks.push(...breakingChanges(releasedProperty, currentProperty, `${path}.${name}`));
  }
  const wasRequired = new Set(released.required ?? []);
  for (const name of current.required ?? []) {
    if (!wasRequired.has(name)) {
      breaks.push(
        `${path}.${name}: ${released.properties?.[name] ? 'field made required' : 'new required field'}`,
      );
    }
  }
  if (released.additionalProperties !== false && current.additionalProperties === false) {
    breaks.push(`${path}: additional properties no longer allowed`);
  }
  if (released.items && current.items)
    breaks.push(...breakingChanges(released.items, current.items, `${path}[]`));
  return breaks;
}

function tightenedConstraints(released: JsonSchema, current: JsonSchema, path: string): string[] {
  const breaks: string[] = [];
  for (const keyword of ['pattern', 'format'] as const) {
    if (current[keyword] !== undefined && current[keyword] !== released[keyword]) {
      breaks.push(`${path}: ${keyword} changed to ${current[keyword]}`);
    }
  }
  for (const keyword of ['minimum', 'minLength', 'minItems'] as const) {
    const now = current[keyword];
    const before = released[keyword];
    if (now !== undefined && (before === undefined || now > before))
      breaks.push(`${path}: ${keyword} raised to ${now}`);
  }
  for (const keyword of ['maximum', 'maxLength', 'maxItems'] as const) {
    const now = current[keyword];
    const before = released[keyword];
    if (now !== undefined && (before === undefined || now < before))
      breaks.push(`${path}: ${keyword} lowered to ${now}`);
  }
  return breaks;
}
