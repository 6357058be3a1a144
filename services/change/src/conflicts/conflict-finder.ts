import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Change } from '../changes/change.entity';
import { sameCis } from '../risk/domain/impact-match';
import { ChangeFootprint } from './change-footprint.entity';
import { CONFLICT_CONFIG, type ConflictConfig } from './conflict-config';
import { conflictsOf, type Blackout, type PlannedChange } from './domain/conflict-rules';
import { reachedCis } from './domain/footprint';
import { PLANNED_STATES } from './domain/planned-states';
import type { ConflictCheck } from './domain/scheduling-decision';

/** A conflict check with what it looked at. */
export interface FoundConflicts extends ConflictCheck {
  /** How many relationships away it looked (the setting, or less when the CMDB looked less far). */
  depth: number;
  footprint: { calculatedAt: Date; truncated: boolean } | null;
}

/** The planned states as SQL, written out so that the planner matches the partial indexes. */
export const PLANNED_STATES_SQL = PLANNED_STATES.map((state) => `'${state}'`).join(', ');

/**
 * The conflict check as two queries in this service's own database: the planned changes whose
 * window overlaps (GiST on the window) and whose CIs meet the change's footprint (GIN on the CIs),
 * and the freezes over the window on its CIs, its services or everywhere. The footprint, the CIs
 * near the change's own with a path to each, is the CMDB's answer: no copy of the graph is kept.
 */
@Injectable()
export class ConflictFinder {
  constructor(@Inject(CONFLICT_CONFIG) private readonly config: ConflictConfig) {}

  async check(manager: EntityManager, change: Change): Promise<FoundConflicts> {
    const stored = await manager.findOneBy(ChangeFootprint, { changeId: change.id });
    const footprint = stored && sameCis(stored.ciIds, change.affectedCiIds) ? stored : null;
    const footprintPending = change.affectedCiIds.length > 0 && footprint === null;
    const depth = Math.min(this.config.CHANGE_CONFLICT_DEPTH, footprint?.depth ?? 0);
    const found = {
      depth,
      footprintPending,
      footprint: footprint && {
        calculatedAt: footprint.calculatedAt,
        truncated: footprint.truncated,
      },
    };
    if (!change.plannedStart || !change.plannedEnd) return { ...found, conflicts: [] };
    const window = { start: change.plannedStart, end: change.plannedEnd };
    const reached = reachedCis(change.affectedCiIds, footprint, depth);
    const ciIds = [...reached.values()].map((r) => r.ci);
    const serviceIds = footprint?.serviceIds ?? null;
    const [others, blackouts] = await Promise.all([
      plannedChangesMeeting(manager, change.id, window, ciIds),
      blackoutsOver(manager, window, change.affectedCiIds, serviceIds ?? []),
    ]);
    return {
      ...found,
      conflicts: conflictsOf({ id: change.id, window, reached, serviceIds }, others, blackouts),
    };
  }
}

async function plannedChangesMeeting(
  manager: EntityManager,
  id: string,
  window: { start: Date; end: Date },
  ciIds: string[],
): Promise<PlannedChange[]> {
  if (ciIds.length === 0) return [];
  // The state list is written out so that the planner matches the partial indexes' predicate.
  const rows = (await manager.query(
    `SELECT id, number, state, planned_start, planned_end, affected_ci_ids FROM changes
     WHERE state IN (${PLANNED_STATES_SQL}) AND id <> $1
       AND tstzrange(planned_start, planned_end) && tstzrange($2, $3)
       AND affected_ci_ids && $4::uuid[]
     ORDER BY planned_start, number`,
    [id, window.start, window.end, ciIds],
  )) as PlannedChangeRow[];
  return rows.map(plannedChange);
}

/** A row of `changes` as the conflict queries select it. */
export interface PlannedChangeRow {
  id: string;
  number: string;
  state: string;
  planned_start: Date;
  planned_end: Date;
  affected_ci_ids: string[];
}

export function plannedChange(row: PlannedChangeRow): PlannedChange {
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    window: { start: row.planned_start, end: row.planned_end },
    affectedCiIds: row.affected_ci_ids,
  };
}

async function blackoutsOver(
  manager: EntityManager,
  window: { start: Date; end: Date },
  ciIds: string[],
  serviceIds: string[],
): Promise<Blackout[]> {
  const rows = (await manager.query(
    `SELECT id, name, starts_at, ends_at, scope, ci_ids, service_ids FROM blackout_windows
     WHERE tstzrange(starts_at, ends_at) && tstzrange($1, $2)
       AND (scope = 'global' OR ci_ids && $3::uuid[] OR service_ids && $4::uuid[])
     ORDER BY starts_at, name`,
    [window.start, window.end, ciIds, serviceIds],
  )) as Array<{
    id: string;
    name: string;
    starts_at: Date;
    ends_at: Date;
    scope: Blackout['scope'];
    ci_ids: string[];
    service_ids: string[];
  }>;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    window: { start: row.starts_at, end: row.ends_at },
    scope: row.scope,
    ciIds: row.ci_ids,
    serviceIds: row.service_ids,
  }));
}
