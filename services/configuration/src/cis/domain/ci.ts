import type { CI_STATUSES } from '@itsm/contracts';

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

/** A CI as written: with when it was created and last changed. */
export interface StoredCi extends Ci {
  createdAt: Date;
  updatedAt: Date;
}

/** One field's change, `attributes.<name>` for an attribute. */
export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}
