import { ValidateBy } from 'class-validator';

/**
 * What the OpenAPI document says `@HasText()` takes: a character other than white space, and no NUL
 * (which every request string refuses, see refuseNul: one pattern has to say both).
 */
export const HAS_TEXT_PATTERN = '^[^\\x00]*[^\\s\\x00][^\\x00]*$';

/** Whether a string holds something to read: white space alone (`' '`, a tab, a line break) does not. */
export function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * `@HasText()`: a required piece of human text (a name, a short description, a reason) must say
 * something; a blank one would be listed, searched and shown as if it did. The server checks with
 * `trim()` (linear), not with the document's pattern, which backtracks on long blank input.
 */
export function HasText(): PropertyDecorator {
  return ValidateBy({
    name: 'hasText',
    validator: {
      validate: hasText,
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must contain a character other than white space`,
    },
  });
}
