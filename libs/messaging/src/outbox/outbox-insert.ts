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
 * for a caller that writes a record and its events in one statement (a data-modifying CTE).
 * `patch` completes each payload with what only the statement knows, e.g. a number from a
 * sequence: `{ from: 'i', payload: "jsonb_build_object('number', i.number)" }` reads CTE `i`.
 */
export function outboxInsert(
  entries: readonly OutboxEntry[],
  firstParam = 1,
  patch?: { from: string; payload: string },
): SqlPart {
  const p = (i: number) => `$${firstParam + i}`;
  return {
    sql: `INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, topic, headers, payload)
         SELECT e.id, e.aggregate_type, e.aggregate_id, e.event_type, e.topic, e.headers,
                e.payload${patch ? ` || ${patch.payload}` : ''}
           FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::jsonb[], ${p(6)}::jsonb[])
                WITH ORDINALITY AS e (id, aggregate_type, aggregate_id, event_type, topic, headers, payload, n)${patch ? `, ${patch.from}` : ''}
          ORDER BY e.n
         RETURNING id`,
    params: [
      entries.map((entry) => entry.id),
      entries.map((entry) => entry.aggregateType),
      entries.map((entry) => entry.aggregateId),
      entries.map((entry) => entry.eventType),
      entries.map((entry) => entry.topic),
      entries.map((entry) => JSON.stringify(entry.headers)),
      entries.map((entry) => JSON.stringify(entry.payload)),
    ],
  };
}
