import type { changeClosed, EventData } from '@itsm/contracts';
import type { AuditLine } from '@itsm/persistence';

/** The history field under which a CI lists the changes made to it. */
export const CHANGE_HISTORY_FIELD = 'changes';

/**
 * Flow 6: a closed change is a line in the history of each of its CIs, naming the change, how it
 * went and its window, written by whoever closed it.
 */
export function changeHistoryLines(
  change: EventData<typeof changeClosed>,
  ciIds: readonly string[],
): AuditLine[] {
  const {
    id,
    number,
    type,
    closeCode,
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
    closedAt,
  } = change;
  const value = {
    changeId: id,
    number,
    type,
    closeCode,
    plannedStart: plannedStart ?? null,
    plannedEnd: plannedEnd ?? null,
    actualStart: actualStart ?? null,
    actualEnd: actualEnd ?? null,
    closedAt,
  };
  return ciIds.map((ciId) => ({
    entityType: 'ci',
    entityId: ciId,
    operation: 'update',
    field: CHANGE_HISTORY_FIELD,
    oldValue: null,
    newValue: value,
    actor: change.closedBy,
  }));
}
