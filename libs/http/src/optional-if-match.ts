import { ApiHeader } from '@nestjs/swagger';
import { expectedVersion } from './concurrency';

/**
 * The version named by an `If-Match` the caller may leave out (a write that stands on its own, such
 * as replacing a person or removing a category); a malformed one is a 400 as everywhere.
 */
export function optionalExpectedVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : expectedVersion(ifMatch, undefined);
}

/** Documents that optional `If-Match`: `what` says what happens only at the version read. */
export const ApiOptionalIfMatch = (what: string) =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: `The ETag read, e.g. W/"3": ${what} only if still at that version`,
    schema: { type: 'string', pattern: '^(W/)?"[0-9]+"$' },
  });
