import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ciCreated,
  ciStatusChanged,
  ciUpdated,
  relationshipCreated,
  type EventDefinition,
} from '@itsm/contracts';
import { validationProblem } from '@itsm/http';
import { Outbox, type PublishOptions } from '@itsm/messaging';
import { withAuditActor, writeAuditEntries, type AuditLine } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { validateAttributes } from '../classes/domain/attribute-schema';
import { ClassesService, type Hierarchy } from '../classes/classes.service';
import { ciEvents, NOT_IN_UPDATED_EVENT } from '../cis/ci-events';
import { ConfigurationItem } from '../cis/configuration-item.entity';
import { Relationship, RelationshipRuleRow } from '../relationships/relationship.entity';
import {
  relationshipCreatedData,
  relationshipHistoryLines,
} from '../relationships/relationship-history';
import { relationshipAllowed } from '../relationships/domain/relationship-types';
import { CiIndex, type Identity } from './ci-index';
import { DataSourceRank } from './data-source.entity';
import type { ImportRecord, ImportRequest, ImportTarget } from './import.schema';
import {
  mergeWithAuthority,
  sourcesOf,
  type FieldChange,
  type IncomingFields,
} from './domain/reconciliation';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface RecordResult {
  index: number;
  outcome: Outcome;
  ciId?: string;
  className: string;
  name?: string;
  changes?: FieldChange[];
  /** Fields left as they were because a stronger data source owns them. */
  kept?: Array<{ field: string; owner: string }>;
  reasons?: string[];
  relationships?: { created: number; unchanged: number; rejected: string[] };
}

type PendingEvent = { definition: EventDefinition } & PublishOptions<EventDefinition>;

/** What one import will write, gathered before anything is written. */
interface Plan {
  created: ConfigurationItem[];
  updated: Map<string, { ci: ConfigurationItem; changes: FieldChange[]; fromStatus: string }>;
  relationships: Relationship[];
}

/**
 * Imports a batch from a data source: each record is identified against the CMDB (the class's
 * identification rules, in order), merged field by field under the data sources' authority, and
 * validated against its class; its relationships are resolved by the identifiers of their targets.
 * Nothing is written for a dry run; otherwise everything is written in one transaction, in bulk.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async run(request: ImportRequest) {
    const actor = `source:${request.dataSource}`;
    return withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        // Imports of one CMDB run one at a time, so that two batches never create the same CI twice.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cmdb:import'))`);
        const ranks = new Map((await manager.find(DataSourceRank)).map((r) => [r.name, r.rank]));
        if (!ranks.has(request.dataSource)) {
          throw validationProblem([
            {
              field: 'dataSource',
              message: 'dataSource must name a data source',
              allowed: [...ranks.keys()],
            },
          ]);
        }
        const hierarchy = await this.classes.hierarchy(manager);
        const index = new CiIndex(hierarchy);
        await index.load(manager, this.identitiesOf(hierarchy, request.records));

        const plan: Plan = { created: [], updated: new Map(), relationships: [] };
        const rankOf = (source: string) => ranks.get(source) ?? 0;
        const results = request.records.map((record, i) =>
          this.apply(record, i, request.dataSource, actor, hierarchy, index, plan, rankOf),
        );
        await this.planRelationships(
          manager,
          request.records,
          results,
          hierarchy,
          index,
          plan,
          actor,
        );
        if (request.dryRun !== true) await this.write(manager, plan, hierarchy, actor);
        return {
          dataSource: request.dataSource,
          dryRun: request.dryRun ?? false,
          summary: {
            created: results.filter((r) => r.outcome === 'created').length,
            updated: results.filter((r) => r.outcome === 'updated').length,
            unchanged: results.filter((r) => r.outcome === 'unchanged').length,
            rejected: results.filter((r) => r.outcome === 'rejected').length,
            relationshipsCreated: plan.relationships.length,
          },
          records: results,
        };
      }),
    );
  }

  private identitiesOf(hierarchy: Hierarchy, records: ImportRecord[]): Identity[] {
    const targets = records.flatMap((record) => (record.relationships ?? []).map((r) => r.target));
    return [...records, ...targets].flatMap((record) => {
      const identity = this.identityOf(hierarchy, record);
      return identity ? [identity] : [];
    });
  }

  private identityOf(
    hierarchy: Hierarchy,
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

  private apply(
    record: ImportRecord,
    index: number,
    source: string,
    actor: string,
    hierarchy: Hierarchy,
    cis: CiIndex,
    plan: Plan,
    rankOf: (source: string) => number,
  ): RecordResult {
    const base = {
      index,
      className: record.className,
      ...(record.name ? { name: record.name } : {}),
    };
    const reject = (...reasons: string[]): RecordResult => ({
      ...base,
      outcome: 'rejected',
      reasons,
    });
    const identity = this.identityOf(hierarchy, record);
    if (!identity) return reject(`className ${record.className} is not a CI class`);
    const match = cis.match(identity);
    if (match.kind === 'unidentifiable') {
      return reject(
        `no identification rule of ${record.className} is complete: give one of ${match.rules.map((r) => r.join('+')).join(' | ') || '(the class has no rules)'}`,
      );
    }
    if (match.kind === 'ambiguous') {
      return reject(
        `${match.count} CIs match by ${match.rule.join('+')}: resolve the duplicates first`,
      );
    }
    const incoming = incomingFields(record);
    const ciClass =
      match.kind === 'found'
        ? hierarchy.get(match.ci.classId)!
        : hierarchy.named(record.className)!;
    const schema = hierarchy.attributesOf(ciClass.id);

    if (match.kind === 'found') {
      const ci = match.ci;
      const merged = mergeWithAuthority(fieldsOf(ci), ci.fieldSources, incoming, source, rankOf);
      const result = { ...base, ciId: ci.id, ...(merged.kept.length ? { kept: merged.kept } : {}) };
      if (merged.changes.length === 0) return { ...result, outcome: 'unchanged' };
      const { errors } = validateAttributes(schema, merged.fields.attributes, ciClass.name);
      if (errors.length) return reject(...errors.map((e) => `${e.field}: ${e.message}`));
      const pending = plan.updated.get(ci.id);
      const fromStatus = pending?.fromStatus ?? ci.operationalStatus;
      Object.assign(ci, merged.fields, { fieldSources: merged.sources });
      if (!plan.created.includes(ci)) {
        plan.updated.set(ci.id, {
          ci,
          changes: [...(pending?.changes ?? []), ...merged.changes],
          fromStatus,
        });
      }
      cis.add(ci);
      return { ...result, outcome: 'updated', changes: merged.changes };
    }

    if (!record.name) return reject('name is required to create a CI');
    const identifiers = dnsLowerCased(record.identifiers) ?? {};
    const attributes = record.attributes ?? {};
    const { errors } = validateAttributes(schema, attributes, ciClass.name);
    if (errors.length) return reject(...errors.map((e) => `${e.field}: ${e.message}`));
    const ci = Object.assign(new ConfigurationItem(), {
      id: randomUUID(),
      classId: ciClass.id,
      identityClassId: identity.scopeId,
      name: record.name,
      operationalStatus: (record.operationalStatus ??
        'operational') as ConfigurationItem['operationalStatus'],
      criticality: record.criticality ?? 3,
      environment: record.environment ?? null,
      ownerGroup: record.ownerGroup ?? null,
      serialNumber: identifiers.serialNumber ?? null,
      hostName: identifiers.hostName ?? null,
      fqdn: identifiers.fqdn ?? null,
      cloudId: identifiers.cloudId ?? null,
      attributes,
      fieldSources: sourcesOf(incoming, source),
      retiredAt: null,
      createdBy: actor,
      version: 1,
    });
    plan.created.push(ci);
    cis.add(ci);
    return { ...base, outcome: 'created', ciId: ci.id };
  }

  private async planRelationships(
    manager: EntityManager,
    records: ImportRecord[],
    results: RecordResult[],
    hierarchy: Hierarchy,
    cis: CiIndex,
    plan: Plan,
    actor: string,
  ): Promise<void> {
    const sourceIds = results
      .filter((r) => r.ciId && records[r.index]!.relationships?.length)
      .map((r) => r.ciId!);
    if (sourceIds.length === 0) return;
    const existing = new Set(
      (
        (await manager.query(
          'SELECT source_id, target_id, type FROM relationships WHERE source_id = ANY($1::uuid[])',
          [sourceIds],
        )) as Array<{ source_id: string; target_id: string; type: string }>
      ).map((edge) => `${edge.source_id}|${edge.target_id}|${edge.type}`),
    );
    const rules = await manager.find(RelationshipRuleRow);
    const classOf = new Map([...plan.created].map((ci) => [ci.id, ci.classId]));

    for (const result of results) {
      const record = records[result.index]!;
      if (!result.ciId || !record.relationships?.length) continue;
      const summary = { created: 0, unchanged: 0, rejected: [] as string[] };
      const sourceClassId = classOf.get(result.ciId) ?? cis.classIdOf(result.ciId)!;
      for (const relationship of record.relationships) {
        const identity = this.identityOf(hierarchy, relationship.target);
        const match = identity ? cis.match(identity) : undefined;
        const described = `${relationship.type} ${relationship.target.className} ${JSON.stringify(relationship.target.identifiers)}`;
        if (!match || match.kind !== 'found') {
          summary.rejected.push(`${described}: target not found`);
          continue;
        }
        const target = match.ci;
        const allowed = relationshipAllowed(
          rules,
          relationship.type,
          hierarchy.lineage(sourceClassId).map((c) => c.name),
          hierarchy.lineage(target.classId).map((c) => c.name),
        );
        if (!allowed || target.id === result.ciId) {
          summary.rejected.push(`${described}: not allowed between these classes`);
          continue;
        }
        const key = `${result.ciId}|${target.id}|${relationship.type}`;
        if (existing.has(key)) {
          summary.unchanged++;
          continue;
        }
        existing.add(key);
        plan.relationships.push(
          Object.assign(new Relationship(), {
            id: randomUUID(),
            type: relationship.type,
            sourceId: result.ciId,
            targetId: target.id,
            createdBy: actor,
            createdAt: new Date(),
          }),
        );
        summary.created++;
      }
      result.relationships = summary;
    }
  }

  /** Bulk writes: rows, history lines and events, a thousand at a time. */
  private async write(
    manager: EntityManager,
    plan: Plan,
    hierarchy: Hierarchy,
    actor: string,
  ): Promise<void> {
    const now = new Date();
    const events: PendingEvent[] = [];
    const history: AuditLine[] = [];

    for (let start = 0; start < plan.created.length; start += 2000) {
      const chunk = plan.created.slice(start, start + 2000);
      chunk.forEach((ci) => Object.assign(ci, { createdAt: now, updatedAt: now }));
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
            chunk.map((ci) => ({
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
    for (const ci of plan.created) {
      events.push({
        definition: ciCreated,
        aggregateId: ci.id,
        data: ciEvents.created(ci, hierarchy.get(ci.classId)!.name),
      });
      history.push(creationLine(ci));
    }

    const updates = [...plan.updated.values()];
    for (let start = 0; start < updates.length; start += 1000) {
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
        [JSON.stringify(updates.slice(start, start + 1000).map(({ ci }) => rowOf(ci))), now],
      );
    }
    for (const { ci, changes, fromStatus } of updates) {
      Object.assign(ci, { version: ci.version + 1, updatedAt: now });
      const fieldChanges = changes.filter((c) => !NOT_IN_UPDATED_EVENT.has(c.field));
      if (fieldChanges.length) {
        events.push({
          definition: ciUpdated,
          aggregateId: ci.id,
          data: ciEvents.updated(ci, fieldChanges, actor),
        });
      }
      if (fromStatus !== ci.operationalStatus) {
        events.push({
          definition: ciStatusChanged,
          aggregateId: ci.id,
          data: ciEvents.statusChanged(
            ci,
            hierarchy.get(ci.classId)!.name,
            fromStatus as ConfigurationItem['operationalStatus'],
            actor,
          ),
        });
      }
      history.push(
        ...changes.map((c) => ({
          entityType: 'ci',
          entityId: ci.id,
          operation: 'update' as const,
          field: c.field,
          oldValue: c.oldValue,
          newValue: c.newValue,
        })),
      );
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

/** Host names and FQDNs in lower case, as the API keeps them: DNS names ignore case. */
function dnsLowerCased<T extends ImportRecord['identifiers']>(identifiers: T): T {
  if (!identifiers) return identifiers;
  return {
    ...identifiers,
    ...(identifiers.hostName ? { hostName: identifiers.hostName.toLowerCase() } : {}),
    ...(identifiers.fqdn ? { fqdn: identifiers.fqdn.toLowerCase() } : {}),
  };
}

function incomingFields(raw: ImportRecord): IncomingFields {
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

function fieldsOf(ci: ConfigurationItem) {
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

function rowOf(ci: ConfigurationItem) {
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
function creationLine(ci: ConfigurationItem): AuditLine {
  return {
    entityType: 'ci',
    entityId: ci.id,
    operation: 'create',
    field: 'ci',
    oldValue: null,
    newValue: fieldsOf(ci),
  };
}
