import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiResponse, type LinksObject } from '@nestjs/swagger';
import { ApiProblem, ETAG_HEADER } from './api-responses';

export interface IdempotentCreate {
  /** The record answered. */
  type: Type<unknown>;
  /** What is created, for the descriptions: `incident`. */
  record: string;
  /** Links from the new record to its operations, for generated clients and stateful fuzzers. */
  links?: LinksObject;
  /** Whether the answer carries the record's ETag (a versioned record); default true. */
  etag?: boolean;
}

const location = (description: string) => ({
  Location: { description, schema: { type: 'string' } },
});

/**
 * Documents a create that takes an Idempotency-Key (`checkedIdempotencyKey`, `IdempotencyKeys`):
 * 201 with Location (and ETag, for a versioned record), 200 with `Idempotent-Replayed` for a retry, 422 for a key used for
 * another request. `answerCreated` answers it.
 */
export function ApiIdempotentCreate({ type, record, links, etag = true }: IdempotentCreate) {
  const etagHeader = etag ? ETAG_HEADER : {};
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: `A retry with the same key answers the ${record} the first request created`,
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
    }),
    ApiResponse({
      status: 201,
      description: 'Created',
      type,
      headers: { ...location(`The new ${record}`), ...etagHeader },
      ...(links ? { links } : {}),
    }),
    ApiResponse({
      status: 200,
      description: `A retry: the ${record} the first request with this Idempotency-Key created`,
      type,
      headers: {
        ...location(`The ${record}`),
        'Idempotent-Replayed': {
          description: 'Always `true`',
          schema: { type: 'string', enum: ['true'] },
        },
        ...etagHeader,
      },
      ...(links ? { links } : {}),
    }),
    ApiProblem(422, 'The Idempotency-Key was used for a different request'),
  );
}

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
}

/** Answers a create: 201 with its Location, or 200 with `Idempotent-Replayed` for a retry. */
export function answerCreated(reply: Reply, location: string, replayed: boolean): void {
  void reply.status(replayed ? 200 : 201).header('location', location);
  if (replayed) void reply.header('idempotent-replayed', 'true');
}
