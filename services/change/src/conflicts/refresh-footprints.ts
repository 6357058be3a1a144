import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FOOTPRINT_REFRESH_STATES } from './domain/footprint-refresh';
import { FootprintRequests, type RequestedChange } from './footprint-requests';

/** Written out so that the planner matches the partial index's predicate. */
const REFRESH_STATES_SQL = FOOTPRINT_REFRESH_STATES.map((state) => `'${state}'`).join(', ');

/**
 * The changes (in `FOOTPRINT_REFRESH_STATES`) that name one of `ciIds` or hold one in their
 * footprint: GIN on those changes' CIs (`changes_refreshable_cis`) and GIN on the footprints'
 * related CIs (`change_footprints_related`), then each footprint's change by its key.
 */
export function changesNearQuery(ciIds: readonly string[]): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT c.id, c.number, c.affected_ci_ids AS "affectedCiIds" FROM changes c
          WHERE c.affected_ci_ids && $1::uuid[] AND c.state IN (${REFRESH_STATES_SQL})
          UNION
          SELECT c.id, c.number, c.affected_ci_ids AS "affectedCiIds"
          FROM change_footprints f JOIN changes c ON c.id = f.change_id
          WHERE f.related_ci_ids && $1::uuid[] AND c.state IN (${REFRESH_STATES_SQL})`,
    params: [ciIds],
  };
}

/**
 * Asks the CMDB for a fresh footprint of every change a relationship's creation or removal (or a
 * CI's retirement) may have altered it for: those whose CIs or footprint hold one of the CIs
 * concerned, by `change.impact_requested` (the CMDB answers it as it answers a change naming CIs:
 * `impact.calculated`), one request in flight per change (`FootprintRequests`). Within one
 * transaction (the consumer applies a chunk of events in one) a change is asked for once, however
 * many of the chunk's events reach it: the CMDB answers with the graph as it is after the commit,
 * all of them included, so they do not make the request stale again.
 */
@Injectable()
export class RefreshFootprints {
  private readonly asked = new WeakMap<EntityManager, Set<string>>();

  constructor(private readonly requests: FootprintRequests) {}

  async execute(
    manager: EntityManager,
    ciIds: readonly string[],
    causedBy: string,
    now = new Date(),
  ) {
    const { sql, params } = changesNearQuery([...new Set(ciIds)]);
    const rows = (await manager.query(sql, params)) as RequestedChange[];
    const asked = this.asked.get(manager) ?? new Set<string>();
    this.asked.set(manager, asked);
    const fresh = rows.filter((row) => !asked.has(row.id));
    for (const row of fresh) asked.add(row.id);
    await this.requests.ask(manager, fresh, causedBy, now);
  }
}
