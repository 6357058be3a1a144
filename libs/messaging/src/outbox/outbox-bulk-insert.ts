import { NOTIFY_RELAY, outboxInsert, type SqlPart } from './outbox-insert';
import type { OutboxEntry } from './prepare-event';

/**
 * The statement that writes prepared outbox rows, in their order, and wakes the relay when the
 * transaction commits: what `Outbox.publishMany` runs, for a caller that sends its statements
 * itself (a bulk import's pipeline).
 */
export function outboxBulkInsert(entries: readonly OutboxEntry[]): SqlPart {
  const insert = outboxInsert(entries);
  return {
    sql: `WITH written AS (${insert.sql}) SELECT ${NOTIFY_RELAY} FROM written LIMIT 1`,
    params: insert.params,
  };
}
