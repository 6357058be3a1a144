import type { EventData, relationshipCreated } from '@itsm/contracts';
import type { AuditLine } from '@itsm/persistence';
import type { Relationship } from './relationship.entity';
import { RELATIONSHIP_NAMES } from './domain/relationship-types';

/**
 * A relationship added or removed is a line in the history of both CIs it joins, each named as read
 * from that CI (`runs_on db-host` on one side, `runs checkout` on the other).
 */
export function relationshipHistoryLines(
  edge: Pick<Relationship, 'id' | 'type' | 'sourceId' | 'targetId'>,
  change: 'added' | 'removed',
): AuditLine[] {
  const names = RELATIONSHIP_NAMES[edge.type];
  const line = (ciId: string, name: string, otherId: string): AuditLine => {
    const value = { relationshipId: edge.id, name, ciId: otherId };
    return {
      entityType: 'ci',
      entityId: ciId,
      operation: 'update',
      field: 'relationships',
      oldValue: change === 'removed' ? value : null,
      newValue: change === 'added' ? value : null,
    };
  };
  return [
    line(edge.sourceId, names.forward, edge.targetId),
    line(edge.targetId, names.reverse, edge.sourceId),
  ];
}

/** The `relationship.created` event of an edge, as the contracts define it. */
export function relationshipCreatedData(
  edge: Pick<Relationship, 'id' | 'type' | 'sourceId' | 'targetId' | 'createdBy' | 'createdAt'>,
): EventData<typeof relationshipCreated> {
  const { id, type, sourceId, targetId, createdBy } = edge;
  return { id, type, sourceId, targetId, createdBy, createdAt: edge.createdAt.toISOString() };
}
