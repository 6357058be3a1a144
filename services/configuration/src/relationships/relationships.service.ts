import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { relationshipCreated, relationshipDeleted } from '@itsm/contracts';
import { problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { withAuditActor, writeAuditEntries } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigurationItem } from '../cis/configuration-item.entity';
import { ClassesService } from '../classes/classes.service';
import type { CreateRelationshipRequest, RelationshipRuleRequest } from './relationship.dto';
import { relationshipCreatedData, relationshipHistoryLines } from './relationship-history';
import { Relationship, RelationshipRuleRow } from './relationship.entity';
import { RELATIONSHIP_NAMES, relationshipAllowed } from './domain/relationship-types';

@Injectable()
export class RelationshipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async create(request: CreateRelationshipRequest, actor: string) {
    return withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        const cis = await manager.find(ConfigurationItem, {
          where: [{ id: request.sourceId }, { id: request.targetId }],
          lock: { mode: 'pessimistic_write' },
        });
        const source = cis.find((ci) => ci.id === request.sourceId);
        const target = cis.find((ci) => ci.id === request.targetId);
        const missing = [
          ...(source ? [] : [{ field: 'sourceId', message: `No CI ${request.sourceId}` }]),
          ...(target ? [] : [{ field: 'targetId', message: `No CI ${request.targetId}` }]),
        ];
        if (request.sourceId === request.targetId) {
          missing.push({ field: 'targetId', message: 'A CI cannot be related to itself' });
        }
        if (missing.length || !source || !target) throw validationProblem(missing);
        const retired = [source, target].find((ci) => ci.operationalStatus === 'retired');
        if (retired) {
          throw problem(
            HttpStatus.CONFLICT,
            'ci-retired',
            'The CI is retired',
            `CI ${retired.name} is retired: it takes no new relationships`,
            { state: 'retired', ciId: retired.id },
          );
        }

        const hierarchy = await this.classes.hierarchy(manager);
        const rules = await manager.find(RelationshipRuleRow);
        const sourceLineage = hierarchy.lineage(source.classId).map((c) => c.name);
        const targetLineage = hierarchy.lineage(target.classId).map((c) => c.name);
        if (!relationshipAllowed(rules, request.type, sourceLineage, targetLineage)) {
          const allowed = [
            ...new Set(
              rules
                .filter(
                  (rule) => rule.type === request.type && sourceLineage.includes(rule.sourceClass),
                )
                .map((rule) => rule.targetClass),
            ),
          ];
          throw validationProblem([
            {
              field: 'targetId',
              message: `A ${sourceLineage[0]} cannot ${request.type} a ${targetLineage[0]}`,
              allowed,
            },
          ]);
        }
        const duplicate = await manager.findOneBy(Relationship, {
          type: request.type,
          sourceId: source.id,
          targetId: target.id,
        });
        if (duplicate) {
          throw problem(
            HttpStatus.CONFLICT,
            'relationship-exists',
            'The relationship exists',
            `${source.name} already ${request.type} ${target.name}`,
            { relationshipId: duplicate.id },
          );
        }
        const saved = await manager.save(
          manager.create(Relationship, { ...request, createdBy: actor }),
        );
        await writeAuditEntries(manager, relationshipHistoryLines(saved, 'added'));
        await this.outbox.publish(manager, relationshipCreated, {
          aggregateId: saved.id,
          data: relationshipCreatedData(saved),
        });
        return relationshipView(saved);
      }),
    );
  }

  async delete(id: string, actor: string): Promise<void> {
    await withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        const edge = /^[0-9a-f-]{36}$/i.test(id)
          ? await manager.findOneBy(Relationship, { id })
          : null;
        if (!edge)
          throw problem(
            HttpStatus.NOT_FOUND,
            'not-found',
            'Relationship not found',
            `No relationship ${id}`,
          );
        await this.remove(manager, edge, actor);
      }),
    );
  }

  /** Removes one edge inside the caller's transaction, with its history and event. */
  async remove(manager: EntityManager, edge: Relationship, actor: string): Promise<void> {
    const { affected } = await manager.delete(Relationship, { id: edge.id });
    // Deleted meanwhile by another request: its history and event are that request's.
    if (!affected) return;
    await writeAuditEntries(manager, relationshipHistoryLines(edge, 'removed'));
    await this.outbox.publish(manager, relationshipDeleted, {
      aggregateId: edge.id,
      data: {
        id: edge.id,
        type: edge.type,
        sourceId: edge.sourceId,
        targetId: edge.targetId,
        deletedBy: actor,
        deletedAt: new Date().toISOString(),
      },
    });
  }

  edgesOf(manager: EntityManager, ciId: string): Promise<Relationship[]> {
    return manager.find(Relationship, { where: [{ sourceId: ciId }, { targetId: ciId }] });
  }

  /** Both directions of a CI's relationships, each named as read from this CI. */
  async ofCi(ciId: string) {
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.type, r.source_id, r.target_id, r.created_by, r.created_at,
              other.id AS other_id, other.name AS other_name, c.name AS other_class,
              other.operational_status AS other_status
         FROM relationships r
         JOIN configuration_items other
           ON other.id = CASE WHEN r.source_id = $1 THEN r.target_id ELSE r.source_id END
         JOIN ci_classes c ON c.id = other.class_id
        WHERE r.source_id = $1 OR r.target_id = $1
        ORDER BY r.type, other.name`,
      [ciId],
    )) as Array<Record<string, string>>;
    return rows.map((row) => {
      const outgoing = row.source_id === ciId;
      const names = RELATIONSHIP_NAMES[row.type as Relationship['type']];
      return {
        id: row.id,
        type: row.type,
        direction: outgoing ? 'outgoing' : 'incoming',
        name: outgoing ? names.forward : names.reverse,
        ci: {
          id: row.other_id,
          name: row.other_name,
          className: row.other_class,
          operationalStatus: row.other_status,
        },
        createdBy: row.created_by,
        createdAt: row.created_at,
      };
    });
  }

  rules() {
    return this.dataSource.manager.find(RelationshipRuleRow, {
      order: { type: 'ASC', sourceClass: 'ASC', targetClass: 'ASC' },
    });
  }

  async addRule(request: RelationshipRuleRequest) {
    const hierarchy = await this.classes.hierarchy();
    this.classes.classNamed(hierarchy, request.sourceClass, 'sourceClass');
    this.classes.classNamed(hierarchy, request.targetClass, 'targetClass');
    await this.dataSource.manager.upsert(RelationshipRuleRow, request, [
      'type',
      'sourceClass',
      'targetClass',
    ]);
    return request;
  }

  async removeRule(request: RelationshipRuleRequest): Promise<void> {
    const { affected } = await this.dataSource.manager.delete(RelationshipRuleRow, request);
    if (!affected)
      throw problem(
        HttpStatus.NOT_FOUND,
        'not-found',
        'Rule not found',
        'No such relationship rule',
      );
  }
}

export function relationshipView(edge: Relationship) {
  const names = RELATIONSHIP_NAMES[edge.type];
  return {
    id: edge.id,
    type: edge.type,
    sourceId: edge.sourceId,
    targetId: edge.targetId,
    names,
    createdBy: edge.createdBy,
    createdAt: edge.createdAt,
  };
}
