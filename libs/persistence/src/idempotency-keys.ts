import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A key sent again with another request than the one that first used it (answered 422). */
export class IdempotencyKeyReusedError extends Error {
  constructor(
    readonly key: string,
    readonly recordName: string,
  ) {
    super(`Idempotency-Key ${key} created a ${recordName} from a different request; use a new key`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface IdempotencyTable {
  /** The service's table of keys: `(caller_id, key)` unique, `request_hash`, the record column. */
  table: string;
  /** The column naming the record the first request created, e.g. `incident_id`. */
  recordColumn: string;
  /** What a create makes, for messages: `incident`. */
  recordName: string;
}

/**
 * The Idempotency-Key of a create: a retry with the same key answers the record the first request
 * created. Each key is claimed before anything else is written, in the create's transaction, so a
 * retry racing the first request waits for it on the key's row.
 */
export class IdempotencyKeys {
  constructor(private readonly keys: IdempotencyTable) {}

  /** Claims the key; the id of the record an earlier request with it created, if there was one. */
  async claim(
    manager: EntityManager,
    callerId: string,
    key: string,
    request: object,
  ): Promise<string | undefined> {
    const { table, recordColumn, recordName } = this.keys;
    const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
    const [claimed] = (await manager.query(
      `INSERT INTO ${table} (caller_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [callerId, key, hash],
    )) as unknown[];
    if (claimed) return undefined;
    const [earlier] = (await manager.query(
      `SELECT request_hash, ${recordColumn} AS record_id FROM ${table}
       WHERE caller_id = $1 AND key = $2`,
      [callerId, key],
    )) as Array<{ request_hash: string; record_id: string }>;
    if (earlier!.request_hash !== hash) throw new IdempotencyKeyReusedError(key, recordName);
    return earlier!.record_id;
  }

  /** Ties a claimed key to the record its request created. */
  async record(
    manager: EntityManager,
    callerId: string,
    key: string,
    recordId: string,
  ): Promise<void> {
    const { table, recordColumn } = this.keys;
    await manager.query(
      `UPDATE ${table} SET ${recordColumn} = $1 WHERE caller_id = $2 AND key = $3`,
      [recordId, callerId, key],
    );
  }
}

/** JSON with every object's keys sorted: a retry that sends the same fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  );
}
