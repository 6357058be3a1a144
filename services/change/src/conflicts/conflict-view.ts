import type { Change } from '../changes/change.entity';
import type { FoundConflicts } from './conflict-finder';
import type { BlackoutScope, Conflict, ConflictKind } from './domain/conflict-rules';
import type { Direction } from './domain/footprint';

/** One conflict as the API answers it: every field present, null where it does not apply. */
export interface ConflictView {
  kind: ConflictKind;
  otherChange: { id: string; number: string; state: string } | null;
  blackoutWindow: { id: string; name: string; scope: BlackoutScope } | null;
  ci: string | null;
  service: string | null;
  direction: Direction | null;
  path: string[];
  window: { start: Date; end: Date };
}

export interface ConflictsView {
  changeId: string;
  number: string;
  window: { start: Date; end: Date } | null;
  depth: number;
  footprint: 'answered' | 'pending' | 'not_needed';
  footprintCalculatedAt: Date | null;
  footprintTruncated: boolean;
  conflicts: ConflictView[];
}

export function conflictView(conflict: Conflict): ConflictView {
  return {
    kind: conflict.kind,
    otherChange: conflict.kind === 'blackout' ? null : conflict.otherChange,
    blackoutWindow: conflict.kind === 'blackout' ? conflict.blackoutWindow : null,
    ci: conflict.ci,
    service: conflict.kind === 'blackout' ? conflict.service : null,
    direction: conflict.direction,
    path: conflict.path,
    window: conflict.window,
  };
}

export function conflictsView(change: Change, found: FoundConflicts): ConflictsView {
  return {
    changeId: change.id,
    number: change.number,
    window:
      change.plannedStart && change.plannedEnd
        ? { start: change.plannedStart, end: change.plannedEnd }
        : null,
    depth: found.depth,
    footprint: found.footprint ? 'answered' : found.footprintPending ? 'pending' : 'not_needed',
    footprintCalculatedAt: found.footprint?.calculatedAt ?? null,
    footprintTruncated: found.footprint?.truncated ?? false,
    conflicts: found.conflicts.map(conflictView),
  };
}
