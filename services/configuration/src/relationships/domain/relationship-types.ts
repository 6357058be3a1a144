import { RELATIONSHIP_TYPES } from '@itsm/contracts';

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
export { RELATIONSHIP_TYPES };

/**
 * Each relationship reads from its source ("app depends_on db") and, reversed, from its target
 * ("db used_by app"). In every type the source needs the target: when the target fails, the source
 * is impacted — impact analysis walks the edges from target to source.
 */
export const RELATIONSHIP_NAMES: Readonly<
  Record<RelationshipType, { forward: string; reverse: string }>
> = {
  depends_on: { forward: 'depends_on', reverse: 'used_by' },
  runs_on: { forward: 'runs_on', reverse: 'runs' },
  hosted_on: { forward: 'hosted_on', reverse: 'hosts' },
  contains: { forward: 'contains', reverse: 'contained_by' },
  connects_to: { forward: 'connects_to', reverse: 'connected_by' },
};

/** A rule that allows one relationship type between two classes (and their subclasses). */
export interface RelationshipRule {
  type: RelationshipType;
  sourceClass: string;
  targetClass: string;
}

/** The class pairs seeded by the first migration; editable through the API. */
export const DEFAULT_RELATIONSHIP_RULES: readonly RelationshipRule[] = [
  ...pairs(
    'depends_on',
    ['business_service'],
    ['business_service', 'application', 'database', 'cloud_service', 'load_balancer'],
  ),
  ...pairs(
    'depends_on',
    ['application'],
    ['application', 'database', 'cloud_service', 'load_balancer', 'storage'],
  ),
  ...pairs('depends_on', ['database'], ['storage', 'database']),
  ...pairs('runs_on', ['application', 'database'], ['server', 'virtual_machine', 'cloud_service']),
  ...pairs('hosted_on', ['virtual_machine'], ['server', 'cloud_service']),
  ...pairs('contains', ['business_service'], ['business_service']),
  ...pairs('contains', ['network_device', 'storage'], ['network_device', 'storage']),
  ...pairs(
    'connects_to',
    ['server', 'virtual_machine', 'load_balancer', 'storage', 'network_device'],
    ['network_device'],
  ),
  ...pairs('connects_to', ['load_balancer'], ['server', 'virtual_machine']),
];

function pairs(type: RelationshipType, sources: string[], targets: string[]): RelationshipRule[] {
  return sources.flatMap((sourceClass) =>
    targets.map((targetClass) => ({ type, sourceClass, targetClass })),
  );
}

/**
 * Whether a relationship of `type` may join a CI whose class lineage is `sourceLineage` to one whose
 * lineage is `targetLineage` (class names, the CI's own class first).
 */
export function relationshipAllowed(
  rules: readonly RelationshipRule[],
  type: RelationshipType,
  sourceLineage: readonly string[],
  targetLineage: readonly string[],
): boolean {
  return rules.some(
    (rule) =>
      rule.type === type &&
      sourceLineage.includes(rule.sourceClass) &&
      targetLineage.includes(rule.targetClass),
  );
}
