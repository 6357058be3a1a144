import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ApiProblem } from './api-responses';

export interface VersionedChange {
  /** What the success answers with, e.g. 'The incident as changed'. */
  answer: string;
  /** 200 unless the operation creates something (201). */
  status?: HttpStatus.OK | HttpStatus.CREATED;
  /** What a 409 means here besides a stale version. */
  conflicts?: string;
  /** The schema of the record answered. */
  type?: Type<unknown>;
}

/**
 * Documents a change based on the version the caller read (`expectedVersion`): the `If-Match`
 * header, the success with the new `ETag`, and the 409 and 428 it can answer besides the errors
 * every operation declares. (Declaring any response replaces Nest's default success, so it is
 * declared here too.)
 */
export function ApiVersionedChange({
  answer,
  status = HttpStatus.OK,
  conflicts,
  type,
}: VersionedChange) {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag read, e.g. W/"3" (or `version` in the body; one of them is required)',
      schema: { type: 'string', pattern: '^(W/)?"[0-9]+"$' },
    }),
    ApiResponse({
      status,
      description: answer,
      ...(type ? { type } : {}),
      headers: {
        ETag: { description: 'The new version, for the next If-Match', schema: { type: 'string' } },
      },
    }),
    ApiProblem(
      HttpStatus.CONFLICT,
      `The record changed since it was read${conflicts ? `, or ${conflicts}` : ''}`,
    ),
    ApiProblem(
      HttpStatus.PRECONDITION_REQUIRED,
      'Neither If-Match nor a version in the body was sent',
    ),
  );
}
