import type { Hierarchy } from '../classes/classes.service';
import type { ConfigurationItem } from './configuration-item.entity';

/** A CI as the API shows it. */
export function ciView(ci: ConfigurationItem, hierarchy: Hierarchy) {
  return {
    id: ci.id,
    className: hierarchy.get(ci.classId)?.name ?? 'unknown',
    name: ci.name,
    operationalStatus: ci.operationalStatus,
    criticality: ci.criticality,
    environment: ci.environment,
    ownerGroup: ci.ownerGroup,
    identifiers: {
      serialNumber: ci.serialNumber,
      hostName: ci.hostName,
      fqdn: ci.fqdn,
      cloudId: ci.cloudId,
    },
    attributes: ci.attributes,
    fieldSources: ci.fieldSources,
    retiredAt: ci.retiredAt,
    createdBy: ci.createdBy,
    createdAt: ci.createdAt,
    updatedAt: ci.updatedAt,
    version: ci.version,
  };
}
export type CiView = ReturnType<typeof ciView>;
