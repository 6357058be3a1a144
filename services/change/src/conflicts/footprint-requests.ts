import { Inject, Injectable } from '@nestjs/common';
import { changeImpactRequested } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import type { Change } from '../changes/change.entity';
import { unansweredRequestsLostBefore } from './domain/footprint-refresh';

export const FOOTPRINT_REFRESH_ACTOR = 'system:footprint-refresh';

export type RequestedChange = Pick<Change, 'id' | 'number' | 'affectedCiIds'>;

/**
 * One footprint request in flight per change: a bulk import creating thousands of relationships
 * near a change asks the CMDB once, and once more after its answer, not once per event. A request
 * is in flight from its `change.impact_requested` until the CMDB's next answer for the change; an
 * event arriving meanwhile marks it stale again (`stale_again_by`), since that answer may have been
 * computed before the event's relationship was committed, and the answer then asks once more.
 * A request unanswered for `FOOTPRINT_REQUEST_PATIENCE_MINUTES` is taken as lost: the next event
 * asks again.
 */
@Injectable()
export class FootprintRequests {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  /** Asks for the changes with no request in flight; marks the others to be asked again. */
  async ask(
    manager: EntityManager,
    changes: readonly RequestedChange[],
    causedBy: string,
    now: Date,
  ): Promise<void> {
    if (changes.length === 0) return;
    // Asked: the row was inserted (xmax = 0: no request was in flight) or a lost one renewed.
    // In the ids' order: two refreshes reaching the same changes lock their rows in one order.
    const rows = (await manager.query(
      `INSERT INTO change_footprint_requests AS r (change_id, requested_at)
       SELECT id, $2::timestamptz FROM unnest($1::uuid[]) AS id ORDER BY id
       ON CONFLICT (change_id) DO UPDATE
         SET requested_at = CASE WHEN r.requested_at < $4 THEN $2 ELSE r.requested_at END,
             stale_again_by = CASE WHEN r.requested_at < $4 THEN NULL
                                   ELSE coalesce(r.stale_again_by, $3) END
       RETURNING change_id AS id, (xmax = 0 OR requested_at = $2) AS asked`,
      [changes.map((change) => change.id), now, causedBy, unansweredRequestsLostBefore(now)],
    )) as Array<{ id: string; asked: boolean }>;
    const asked = new Set(rows.filter((row) => row.asked).map((row) => row.id));
    await this.publish(
      manager,
      changes.filter((change) => asked.has(change.id)),
      causedBy,
      now,
    );
  }

  /**
   * The CMDB answered for `change`: its request is no longer in flight, unless it went stale again
   * meanwhile, when it is asked once more (`refreshable`: only while its footprint still matters).
   */
  async answered(
    manager: EntityManager,
    change: RequestedChange,
    refreshable: boolean,
    now: Date,
  ): Promise<void> {
    // Deleted whatever it holds: the DELETE waits for a refresh marking the row stale at the same
    // time and returns the marker as committed, where a condition read in the statement's snapshot
    // missed it and left the request in flight for good. TypeORM answers a DELETE with [rows, count].
    const [[row]] = (await manager.query(
      `DELETE FROM change_footprint_requests WHERE change_id = $1 RETURNING stale_again_by AS cause`,
      [change.id],
    )) as [Array<{ cause: string | null }>, number];
    if (!row?.cause || !refreshable) return;
    await manager.query(
      `INSERT INTO change_footprint_requests (change_id, requested_at) VALUES ($1, $2)`,
      [change.id, now],
    );
    await this.publish(manager, [change], row.cause, now);
  }

  private async publish(
    manager: EntityManager,
    changes: readonly RequestedChange[],
    causedBy: string,
    now: Date,
  ): Promise<void> {
    await this.outbox.publishMany(
      manager,
      changes.map((change) => ({
        definition: changeImpactRequested,
        aggregateId: change.id,
        data: {
          id: change.id,
          number: change.number,
          affectedCiIds: change.affectedCiIds,
          causedBy,
          requestedBy: FOOTPRINT_REFRESH_ACTOR,
          requestedAt: now.toISOString(),
        },
      })),
    );
  }
}
