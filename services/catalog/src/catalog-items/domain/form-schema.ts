import type { VariableDefinition } from './variables';

/**
 * The longest text answer, whatever the variable says: answers are stored with the requested item
 * and sent in its events, so a form without a `max` must not let a request carry megabytes.
 */
export const TEXT_ANSWER_MAX_LENGTH = 4000;

/** How long a text variable's answer may be: its own `max`, never above the service's bound. */
export const textMaxLength = (v: VariableDefinition): number => v.max ?? TEXT_ANSWER_MAX_LENGTH;

/** A JSON Schema (draft-07) document, as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * The item's form as JSON Schema: what a portal renders and, compiled, what validates a request's
 * answers, so that the form shown and the rule applied cannot disagree. A conditional variable is
 * allowed (and, when required, required) only while its condition holds; `x-order`, `x-reference`
 * and `x-show-when` tell a portal what JSON Schema cannot say.
 */
export function formSchema(title: string, variables: readonly VariableDefinition[]): JsonSchema {
  const conditional = variables.filter((v) => v.showWhen);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
    properties: Object.fromEntries(variables.map((v) => [v.name, variableSchema(v)])),
    required: variables.filter((v) => v.required && !v.showWhen).map((v) => v.name),
    additionalProperties: false,
    'x-order': variables.map((v) => v.name),
    ...(conditional.length > 0 && { allOf: conditional.map(conditionSchema) }),
  };
}

export function variableSchema(v: VariableDefinition): JsonSchema {
  return {
    title: v.label,
    ...typeSchema(v),
    ...(v.default !== undefined && { default: v.default }),
    ...(v.showWhen && { 'x-show-when': v.showWhen }),
  };
}

function typeSchema(v: VariableDefinition): JsonSchema {
  switch (v.type) {
    case 'text':
      return {
        type: 'string',
        ...(v.pattern !== undefined && { pattern: anchored(v.pattern) }),
        minLength: v.min ?? (v.required ? 1 : 0),
        maxLength: textMaxLength(v),
      };
    case 'number':
      return {
        type: 'number',
        ...(v.min !== undefined && { minimum: v.min }),
        ...(v.max !== undefined && { maximum: v.max }),
      };
    case 'choice':
      return { type: 'string', enum: v.choices ?? [] };
    case 'multi_choice':
      return {
        type: 'array',
        items: { type: 'string', enum: v.choices ?? [] },
        uniqueItems: true,
        ...(v.min !== undefined && { minItems: v.min }),
        ...(v.max !== undefined && { maxItems: v.max }),
      };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'boolean':
      return { type: 'boolean' };
    case 'ci_reference':
      return {
        type: 'string',
        format: 'uuid',
        'x-reference': { kind: 'configuration_item', ...(v.ciClass && { class: v.ciClass }) },
      };
    case 'user_reference':
      return { type: 'string', minLength: 1, maxLength: 128, 'x-reference': { kind: 'user' } };
  }
}

/** The whole answer must match, as a form's pattern attribute means. */
function anchored(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** While the condition holds the variable may (or must) be answered; otherwise it must not be. */
function conditionSchema(v: VariableDefinition): JsonSchema {
  const { variable, equals } = v.showWhen!;
  return {
    if: { properties: { [variable]: { const: equals } }, required: [variable] },
    then: v.required ? { required: [v.name] } : {},
    else: { properties: { [v.name]: false } },
  };
}
