import { Inject, Injectable } from '@nestjs/common';
import { ciCreated, relationshipCreated } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import { writeAuditEntries, type AuditLine } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import type { ClassHierarchy } from '../classes/domain/class-hierarchy';
import type { Ci } from '../cis/domain/ci';
import { ciChangeEvents, ciEvents, type EventToPublish } from '../cis/domain/ci-events';
import {
  relationshipCreatedData,
  relationshipHistoryLines,
} from '../relationships/relationship-history';
import type { ImportPlan, PlannedUpdate } from './domain/import-plan';
import { fieldsOf } from './domain/reconciliation';

/**
 * Writes a planned import in the caller's transaction, in bulk: rows a few thousand per statement,
 * then every history line and every event, in the order of the plan.
 */
@Injectable()
export class ImportWriter {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  async write(
    manager: EntityManager,
    plan: ImportPlan,
    hierarchy: ClassHierarchy,
    actor: string,
  ): Promise<void> {
    const now = new Date();
    const events: EventToPublish[] = [];
    const history: AuditLine[] = [];

    const created = [...plan.created.values()];
    for (let start = 0; start < created.length; start += 2000) {
      await insertCis(manager, created.slice(start, start + 2000), actor, now);
    }
    for (const planned of created) {
      const ci = Object.assign(planned, { createdAt: now, updatedAt: now });
      events.push({
        definition: ciCreated,
        aggregateId: ci.id,
        data: ciEvents.created(ci, hierarchy.get(ci.classId)!.name),
      });
      history.push(creationLine(ci));
    }

    const updates = [...plan.updated.values()];
    for (let start = 0; start < updates.length; start += 1000) {
      await updateCis(manager, updates.slice(start, start + 1000), now);
    }
    for (const { ci: planned, changes, fromStatus } of updates) {
      const ci = Object.assign(planned, { version: planned.version + 1, updatedAt: now });
      ciChangeEvents(ci, hierarchy.get(ci.classId)!.name, changes, fromStatus, actor, events);
      for (const { field, oldValue, newValue } of changes) {
        history.push({
          entityType: 'ci',
          entityId: ci.id,
          operation: 'update',
          field,
          oldValue,
          newValue,
        });
      }
    }

    for (let start = 0; start < plan.relationships.length; start += 5000) {
      const chunk = plan.relationships.slice(start, start + 5000);
      await manager.query(
        `INSERT INTO relationships (id, type, source_id, target_id, created_by, created_at)
         SELECT id, type, source_id, target_id, $5, $6
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[]) AS e (id, type, source_id, target_id)`,
        [
          chunk.map((edge) => edge.id),
          chunk.map((edge) => edge.type),
          chunk.map((edge) => edge.sourceId),
          chunk.map((edge) => edge.targetId),
          actor,
          now,
        ],
      );
    }
    for (const edge of plan.relationships) {
      events.push({
        definition: relationshipCreated,
        aggregateId: edge.id,
        data: relationshipCreatedData({ ...edge, createdAt: now }),
      });
      history.push(...relationshipHistoryLines(edge, 'added'));
    }
    await writeAuditEntries(manager, history);
    await this.outbox.publishMany(manager, events);
  }
}

async function insertCis(manager: EntityManager, cis: Ci[], actor: string, now: Date) {
  await manager.query(
    `INSERT INTO configuration_items (id, class_id, identity_class_id, name, operational_status,
            criticality, environment, owner_group, serial_number, host_name, fqdn, cloud_id,
            attributes, field_sources, created_by, created_at, updated_at, version)
     SELECT v.id, v.class_id, v.identity_class_id, v.name, v.operational_status, v.criticality,
            v.environment, v.owner_group, v.serial_number, v.host_name, v.fqdn, v.cloud_id,
            v.attributes, v.field_sources, $2, $3, $3, 1
       FROM jsonb_to_recordset($1::jsonb) AS v (
            id uuid, class_id uuid, identity_class_id uuid, name text, operational_status text,
            criticality smallint, environment text, owner_group text, serial_number text,
            host_name text, fqdn text, cloud_id text, attributes jsonb, field_sources jsonb)`,
    [
      JSON.stringify(
        cis.map((ci) => ({
          ...rowOf(ci),
          class_id: ci.classId,
          identity_class_id: ci.identityClassId,
        })),
      ),
      actor,
      now,
    ],
  );
}

async function updateCis(manager: EntityManager, updates: PlannedUpdate[], now: Date) {
  await manager.query(
    `UPDATE configuration_items c
        SET name = v.name, operational_status = v.operational_status, criticality = v.criticality,
            environment = v.environment, owner_group = v.owner_group, serial_number = v.serial_number,
            host_name = v.host_name, fqdn = v.fqdn, cloud_id = v.cloud_id, attributes = v.attributes,
            field_sources = v.field_sources, version = c.version + 1, updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS v (
            id uuid, name text, operational_status text, criticality smallint, environment text,
            owner_group text, serial_number text, host_name text, fqdn text, cloud_id text,
            attributes jsonb, field_sources jsonb)
      WHERE c.id = v.id`,
    [JSON.stringify(updates.map(({ ci }) => rowOf(ci))), now],
  );
}

/** A CI's row, as the bulk statements read it. */
function rowOf(ci: Ci) {
  return {
    id: ci.id,
    name: ci.name,
    operational_status: ci.operationalStatus,
    criticality: ci.criticality,
    environment: ci.environment,
    owner_group: ci.ownerGroup,
    serial_number: ci.serialNumber,
    host_name: ci.hostName,
    fqdn: ci.fqdn,
    cloud_id: ci.cloudId,
    attributes: ci.attributes,
    field_sources: ci.fieldSources,
  };
}

/** The history of a CI created by an import: one line with everything it was created with. */
function creationLine(ci: Ci): AuditLine {
  return {
    entityType: 'ci',
    entityId: ci.id,
    operation: 'create',
    field: 'ci',
    oldValue: null,
    newValue: fieldsOf(ci),
  };
}
