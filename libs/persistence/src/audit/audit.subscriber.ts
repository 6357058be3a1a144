import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type InsertEvent,
  type ObjectLiteral,
  type RemoveEvent,
  type UpdateEvent,
} from 'typeorm';
import type { AuditOperation } from './audit-entry.entity';
import { auditedOptionsOf } from './audited.decorator';
import { fieldChanges } from './field-changes';
import { writeAuditEntries } from './write-audit-entries';

/**
 * Writes the field changes of `@Audited` entities saved through the entity manager (insert, `save`,
 * `remove`) into `audit_trail`, inside the transaction of the change itself: a change and its
 * history commit or roll back together.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    await this.record(event.metadata.target, 'create', undefined, event.entity, event.manager);
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    if (!event.entity) return;
    await this.record(
      event.metadata.target,
      'update',
      event.databaseEntity,
      { ...event.databaseEntity, ...event.entity },
      event.manager,
    );
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const before = event.databaseEntity ?? event.entity;
    await this.record(
      event.metadata.target,
      'delete',
      before,
      undefined,
      event.manager,
      event.entityId,
    );
  }

  private async record(
    target: unknown,
    operation: AuditOperation,
    before: ObjectLiteral | undefined,
    after: ObjectLiteral | undefined,
    manager: InsertEvent<ObjectLiteral>['manager'],
    removedId?: unknown,
  ): Promise<void> {
    const options = auditedOptionsOf(target);
    if (!options) return;
    const entityId = String(after?.id ?? before?.id ?? removedId);
    const changes = fieldChanges(before, after, options.ignore, options.expand);
    if (changes.length === 0) return;
    await writeAuditEntries(
      manager,
      changes.map((change) => ({ entityType: options.entityType, entityId, operation, ...change })),
    );
  }
}
