import { validationProblem } from '@itsm/http';

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
