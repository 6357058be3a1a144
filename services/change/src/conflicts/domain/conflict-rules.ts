import { reachedCis, type Direction, type Reached } from './footprint';
import { overlaps, type TimeWindow } from './window';

export const CONFLICT_KINDS = ['same_ci', 'dependency', 'blackout'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Another change planned to happen: scheduled, or being implemented. */
export interface PlannedChange {
  id: string;
  number: string;
  state: string;
  window: TimeWindow;
  affectedCiIds: string[];
}

export const BLACKOUT_SCOPES = ['global', 'cis', 'services'] as const;
export type BlackoutScope = (typeof BLACKOUT_SCOPES)[number];

/** A freeze: no change in its window, everywhere or on the CIs or business services it names. */
export interface Blackout {
  id: string;
  name: string;
  window: TimeWindow;
  scope: BlackoutScope;
  ciIds: string[];
  serviceIds: string[];
}

/**
 * Why a change may not happen as planned. `ci` is where it meets the other change or the freeze,
 * `path` leads there from one of the change's own CIs (empty for a global freeze, and for a
 * freeze on a service the CMDB found impacted), `window` is the other change's or the freeze's.
 */
export type Conflict =
  | {
      kind: 'same_ci' | 'dependency';
      otherChange: { id: string; number: string; state: string };
      ci: string;
      direction: Direction | null;
      path: string[];
      window: TimeWindow;
    }
  | {
      kind: 'blackout';
      blackoutWindow: { id: string; name: string; scope: BlackoutScope };
      ci: string | null;
      service: string | null;
      direction: null;
      path: string[];
      window: TimeWindow;
    };

export interface ConflictSubject {
  id: string;
  window: TimeWindow;
  /** Every CI within the conflict depth, from `reachedCis`. */
  reached: Map<string, Reached>;
  /** The business services its CIs impact; null while the CMDB has not answered. */
  serviceIds: string[] | null;
}

/**
 * The conflicts of a change with the other planned changes and the freezes: one per other change
 * that touches one of the reached CIs in an overlapping window (at the nearest CI where they meet:
 * the same CI before a related one), and one per freeze covering the window and the change.
 */
export function conflictsOf(
  subject: ConflictSubject,
  others: readonly PlannedChange[],
  blackouts: readonly Blackout[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const other of others) {
    if (other.id === subject.id || !overlaps(subject.window, other.window)) continue;
    const meeting = nearest(subject.reached, other.affectedCiIds);
    if (!meeting) continue;
    conflicts.push({
      kind: meeting.direction === null ? 'same_ci' : 'dependency',
      otherChange: { id: other.id, number: other.number, state: other.state },
      ci: meeting.ci,
      direction: meeting.direction,
      path: meeting.path,
      window: other.window,
    });
  }
  for (const blackout of blackouts) {
    if (!overlaps(subject.window, blackout.window)) continue;
    const hit = blackoutHit(subject, blackout);
    if (!hit) continue;
    conflicts.push({
      kind: 'blackout',
      blackoutWindow: { id: blackout.id, name: blackout.name, scope: blackout.scope },
      direction: null,
      window: blackout.window,
      ...hit,
    });
  }
  return conflicts;
}

/** A planned change as a freeze sees it: its own CIs, and the services the CMDB found them to impact. */
export interface FreezeCandidate extends PlannedChange {
  /** Null while the CMDB has not answered for the change's current CIs. */
  serviceIds: string[] | null;
}

/** Why a freeze stops a change: it is global, or it names one of the change's CIs or services. */
export type FreezeHit = { ci: string | null; service: string | null };

/**
 * Whether the freeze stops the change, by the rule the change's own conflict check applies (its
 * window overlaps, and the freeze is global or on one of its own CIs or impacted services).
 */
export function freezeHit(blackout: Blackout, change: FreezeCandidate): FreezeHit | undefined {
  if (!overlaps(change.window, blackout.window)) return undefined;
  const subject: ConflictSubject = {
    id: change.id,
    window: change.window,
    reached: reachedCis(change.affectedCiIds, null, 0),
    serviceIds: change.serviceIds,
  };
  const hit = blackoutHit(subject, blackout);
  return hit && { ci: hit.ci, service: hit.service };
}

function nearest(reached: Map<string, Reached>, ciIds: readonly string[]): Reached | undefined {
  let best: Reached | undefined;
  for (const ci of ciIds) {
    const found = reached.get(ci.toLowerCase());
    if (found && (!best || found.path.length < best.path.length)) best = found;
  }
  return best;
}

/** A freeze applies to the change's own CIs (not related ones) and to the services it impacts. */
function blackoutHit(
  subject: ConflictSubject,
  blackout: Blackout,
): { ci: string | null; service: string | null; path: string[] } | undefined {
  if (blackout.scope === 'global') return { ci: null, service: null, path: [] };
  if (blackout.scope === 'cis') {
    for (const ci of blackout.ciIds) {
      const own = subject.reached.get(ci.toLowerCase());
      if (own?.direction === null) return { ci: own.ci, service: null, path: own.path };
    }
    return undefined;
  }
  const impacted = new Set((subject.serviceIds ?? []).map((id) => id.toLowerCase()));
  const service = blackout.serviceIds.find((id) => impacted.has(id.toLowerCase()));
  return service ? { ci: null, service, path: [] } : undefined;
}
