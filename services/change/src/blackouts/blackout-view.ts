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
