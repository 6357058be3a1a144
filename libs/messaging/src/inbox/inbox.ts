import type { EntityManager } from 'typeorm';

/**
 * The events one consumer has applied, after Eventuate Tram's duplicate detector: claiming an event
 * writes its `(consumer, event_id)` row in the transaction of the handler's effect, so the effect and
 * the record that it happened commit together. An event already claimed is a redelivery: skip it.
 */
export class Inbox {
  /** `consumer` names the subscription in the `inbox` table, e.g. `itsm-incident.default`. */
  constructor(readonly consumer: string) {}

  /**
   * Claims the events in the caller's transaction and returns the ids claimed now; the others were
   * applied before. An id given twice is claimed once.
   */
  async claim(
    manager: EntityManager,
    events: ReadonlyArray<{ id: string; type: string }>,
  ): Promise<Set<string>> {
    const rows = await manager.query<Array<{ event_id: string }>>(
      `INSERT INTO inbox (consumer, event_id, event_type)
       SELECT $1, id, type FROM unnest($2::text[], $3::text[]) AS t(id, type)
       ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
      [this.consumer, events.map((event) => event.id), events.map((event) => event.type)],
    );
    return new Set(rows.map((row) => row.event_id));
  }
}
