import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { problem, validationProblem } from '@itsm/http';
import type { EntityManager } from 'typeorm';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function assertIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw validationProblem([
      {
        field: 'Idempotency-Key',
        message: 'Idempotency-Key must be 1–255 visible ASCII characters',
      },
    ]);
  }
}

/**
 * Records the key before anything else, so that a retry racing the first request waits for it on
 * the key's row; returns the change an earlier request with the same key created.
 */
export async function claimIdempotencyKey(
  manager: EntityManager,
  callerId: string,
  key: string,
  request: object,
): Promise<string | undefined> {
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const [claimed] = (await manager.query(
    `INSERT INTO idempotency_keys (caller_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING key`,
    [callerId, key, hash],
  )) as unknown[];
  if (claimed) return undefined;
  const [earlier] = (await manager.query(
    'SELECT request_hash, change_id FROM idempotency_keys WHERE caller_id = $1 AND key = $2',
    [callerId, key],
  )) as Array<{ request_hash: string; change_id: string }>;
  if (earlier!.request_hash !== hash) {
    throw problem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency-key-reused',
      'The Idempotency-Key was used for another request',
      `Idempotency-Key ${key} created a change from a different request; use a new key`,
    );
  }
  return earlier!.change_id;
}

export async function recordIdempotentResult(
  manager: EntityManager,
  callerId: string,
  key: string,
  changeId: string,
): Promise<void> {
  await manager.query(
    'UPDATE idempotency_keys SET change_id = $1 WHERE caller_id = $2 AND key = $3',
    [changeId, callerId, key],
  );
}
