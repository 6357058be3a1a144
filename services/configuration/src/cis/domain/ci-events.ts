import {
  ciCreated,
  ciDeleted,
  ciRetired,
  ciStatusChanged,
  ciUpdated,
  type EventData,
  type EventDefinition,
} from '@itsm/contracts';
import type { Ci, CiStatus, FieldChange, StoredCi } from './ci';

/** A CI whose change is written: with its new version and the time of the change. */
type ChangedCi = Ci & Pick<StoredCi, 'updatedAt'>;

/** The event data of each CI change, as the contracts define it. */
export const ciEvents = {
  created(ci: StoredCi, className: string): EventData<typeof ciCreated> {
    const identifiers = Object.fromEntries(
      (['serialNumber', 'hostName', 'fqdn', 'cloudId'] as const)
        .filter((field) => ci[field])
        .map((field) => [field, ci[field] as string]),
    );
    return {
      id: ci.id,
      classId: ci.classId,
      className,
      name: ci.name,
      operationalStatus: ci.operationalStatus,
      criticality: ci.criticality,
      ...(ci.environment ? { environment: ci.environment } : {}),
      ...(ci.ownerGroup ? { ownerGroup: ci.ownerGroup } : {}),
      identifiers,
      attributes: ci.attributes,
      createdBy: ci.createdBy,
      createdAt: ci.createdAt.toISOString(),
    };
  },

  updated(ci: ChangedCi, changes: FieldChange[], actor: string): EventData<typeof ciUpdated> {
    return {
      id: ci.id,
      version: ci.version,
      changedBy: actor,
      changedAt: ci.updatedAt.toISOString(),
      changes,
    };
  },

  statusChanged(
    ci: ChangedCi,
    className: string,
    fromStatus: CiStatus,
    actor: string,
  ): EventData<typeof ciStatusChanged> {
    return {
      id: ci.id,
      name: ci.name,
      className,
      criticality: ci.criticality,
      version: ci.version,
      fromStatus,
      toStatus: ci.operationalStatus,
      changedBy: actor,
      changedAt: ci.updatedAt.toISOString(),
    };
  },

  retired(
    ci: StoredCi,
    className: string,
    fromStatus: CiStatus,
    actor: string,
  ): EventData<typeof ciRetired> {
    return {
      id: ci.id,
      name: ci.name,
      className,
      version: ci.version,
      fromStatus,
      retiredBy: actor,
      retiredAt: (ci.retiredAt ?? new Date()).toISOString(),
    };
  },

  deleted(ci: StoredCi, className: string, actor: string): EventData<typeof ciDeleted> {
    return {
      id: ci.id,
      name: ci.name,
      className,
      deletedBy: actor,
      deletedAt: new Date().toISOString(),
    };
  },
};

/** Fields whose change is not an `updated` event: the status has its own event; bookkeeping none. */
export const NOT_IN_UPDATED_EVENT: ReadonlySet<string> = new Set([
  'operationalStatus',
  'version',
  'updatedAt',
  'createdAt',
  'fieldSources',
  'identityClassId',
  'retiredAt',
]);

/** An event for the outbox, in the caller's transaction. */
export interface EventToPublish {
  definition: EventDefinition;
  aggregateId: string;
  data: EventData<EventDefinition>;
}

/** Whether a change of a CI publishes anything: a field of the `updated` event, or its status. */
export function ciChangePublishes(
  changes: readonly FieldChange[],
  fromStatus: CiStatus,
  toStatus: CiStatus,
): boolean {
  return (
    fromStatus !== toStatus || changes.some((change) => !NOT_IN_UPDATED_EVENT.has(change.field))
  );
}

/**
 * The events a change of a CI publishes, through the API or an import alike: its field changes as one
 * `ci.updated`, a new operational status as `ci.status_changed` (what the incident service listens
 * to), bookkeeping fields nothing. `into` lets an import gather a whole batch's events in one array.
 */
export function ciChangeEvents(
  ci: ChangedCi,
  className: string,
  changes: readonly FieldChange[],
  fromStatus: CiStatus,
  actor: string,
  into: EventToPublish[] = [],
): EventToPublish[] {
  const updated = changes.filter((change) => !NOT_IN_UPDATED_EVENT.has(change.field));
  if (updated.length > 0) {
    into.push({
      definition: ciUpdated,
      aggregateId: ci.id,
      data: ciEvents.updated(ci, updated, actor),
    });
  }
  if (fromStatus !== ci.operationalStatus) {
    into.push({
      definition: ciStatusChanged,
      aggregateId: ci.id,
      data: ciEvents.statusChanged(ci, className, fromStatus, actor),
    });
  }
  return into;
}
