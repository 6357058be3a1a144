import { HttpStatus } from '@nestjs/common';
import { problem, validationProblem } from './problem';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header as sent, or the 400 naming it. */
export function checkedIdempotencyKey(key: string | undefined): string | undefined {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw validationProblem([
      {
        field: 'Idempotency-Key',
        message: 'Idempotency-Key must be 1–255 visible ASCII characters',
      },
    ]);
  }
  return key;
}

/** 422: the key was first used for another request (persistence's IdempotencyKeyReusedError). */
export function idempotencyKeyReused(message: string) {
  return problem(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'idempotency-key-reused',
    'The Idempotency-Key was used for another request',
    message,
  );
}
