export const VARIABLE_TYPES = [
  'text',
  'number',
  'choice',
  'multi_choice',
  'date',
  'boolean',
  'ci_reference',
  'user_reference',
] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** A form holds at most this many variables, so a request answers at most this many. */
export const MAX_VARIABLES = 100;

/** A variable is shown (and may be answered) only when an earlier variable has this value. */
export interface VariableCondition {
  variable: string;
  equals: string | number | boolean;
}

/** One field of an item's form. */
export interface VariableDefinition {
  /** The key of the answer in a request's variables: camelCase or snake_case. */
  name: string;
  label: string;
  type: VariableType;
  required: boolean;
  default?: unknown;
  /** Text: a regular expression the whole answer must match. */
  pattern?: string;
  /** Number: the value; text: its length; multi-choice: how many are chosen. */
  min?: number;
  max?: number;
  /** Choice and multi-choice: the values offered. */
  choices?: string[];
  /** CI reference: the class of CI it names. */
  ciClass?: string;
  showWhen?: VariableCondition;
}

export type Answers = Record<string, unknown>;
