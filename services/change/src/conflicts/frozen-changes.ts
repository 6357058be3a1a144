import type { EntityManager } from 'typeorm';
import { PLANNED_STATES_SQL, plannedChange, type PlannedChangeRow } from './conflict-finder';
import { freezeHit, type Blackout, type FreezeCandidate } from './domain/conflict-rules';
import type { TimeWindow } from './domain/window';

/** How many changes a freeze lists at most; the caller learns when there are more. */
export const FROZEN_CHANGES_LIMIT = 200;

/** A planned change a freeze stops: global, or on one of its CIs (`ci`) or services (`service`). */
export interface FrozenChange {
  id: string;
  number: string;
  state: string;
  window: TimeWindow;
  ci: string | null;
  service: string | null;
}

export interface FrozenChanges {
  changes: FrozenChange[];
  truncated: boolean;
}

/**
 * The planned changes a freeze stops, earliest first: the reverse of the freeze half of the
 * conflict check, on the same indexes (GiST on the window, GIN on the CIs) and by the same rule. A
 * service-scoped freeze meets a change through the CMDB's answer for its current CIs, as the check
 * does. `requesterId` narrows to the changes a requester may see (null: every change).
 */
export async function frozenChanges(
  manager: EntityManager,
  blackout: Blackout,
  requesterId: string | null,
): Promise<FrozenChanges> {
  // The state list is written out so that the planner matches the partial indexes' predicate.
  const rows = (await manager.query(
    `SELECT c.id, c.number, c.state, c.planned_start, c.planned_end, c.affected_ci_ids,
            f.service_ids
     FROM changes c
     LEFT JOIN change_footprints f
       ON f.change_id = c.id AND f.ci_ids @> c.affected_ci_ids AND f.ci_ids <@ c.affected_ci_ids
     WHERE c.state IN (${PLANNED_STATES_SQL})
       AND tstzrange(c.planned_start, c.planned_end) && tstzrange($1, $2)
       AND ($3 = 'global' OR c.affected_ci_ids && $4::uuid[] OR f.service_ids && $5::uuid[])
       AND ($6::text IS NULL OR c.requested_by = $6 OR c.opened_by = $6)
     ORDER BY c.planned_start, c.number
     LIMIT ${FROZEN_CHANGES_LIMIT + 1}`,
    [
      blackout.window.start,
      blackout.window.end,
      blackout.scope,
      blackout.ciIds,
      blackout.serviceIds,
      requesterId,
    ],
  )) as Array<PlannedChangeRow & { service_ids: string[] | null }>;
  const changes: FrozenChange[] = [];
  for (const row of rows.slice(0, FROZEN_CHANGES_LIMIT)) {
    const candidate: FreezeCandidate = { ...plannedChange(row), serviceIds: row.service_ids };
    const hit = freezeHit(blackout, candidate);
    if (!hit) continue;
    const { id, number, state, window } = candidate;
    changes.push({ id, number, state, window, ...hit });
  }
  return { changes, truncated: rows.length > FROZEN_CHANGES_LIMIT };
}
