import { UUID } from '../../classes/domain/attribute-schema';
import type { ClassHierarchy } from '../../classes/domain/class-hierarchy';
import type { ImportRecord, ImportTarget } from '../import.schema';
import type { Identity } from './ci-index';
import type { IncomingFields } from './reconciliation';

/** The identity of a record or a relationship's target; undefined when its class does not exist. */
export function identityOf(
  hierarchy: ClassHierarchy,
  record: ImportRecord | ImportTarget,
): Identity | undefined {
  const ciClass = hierarchy.named(record.className);
  if (!ciClass) return undefined;
  return {
    scopeId: hierarchy.identityScopeOf(ciClass.id).id,
    classId: ciClass.id,
    values: {
      ...(dnsLowerCased(record.identifiers) ?? {}),
      ...(record.name ? { name: record.name } : {}),
    },
  };
}

/** The identities of a batch's records and of their relationships' targets. */
export function identitiesOf(hierarchy: ClassHierarchy, records: ImportRecord[]): Identity[] {
  const targets = records.flatMap((record) => (record.relationships ?? []).map((r) => r.target));
  return [...records, ...targets].flatMap((record) => {
    const identity = identityOf(hierarchy, record);
    return identity ? [identity] : [];
  });
}

/** Every attribute value of a batch that has the form of a CI's id: what its references may name. */
export function possibleReferences(records: readonly ImportRecord[]): string[] {
  const ids = records.flatMap((record) =>
    Object.values(record.attributes ?? {}).filter(
      (value): value is string => typeof value === 'string' && UUID.test(value),
    ),
  );
  return [...new Set(ids)];
}

/** Host names and FQDNs in lower case, as the API keeps them: DNS names ignore case. */
export function dnsLowerCased<T extends ImportRecord['identifiers']>(identifiers: T): T {
  if (!identifiers) return identifiers;
  return {
    ...identifiers,
    ...(identifiers.hostName ? { hostName: identifiers.hostName.toLowerCase() } : {}),
    ...(identifiers.fqdn ? { fqdn: identifiers.fqdn.toLowerCase() } : {}),
  };
}

/** What a record says about each field; a field it leaves out is not in the result. */
export function incomingFields(raw: ImportRecord): IncomingFields {
  const record = { ...raw, identifiers: dnsLowerCased(raw.identifiers) };
  const fields: IncomingFields = {
    name: record.name,
    operationalStatus: record.operationalStatus,
    criticality: record.criticality,
    environment: record.environment,
    ownerGroup: record.ownerGroup,
    serialNumber: record.identifiers?.serialNumber,
    hostName: record.identifiers?.hostName,
    fqdn: record.identifiers?.fqdn,
    cloudId: record.identifiers?.cloudId,
    ...(record.attributes ? { attributes: record.attributes } : {}),
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as IncomingFields;
}
