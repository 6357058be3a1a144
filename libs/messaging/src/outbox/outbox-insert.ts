import type { OutboxEntry } from './prepare-event';

/** The channel the relay listens on; a commit with outbox rows wakes it at once. */
export const OUTBOX_CHANNEL = 'itsm_outbox';

/** The notification that wakes the relay when the statement's transaction commits. */
export const NOTIFY_RELAY = `pg_notify('${OUTBOX_CHANNEL}', '')`;

/** A part of a statement, with the parameters its `$n` placeholders stand for. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * The INSERT of prepared outbox rows, in their order, numbering its parameters from `firstParam`:
 * for a caller that writes a record and its events in one statement (a data-modifying CTE). The
 * rows travel as one JSON document, which PostgreSQL parses faster than seven arrays of escaped
 * text (a bulk import writes thousands). `patch` completes each payload with what only the
 * statement knows, e.g. a number from a sequence: `{ from: 'i', payload: "jsonb_build_object('number',
 * i.number)" }` reads CTE `i`.
 */
export function outboxInsert(
  entries: readonly OutboxEntry[],
  firstParam = 1,
  patch?: { from: string; payload: string },
): SqlPart {
  return {
    sql: `INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, topic, headers, payload)
         SELECT (e->>'id')::uuid, e->>'aggregateType', e->>'aggregateId', e->>'eventType',
                e->>'topic', e->'headers', e->'payload'${patch ? ` || ${patch.payload}` : ''}
           FROM jsonb_array_elements($${firstParam}::jsonb) WITH ORDINALITY AS x (e, n)${patch ? `, ${patch.from}` : ''}
          ORDER BY x.n
         RETURNING id`,
    params: [JSON.stringify(entries)],
  };
}
