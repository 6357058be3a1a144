import type { Blackout } from '../conflicts/domain/conflict-rules';
import type { FrozenChange, FrozenChanges } from '../conflicts/frozen-changes';
import type { BlackoutWindow } from './blackout-window.entity';

export type BlackoutView = Pick<
  BlackoutWindow,
  | 'id'
  | 'name'
  | 'reason'
  | 'start'
  | 'end'
  | 'scope'
  | 'ciIds'
  | 'serviceIds'
  | 'createdBy'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;

/** A freeze as the API answers it. */
export function blackoutView(blackout: BlackoutWindow): BlackoutView {
  const { id, name, reason, start, end, scope, ciIds, serviceIds, createdBy } = blackout;
  const { createdAt, updatedAt, version } = blackout;
  return {
    id,
    name,
    reason,
    start,
    end,
    scope,
    ciIds,
    serviceIds,
    createdBy,
    createdAt,
    updatedAt,
    version,
  };
}

/** One freeze with the planned changes it stops (those the caller may see). */
export interface BlackoutDetailView extends BlackoutView {
  affectedChanges: FrozenChange[];
  affectedChangesTruncated: boolean;
}

export function blackoutDetailView(
  blackout: BlackoutWindow,
  frozen: FrozenChanges,
): BlackoutDetailView {
  return {
    ...blackoutView(blackout),
    affectedChanges: frozen.changes,
    affectedChangesTruncated: frozen.truncated,
  };
}

/** The freeze as the conflict rules read it. */
export function asBlackout(blackout: BlackoutWindow): Blackout {
  const { id, name, scope, ciIds, serviceIds } = blackout;
  return {
    id,
    name,
    scope,
    ciIds,
    serviceIds,
    window: { start: blackout.start, end: blackout.end },
  };
}
