import type { IdentifierField } from '../../classes/domain/class-hierarchy';
import type { Ci, FieldChange } from '../../cis/domain/ci';

/** The fields of a CI that data sources set, each owned by the source that set it last. */
export type CiFields = Pick<
  Ci,
  | 'name'
  | 'operationalStatus'
  | 'criticality'
  | 'environment'
  | 'ownerGroup'
  | 'serialNumber'
  | 'hostName'
  | 'fqdn'
  | 'cloudId'
  | 'attributes'
>;

/** An incoming value for each field the record carries; absent means "this source says nothing". */
export type IncomingFields = Partial<Omit<CiFields, 'attributes'>> & {
  attributes?: Record<string, unknown>;
};

/** Which source last set each field (`attributes.<name>` for attributes). */
export type FieldSources = Record<string, string>;

export interface MergeResult {
  fields: CiFields;
  sources: FieldSources;
  changes: FieldChange[];
  /** Fields whose incoming value was ignored because a stronger source owns them. */
  kept: Array<{ field: string; owner: string }>;
}

/** The values of a rule's identifiers, when the record carries every one of them (none empty). */
export function ruleValues(
  rule: readonly IdentifierField[],
  identifiers: Partial<Record<IdentifierField, string | null>>,
): string[] | undefined {
  const values = rule.map((field) => identifiers[field]);
  return values.every((value): value is string => typeof value === 'string' && value !== '')
    ? values
    : undefined;
}

/** The fields of a CI that data sources set. */
export function fieldsOf(ci: Ci): CiFields {
  return {
    name: ci.name,
    operationalStatus: ci.operationalStatus,
    criticality: ci.criticality,
    environment: ci.environment,
    ownerGroup: ci.ownerGroup,
    serialNumber: ci.serialNumber,
    hostName: ci.hostName,
    fqdn: ci.fqdn,
    cloudId: ci.cloudId,
    attributes: ci.attributes,
  };
}

/**
 * Applies what a data source says about an existing CI, field by field: a value replaces the current
 * one only if the source ranks at least as high as the source that set it (a weaker source never
 * overwrites a stronger one). Equal values change nothing, so the same batch twice is a no-op.
 */
export function mergeWithAuthority(
  current: CiFields,
  currentSources: Readonly<FieldSources>,
  incoming: IncomingFields,
  source: string,
  rankOf: (source: string) => number,
): MergeResult {
  const fields: CiFields = { ...current, attributes: { ...current.attributes } };
  const sources: FieldSources = { ...currentSources };
  const changes: FieldChange[] = [];
  const kept: MergeResult['kept'] = [];

  const offer = (field: string, oldValue: unknown, newValue: unknown, apply: () => void) => {
    if (newValue === undefined || sameValue(oldValue, newValue)) return;
    const owner = sources[field];
    if (owner !== undefined && owner !== source && rankOf(source) < rankOf(owner)) {
      kept.push({ field, owner });
      return;
    }
    apply();
    sources[field] = source;
    changes.push({ field, oldValue: oldValue ?? null, newValue });
  };

  for (const key of Object.keys(incoming) as Array<keyof IncomingFields>) {
    if (key === 'attributes') continue;
    offer(key, current[key], incoming[key], () => {
      (fields as unknown as Record<string, unknown>)[key] = incoming[key];
    });
  }
  for (const [name, value] of Object.entries(incoming.attributes ?? {})) {
    offer(`attributes.${name}`, current.attributes[name], value, () => {
      fields.attributes[name] = value;
    });
  }
  return { fields, sources, changes, kept };
}

/** The owner of every field a new CI was created with. */
export function sourcesOf(incoming: IncomingFields, source: string): FieldSources {
  const sources: FieldSources = {};
  for (const [key, value] of Object.entries(incoming)) {
    if (key !== 'attributes' && value !== undefined) sources[key] = source;
  }
  for (const name of Object.keys(incoming.attributes ?? {})) sources[`attributes.${name}`] = source;
  return sources;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
