import { Inject, Injectable } from '@nestjs/common';
import { ciCreated, relationshipCreated } from '@itsm/contracts';
import { Outbox, outboxBulkInsert } from '@itsm/messaging';
import { AUDIT_LINES_PER_STATEMENT, auditInsert, type AuditLine } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import type { ClassHierarchy } from '../classes/domain/class-hierarchy';
import type { Ci } from '../cis/domain/ci';
import { ciChangeEvents, ciEvents, type EventToPublish } from '../cis/domain/ci-events';
import {
  relationshipCreatedData,
  relationshipHistoryLines,
} from '../relationships/relationship-history';
import type { ImportPlan, PlannedRelationship, PlannedUpdate } from './domain/import-plan';
import { fieldsOf } from './domain/reconciliation';
import { timeOrderedUuid } from './domain/time-ordered-id';
import { StatementPipeline } from './statement-pipeline';

/** Rows per statement, and records per stretch of synchronous work between two statements. */
const CIS_PER_STATEMENT = 2000;
const UPDATES_PER_STATEMENT = 1000;
const RELATIONSHIPS_PER_STATEMENT = 5000;
const EVENTS_PER_STATEMENT = 5000;
const SLICE = 2000;

/**
 * Writes a planned import in the caller's transaction, in bulk: the rows a few thousand per
 * statement, then every history line and every event, in the order of the plan. The statements
 * are sent without waiting for each other's answers, and the history and the events are built
 * while the database writes the rows, a slice at a time so that the next statement leaves as soon
 * as the connection is free.
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
    return StatementPipeline.run(manager, async (statements) => {
      const now = new Date();
      const created = [...plan.created.values()];
      const updates = [...plan.updated.values()];
      for (const chunk of chunks(created, CIS_PER_STATEMENT)) {
        statements.send(insertCis(chunk, actor, now));
      }
      for (const chunk of chunks(updates, UPDATES_PER_STATEMENT)) {
        statements.send(updateCis(chunk, now));
      }
      for (const chunk of chunks(plan.relationships, RELATIONSHIPS_PER_STATEMENT)) {
        statements.send(insertRelationships(chunk, actor, now));
      }

      const events: EventToPublish[] = [];
      const history: AuditLine[] = [];
      for (const slice of chunks(created, SLICE)) {
        await statements.handOver();
        for (const planned of slice) {
          const ci = Object.assign(planned, { createdAt: now, updatedAt: now });
          events.push({
            definition: ciCreated,
            aggregateId: ci.id,
            data: ciEvents.created(ci, hierarchy.get(ci.classId)!.name),
          });
          history.push(creationLine(ci));
        }
      }
      await statements.handOver();
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
      for (const slice of chunks(plan.relationships, SLICE)) {
        await statements.handOver();
        for (const edge of slice) {
          events.push({
            definition: relationshipCreated,
            aggregateId: edge.id,
            data: relationshipCreatedData({ ...edge, createdAt: now }),
          });
          history.push(...relationshipHistoryLines(edge, 'added'));
        }
      }

      for (const lines of chunks(history, AUDIT_LINES_PER_STATEMENT)) {
        await statements.handOver();
        statements.send(auditInsert(lines));
      }
      for (const slice of chunks(events, EVENTS_PER_STATEMENT)) {
        await statements.handOver();
        const entries = this.outbox.prepare(
          slice.map((event) => ({ ...event, id: timeOrderedUuid() })),
        );
        // With the notification that wakes the relay when the transaction commits, as `publish` does.
        statements.send(outboxBulkInsert(entries));
      }
    });
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

function insertRelationships(edges: PlannedRelationship[], actor: string, now: Date) {
  return {
    sql: `INSERT INTO relationships (id, type, source_id, target_id, created_by, created_at)
         SELECT id, type, source_id, target_id, $5, $6
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[]) AS e (id, type, source_id, target_id)`,
    params: [
      edges.map((edge) => edge.id),
      edges.map((edge) => edge.type),
      edges.map((edge) => edge.sourceId),
      edges.map((edge) => edge.targetId),
      actor,
      now,
    ],
  };
}

function insertCis(cis: Ci[], actor: string, now: Date) {
  return {
    sql: `INSERT INTO configuration_items (id, class_id, identity_class_id, name, operational_status,
            criticality, environment, owner_group, serial_number, host_name, fqdn, cloud_id,
            attributes, field_sources, created_by, created_at, updated_at, version)
     SELECT v.id, v.class_id, v.identity_class_id, v.name, v.operational_status, v.criticality,
            v.environment, v.owner_group, v.serial_number, v.host_name, v.fqdn, v.cloud_id,
            v.attributes, v.field_sources, $2, $3, $3, 1
       FROM jsonb_to_recordset($1::jsonb) AS v (
            id uuid, class_id uuid, identity_class_id uuid, name text, operational_status text,
            criticality smallint, environment text, owner_group text, serial_number text,
            host_name text, fqdn text, cloud_id text, attributes jsonb, field_sources jsonb)`,
    params: [
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
  };
}

function updateCis(updates: PlannedUpdate[], now: Date) {
  return {
    sql: `UPDATE configuration_items c
        SET name = v.name, operational_status = v.operational_status, criticality = v.criticality,
            environment = v.environment, owner_group = v.owner_group, serial_number = v.serial_number,
            host_name = v.host_name, fqdn = v.fqdn, cloud_id = v.cloud_id, attributes = v.attributes,
            field_sources = v.field_sources, version = c.version + 1, updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS v (
            id uuid, name text, operational_status text, criticality smallint, environment text,
            owner_group text, serial_number text, host_name text, fqdn text, cloud_id text,
            attributes jsonb, field_sources jsonb)
      WHERE c.id = v.id`,
    params: [JSON.stringify(updates.map(({ ci }) => rowOf(ci))), now],
  };
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
