import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { problem } from '@itsm/http';
import type { EntityManager } from 'typeorm';

/**
 * Records the key before anything else, so that a retry racing the first request waits for it on
 * the key's row; returns the problem an earlier request with the same key opened.
 */
export async function claimIdempotencyKey(
  manager: EntityManager,
  callerId: string,
  key: string,
  request: object,
): Promise<string | undefined> {
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const [claimed] = (await manager.query(
    `INSERT INTO problem_idempotency_keys (caller_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING key`,
    [callerId, key, hash],
  )) as unknown[];
  if (claimed) return undefined;
  const [earlier] = (await manager.query(
    'SELECT request_hash, problem_id FROM problem_idempotency_keys WHERE caller_id = $1 AND key = $2',
    [callerId, key],
  )) as Array<{ request_hash: string; problem_id: string }>;
  if (earlier!.request_hash !== hash) {
    throw problem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency-key-reused',
      'The Idempotency-Key was used for another request',
      `Idempotency-Key ${key} opened a problem from a different request; use a new key`,
    );
  }
  return earlier!.problem_id;
}

/** Ties the key claimed by `claimIdempotencyKey` to the problem its request opened. */
export async function recordIdempotentResult(
  manager: EntityManager,
  callerId: string,
  key: string,
  problemId: string,
): Promise<void> {
  await manager.query(
    'UPDATE problem_idempotency_keys SET problem_id = $1 WHERE caller_id = $2 AND key = $3',
    [problemId, callerId, key],
  );
}
