import { HttpStatus } from '@nestjs/common';
import { problem, validationProblem } from './problem';

/** The ETag of a record version: weak, since the representation may vary (fields a role hides). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/**
 * The version a change is based on: the `If-Match` header (an ETag this API issued) or a `version`
 * field in the body. A change that names neither is refused with 428: every update must say what it
 * read, or two people would overwrite each other without knowing. Both may be sent, but must agree:
 * a client that sends a current ETag with a stale body must not have the stale body applied.
 */
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): number {
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
    if (!match) {
      throw validationProblem([
        { field: 'If-Match', message: 'If-Match must be an ETag this API issued, e.g. W/"3"' },
      ]);
    }
    const headerVersion = Number(match[1]);
    if (bodyVersion !== undefined && bodyVersion !== headerVersion) {
      throw validationProblem([
        {
          field: 'version',
          message: `version ${bodyVersion} disagrees with If-Match ${etagOf(headerVersion)}: send the version you read once, or the same in both`,
        },
      ]);
    }
    return headerVersion;
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw problem(
    HttpStatus.PRECONDITION_REQUIRED,
    'version-required',
    'The version you read is required',
    'Send the ETag you read as If-Match, or the version in the body',
  );
}

/** 409: the record changed since the caller read it (persistence's StaleVersionError, answered). */
export function staleVersion(kind: string, id: string, expected: number, current: number) {
  return problem(
    HttpStatus.CONFLICT,
    'stale-version',
    'The record changed since you read it',
    `${kind} ${id} is at version ${current}, not ${expected}: read it again and reapply your change`,
    { currentVersion: current },
  );
}
