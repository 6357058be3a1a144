import {
  ciCreated,
  ciDeleted,
  ciRetired,
  ciStatusChanged,
  ciUpdated,
  type EventData,
} from '@itsm/contracts';
import type { FieldChange } from '@itsm/persistence';
import type { ConfigurationItem } from './configuration-item.entity';

/** The event data of each CI change, as the contracts define it. */
export const ciEvents = {
  created(ci: ConfigurationItem, className: string): EventData<typeof ciCreated> {
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

  updated(
    ci: ConfigurationItem,
    changes: FieldChange[],
    actor: string,
  ): EventData<typeof ciUpdated> {
    return {
      id: ci.id,
      version: ci.version,
      changedBy: actor,
      changedAt: ci.updatedAt.toISOString(),
      changes,
    };
  },

  statusChanged(
    ci: ConfigurationItem,
    className: string,
    fromStatus: ConfigurationItem['operationalStatus'],
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
    ci: ConfigurationItem,
    className: string,
    fromStatus: ConfigurationItem['operationalStatus'],
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

  deleted(ci: ConfigurationItem, className: string, actor: string): EventData<typeof ciDeleted> {
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
export const NOT_IN_UPDATED_EVENT = new Set([
  'operationalStatus',
  'version',
  'updatedAt',
  'createdAt',
  'fieldSources',
  'identityClassId',
  'retiredAt',
]);
