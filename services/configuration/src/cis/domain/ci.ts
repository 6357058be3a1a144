import type { CI_STATUSES, ciUpdated, EventData } from '@itsm/contracts';

export type CiStatus = (typeof CI_STATUSES)[number];

/** What the CMDB's rules know of a configuration item: the entity is one, so is a CI an import plans. */
export interface Ci {
  id: string;
  classId: string;
  identityClassId: string;
  name: string;
  operationalStatus: CiStatus;
  criticality: number;
  environment: string | null;
  ownerGroup: string | null;
  serialNumber: string | null;
  hostName: string | null;
  fqdn: string | null;
  cloudId: string | null;
  attributes: Record<string, unknown>;
  fieldSources: Record<string, string>;
  retiredAt: Date | null;
  createdBy: string;
  version: number;
}

/** What a new CI is given, through the API or an import; `newCi` fills in the rest. */
export interface NewCiFields {
  name: string;
  operationalStatus?: CiStatus;
  criticality?: number;
  environment?: string | null;
  ownerGroup?: string | null;
  serialNumber?: string | null;
  hostName?: string | null;
  fqdn?: string | null;
  cloudId?: string | null;
  attributes?: Record<string, unknown>;
}

/**
 * A new CI of a class: operational and of criticality 3 unless told otherwise, every field it is
 * not given empty, owned by no data source yet. Its id and version are the writer's.
 */
export function newCi(
  fields: NewCiFields,
  placement: Pick<Ci, 'classId' | 'identityClassId' | 'createdBy'>,
): Omit<Ci, 'id' | 'version'> {
  return {
    ...placement,
    name: fields.name,
    operationalStatus: fields.operationalStatus ?? 'operational',
    criticality: fields.criticality ?? 3,
    environment: fields.environment ?? null,
    ownerGroup: fields.ownerGroup ?? null,
    serialNumber: fields.serialNumber ?? null,
    hostName: fields.hostName ?? null,
    fqdn: fields.fqdn ?? null,
    cloudId: fields.cloudId ?? null,
    attributes: fields.attributes ?? {},
    fieldSources: {},
    retiredAt: null,
  };
}

/** A CI as written: with when it was created and last changed. */
export interface StoredCi extends Ci {
  createdAt: Date;
  updatedAt: Date;
}

/** One field's change, `attributes.<name>` for an attribute, as `ci.updated` carries it. */
export type FieldChange = EventData<typeof ciUpdated>['changes'][number];
