import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { formSchema, textMaxLength } from './form-schema';
import { FORM_CHECK_BUDGET_MS, OVER_BUDGET, withinBudget } from './time-budget';
import type { Answers, VariableDefinition } from './variables';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }), ['date', 'uuid']);

/** One wrong answer, named as the request names it (`items.0.variables.cpu`) by the caller. */
export interface VariableError {
  variable: string;
  message: string;
  allowed?: readonly unknown[];
}

export type FormOutcome = { answers: Answers; errors: [] } | { errors: VariableError[] };

/**
 * Checks a request's answers against an item's form: the published JSON Schema, compiled. A form
 * with patterns is checked within `budgetMs` (default: the validator's own budget).
 */
export type FormValidator = (answers: Answers, budgetMs?: number) => FormOutcome;

/**
 * The validator of a variable set. It fills in the defaults of the variables the answers leave out
 * and that are shown, then validates against the very schema `GET …/form` publishes.
 */
export function formValidator(
  variables: readonly VariableDefinition[],
  budgetMs = FORM_CHECK_BUDGET_MS,
): FormValidator {
  const schema = formSchema('form', variables);
  const validate = ajv.compile(schema);
  // Ajv keeps every schema it compiled; the caller keeps the validator as long as it needs it.
  ajv.removeSchema(schema);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const patterned = variables.filter((v) => v.pattern !== undefined);
  return (submitted, budget = budgetMs) => {
    const answers = withDefaults(variables, submitted);
    const valid =
      patterned.length === 0 ? validate(answers) : withinBudget(() => validate(answers), budget);
    if (valid === OVER_BUDGET) return { errors: overBudget(patterned, answers, budget) };
    if (valid) return { answers, errors: [] };
    const errors = (validate.errors ?? [])
      .filter((e) => !['if', 'allOf'].includes(e.keyword))
      .map((e) => variableError(e, byName));
    return { errors: inFormOrder(uniqueByVariable(errors), variables) };
  };
}

/**
 * The answers that may have taken the time: those checked against a pattern. The pattern is at
 * fault, not the answer, so the message says who can fix it.
 */
function overBudget(
  patterned: readonly VariableDefinition[],
  answers: Answers,
  budgetMs: number,
): VariableError[] {
  return patterned
    .filter((v) => typeof answers[v.name] === 'string')
    .map((v) => ({
      variable: v.name,
      message: `${v.name} could not be checked against its pattern ${v.pattern} within ${budgetMs} ms: ask the catalog manager to simplify the pattern`,
    }));
}

function withDefaults(variables: readonly VariableDefinition[], submitted: Answers): Answers {
  const answers: Answers = { ...submitted };
  for (const v of variables) {
    if (answers[v.name] === undefined && v.default !== undefined && isShown(v, answers)) {
      answers[v.name] = v.default;
    }
  }
  return answers;
}

export function isShown(v: VariableDefinition, answers: Answers): boolean {
  return !v.showWhen || answers[v.showWhen.variable] === v.showWhen.equals;
}

function variableError(
  error: ErrorObject,
  byName: ReadonlyMap<string, VariableDefinition>,
): VariableError {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (params.additionalProperty !== undefined) {
    return {
      variable: params.additionalProperty,
      message: `the form has no variable ${params.additionalProperty}`,
      allowed: [...byName.keys()],
    };
  }
  if (params.missingProperty !== undefined) {
    return { variable: params.missingProperty, message: `${params.missingProperty} is required` };
  }
  const name = error.instancePath.split('/')[1] ?? '';
  const v = byName.get(name);
  if (!v) return { variable: name || '(variables)', message: `variables ${error.message}` };
  return { variable: name, ...explained(v, error) };
}

/** What a person can act on: the rule of the variable, not the schema keyword that caught it. */
function explained(v: VariableDefinition, error: ErrorObject): Omit<VariableError, 'variable'> {
  if (error.keyword === 'false schema' && v.showWhen) {
    const { variable, equals } = v.showWhen;
    return { message: `${v.name} is asked only when ${variable} is ${String(equals)}` };
  }
  switch (v.type) {
    case 'choice':
      return { message: `${v.name} must be one of: ${v.choices!.join(', ')}`, allowed: v.choices };
    case 'multi_choice':
      return {
        message: `${v.name} must be a list of distinct values of: ${v.choices!.join(', ')}${bounds(v, ' values')}`,
        allowed: v.choices,
      };
    case 'number':
      return { message: `${v.name} must be a number${bounds(v, '')}` };
    case 'text':
      return {
        message: `${v.name} must be text${bounds({ ...v, max: textMaxLength(v) }, ' characters')}${v.pattern === undefined ? '' : ` matching ${v.pattern}`}`,
      };
    case 'date':
      return { message: `${v.name} must be a date (YYYY-MM-DD)` };
    case 'boolean':
      return { message: `${v.name} must be true or false`, allowed: [true, false] };
    case 'ci_reference':
      return { message: `${v.name} must be the id (a UUID) of a configuration item` };
    case 'user_reference':
      return { message: `${v.name} must be a user id` };
  }
}

function bounds(v: VariableDefinition, unit: string): string {
  if (v.min !== undefined && v.max !== undefined) return ` of ${v.min} to ${v.max}${unit}`;
  if (v.min !== undefined) return ` of at least ${v.min}${unit}`;
  if (v.max !== undefined) return ` of at most ${v.max}${unit}`;
  return '';
}

/** Errors in the order the form shows its variables, answers to no variable last. */
function inFormOrder(errors: VariableError[], variables: readonly VariableDefinition[]) {
  const place = (e: VariableError) => {
    const index = variables.findIndex((v) => v.name === e.variable);
    return index === -1 ? variables.length : index;
  };
  return errors.sort((a, b) => place(a) - place(b));
}

function uniqueByVariable(errors: VariableError[]): VariableError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.variable) && seen.add(e.variable));
}
