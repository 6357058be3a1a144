import type { FieldError } from '@itsm/http';

/** As long as a CI's name may be: the column's CHECK, and `CreateCiRequest`'s bound. */
export const CI_NAME_MAX_LENGTH = 255;

/**
 * What is wrong with the name a requested item's answers made for its CI. The API refuses a long
 * name before it reaches the database; a name filled in from a requester's answers is checked
 * here, so that it is refused in the answer rather than failing the event at the CHECK each retry.
 */
export function provisionedNameErrors(name: string): FieldError[] {
  return name.length > CI_NAME_MAX_LENGTH
    ? [{ field: 'name', message: `name must be at most ${CI_NAME_MAX_LENGTH} characters` }]
    : [];
}
