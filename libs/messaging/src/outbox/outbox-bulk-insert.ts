import { NOTIFY_RELAY, type SqlPart } from './outbox-insert';
import type { OutboxEntry } from './prepare-event';

/**
 * The statement that writes thousands of prepared outbox rows, in their order, and wakes the relay
 * when the transaction commits: the rows travel as one JSON document, which PostgreSQL parses
 * faster than seven arrays of escaped text (a bulk import's events).
 */
export function outboxBulkInsert(entries: readonly OutboxEntry[]): SqlPart {
  return {
    sql: `WITH written AS (
            INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, topic, headers, payload)
            SELECT (e->>'id')::uuid, e->>'aggregateType', e->>'aggregateId', e->>'eventType',
                   e->>'topic', e->'headers', e->'payload'
              FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x (e, n)
             ORDER BY x.n
            RETURNING id
          )
          SELECT ${NOTIFY_RELAY} FROM written LIMIT 1`,
    params: [JSON.stringify(entries)],
  };
}
