import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal } from '@itsm/auth';
import { ciCreated, ciDeleted, ciRetired } from '@itsm/contracts';
import { decodeCursor, pageOf, problem, validationProblem, type FieldError } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { assertVersion, fieldChanges, withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { validateAttributes } from '../classes/domain/attribute-schema';
import type { CiClass } from '../classes/ci-class.entity';
import {
  IDENTIFIER_COLUMNS,
  IDENTIFIER_FIELDS,
  setsIdentifier,
  type IdentifierField,
} from '../classes/domain/class-hierarchy';
import { ClassesService, type Hierarchy } from '../classes/classes.service';
import { MANUAL_SOURCE, MONITORING_SOURCE } from '../imports/data-source.entity';
import { WRITERS } from '../access';
import { agentChangeRefusal } from './domain/agent-changes';
import { newCi } from './domain/ci';
import { RelationshipsService } from '../relationships/relationships.service';
import {
  ciChangeEvents,
  ciChangePublishes,
  ciEvents,
  NOT_IN_UPDATED_EVENT,
} from './domain/ci-events';
import { ciView } from './ci-view';
import type { CreateCiRequest, ListCisQuery, UpdateCiRequest } from './ci.dto';
import { ConfigurationItem } from './configuration-item.entity';
import { lockIdentifier, shareImportTurn } from './identity-locks';

@Injectable()
export class CisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    private readonly relationships: RelationshipsService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async get(id: string) {
    const ci = await this.find(this.dataSource.manager, id);
    return ciView(ci, await this.classes.hierarchy());
  }

  async create(request: CreateCiRequest, actor: string) {
    return withAuditActor(actor, () =>
      this.dataSource.transaction((manager) => this.createIn(manager, request, actor)),
    );
  }

  /**
   * Creates a CI in the caller's transaction, checked against its class (attribute schema,
   * references, identifiers), each field it sets owned by the `manual` source, and publishes
   * `ci.created`. The history lines' author is the caller's `withAuditActor`, if any.
   */
  async createIn(manager: EntityManager, request: CreateCiRequest, createdBy: string) {
    if (setsIdentifier(request)) await shareImportTurn(manager);
    const hierarchy = await this.classes.hierarchy(manager);
    const ciClass = this.classes.classNamed(hierarchy, request.className);
    const ci = manager.create(
      ConfigurationItem,
      newCi(request, {
        classId: ciClass.id,
        identityClassId: hierarchy.identityScopeOf(ciClass.id).id,
        createdBy,
      }),
    );
    await this.assertValid(manager, hierarchy, ciClass, ci);
    ci.fieldSources = sourcesOfRequest(request, MANUAL_SOURCE);
    const saved = await manager.save(ci);
    await this.outbox.publish(manager, ciCreated, {
      aggregateId: saved.id,
      data: ciEvents.created(saved, ciClass.name),
    });
    return ciView(saved, hierarchy);
  }

  /**
   * Changes fields of a CI. Attributes merge: a key with a value sets it, a key with null removes it.
   * A status change is its own event (`status_changed`), the other changes one `updated` event.
   * Configuration managers change any field, owned then by the `manual` source (the strongest); an
   * agent reports the status of their groups' CIs, owned by `monitoring`, so that a later monitoring
   * import may change it again.
   */
  async update(id: string, request: UpdateCiRequest, version: number, caller: Principal) {
    const actor = caller.id;
    const curator = hasAnyRole(caller, WRITERS);
    const source = curator ? MANUAL_SOURCE : MONITORING_SOURCE;
    return withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        // Most updates are an agent's status report: only one naming an identifier waits for imports.
        if (setsIdentifier(request)) await shareImportTurn(manager);
        const ci = await this.find(manager, id, true);
        const refusal = curator ? undefined : agentChangeRefusal(caller, ci.ownerGroup, request);
        if (refusal) {
          throw problem(
            HttpStatus.FORBIDDEN,
            'forbidden',
            'Your roles do not allow this',
            refusal,
            {
              requiredRoles: WRITERS,
            },
          );
        }
        assertVersion(ci, 'CI', version);
        if (ci.operationalStatus === 'retired') {
          throw problem(
            HttpStatus.CONFLICT,
            'ci-retired',
            'The CI is retired',
            `CI ${id} is retired and cannot change`,
            {
              state: 'retired',
            },
          );
        }
        const hierarchy = await this.classes.hierarchy(manager);
        const ciClass = hierarchy.get(ci.classId)!;
        const before = { ...ci, attributes: { ...ci.attributes } };
        const { attributes } = request;
        for (const [key, value] of Object.entries(request)) {
          if (key === 'version' || key === 'attributes' || value === undefined) continue;
          (ci as unknown as Record<string, unknown>)[key] = value;
        }
        if (attributes) {
          const merged = { ...ci.attributes };
          for (const [name, value] of Object.entries(attributes)) {
            if (value === null) delete merged[name];
            else merged[name] = value;
          }
          ci.attributes = merged;
        }
        await this.assertValid(manager, hierarchy, ciClass, ci, before);
        const changes = fieldChanges(
          before,
          { ...ci },
          NOT_IN_UPDATED_EVENT,
          new Set(['attributes']),
        );
        if (!ciChangePublishes(changes, before.operationalStatus, ci.operationalStatus)) {
          return ciView(ci, hierarchy);
        }
        ci.fieldSources = { ...ci.fieldSources, ...sourcesOfRequest(request, source) };
        const saved = await manager.save(ci);
        await this.outbox.publishMany(
          manager,
          ciChangeEvents(saved, ciClass.name, changes, before.operationalStatus, actor),
        );
        return ciView(saved, hierarchy);
      }),
    );
  }

  /** Takes a CI out of service; it keeps its history and relationships. */
  async retire(id: string, version: number, actor: string) {
    return withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        const ci = await this.find(manager, id, true);
        assertVersion(ci, 'CI', version);
        return this.retireIn(manager, ci, actor);
      }),
    );
  }

  /** Retires a CI read under lock, in the caller's transaction; a retired one stays as it is. */
  async retireIn(manager: EntityManager, ci: ConfigurationItem, actor: string) {
    const hierarchy = await this.classes.hierarchy(manager);
    if (ci.operationalStatus === 'retired') return ciView(ci, hierarchy);
    const fromStatus = ci.operationalStatus;
    ci.operationalStatus = 'retired';
    ci.retiredAt = new Date();
    const saved = await manager.save(ci);
    await this.outbox.publish(manager, ciRetired, {
      aggregateId: ci.id,
      data: ciEvents.retired(saved, hierarchy.get(ci.classId)!.name, fromStatus, actor),
    });
    return ciView(saved, hierarchy);
  }

  /**
   * Deletes a CI registered by mistake. Its relationships are never left dangling: the caller says
   * whether to refuse (409 naming how many there are) or to delete them too, each with its event.
   */
  async delete(id: string, relationships: 'refuse' | 'delete', actor: string): Promise<void> {
    await withAuditActor(actor, () =>
      this.dataSource.transaction(async (manager) => {
        const ci = await this.find(manager, id, true);
        const edges = await this.relationships.edgesOf(manager, id);
        if (edges.length > 0 && relationships === 'refuse') {
          throw problem(
            HttpStatus.CONFLICT,
            'ci-has-relationships',
            'The CI has relationships',
            `CI ${id} has ${edges.length} relationships: delete them first, or pass relationships=delete`,
            { relationshipCount: edges.length, allowed: ['refuse', 'delete'] },
          );
        }
        for (const edge of edges) await this.relationships.remove(manager, edge, actor);
        const className = (await this.classes.hierarchy(manager)).get(ci.classId)!.name;
        await manager.remove(ci);
        await this.outbox.publish(manager, ciDeleted, {
          aggregateId: id,
          data: ciEvents.deleted({ ...ci, id }, className, actor),
        });
      }),
    );
  }

  async list(query: ListCisQuery) {
    const hierarchy = await this.classes.hierarchy();
    const qb = this.dataSource.manager
      .createQueryBuilder(ConfigurationItem, 'ci')
      .orderBy('ci.name', 'ASC')
      .addOrderBy('ci.id', 'ASC')
      .limit(query.limit + 1);
    if (query.className) {
      const ciClass = this.classes.classNamed(hierarchy, query.className);
      qb.andWhere('ci.class_id = ANY(:classIds)', { classIds: hierarchy.subtreeIds(ciClass.id) });
    }
    if (query.status) qb.andWhere('ci.operational_status = :status', { status: query.status });
    if (query.environment)
      qb.andWhere('ci.environment = :environment', { environment: query.environment });
    if (query.ownerGroup)
      qb.andWhere('ci.owner_group = :ownerGroup', { ownerGroup: query.ownerGroup });
    if (query.q) {
      qb.andWhere(
        `(ci.name ILIKE :like OR ci.serial_number = :q OR ci.host_name = :dns OR ci.fqdn = :dns OR ci.cloud_id = :q)`,
        { like: `%${query.q.replace(/[\\%_]/g, '\\$&')}%`, q: query.q, dns: query.q.toLowerCase() },
      );
    }
    (query.attribute ?? []).forEach((filter, index) => {
      const separator = filter.indexOf(':');
      const [name, raw] = [filter.slice(0, separator), filter.slice(separator + 1)];
      // `version:16.4` may be the text "16.4" or the number 16.4: either matches.
      qb.andWhere(
        `(ci.attributes @> :typed${index}::jsonb OR ci.attributes @> :text${index}::jsonb)`,
        {
          [`typed${index}`]: JSON.stringify({ [name]: typedValue(raw) }),
          [`text${index}`]: JSON.stringify({ [name]: raw }),
        },
      );
    });
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { name: 'text', id: 'uuid' });
      if (!/^[0-9a-f-]{36}$/i.test(String(after.id))) {
        throw validationProblem([
          { field: 'cursor', message: 'cursor is not one this list issued' },
        ]);
      }
      qb.andWhere('(ci.name, ci.id) > (:afterName, :afterId)', {
        afterName: after.name,
        afterId: after.id,
      });
    }
    const rows = await qb.getMany();
    const page = pageOf(rows, query.limit, (ci) => ({ name: ci.name, id: ci.id }));
    return { ...page, items: page.items.map((ci) => ciView(ci, hierarchy)) };
  }

  async find(manager: EntityManager, id: string, forUpdate = false): Promise<ConfigurationItem> {
    const ci = /^[0-9a-f-]{36}$/i.test(id)
      ? await manager.findOne(ConfigurationItem, {
          where: { id },
          ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!ci) throw problem(HttpStatus.NOT_FOUND, 'not-found', 'CI not found', `No CI ${id}`);
    return ci;
  }

  /** Attributes against the class schema, references to CIs of the right class, unique identifiers. */
  private async assertValid(
    manager: EntityManager,
    hierarchy: Hierarchy,
    ciClass: CiClass,
    ci: ConfigurationItem,
    before?: Pick<ConfigurationItem, IdentifierField>,
  ): Promise<void> {
    const { errors, references } = validateAttributes(
      hierarchy.attributesOf(ciClass.id),
      ci.attributes,
      ciClass.name,
    );
    if (references.length > 0) {
      const found = await manager.find(ConfigurationItem, {
        where: references.map((reference) => ({ id: reference.ciId })),
        select: { id: true, classId: true },
      });
      for (const reference of references) {
        const target = found.find((candidate) => candidate.id === reference.ciId);
        if (!target || !hierarchy.isA(target.classId, reference.referenceClass)) {
          errors.push({
            field: reference.field,
            message: `${reference.field} must name an existing ${reference.referenceClass} CI`,
          });
        }
      }
    }
    errors.push(...(await this.identifierConflicts(manager, hierarchy, ciClass, ci, before)));
    if (errors.length > 0) throw validationProblem(errors);
  }

  /**
   * An identifier that is a whole identification rule of the class (e.g. the serial number of a
   * server) names one CI only, among the CIs of the class's root that are not retired. Concurrent
   * writers of the same value, and import batches, are serialised by advisory locks (identity-locks).
   */
  private async identifierConflicts(
    manager: EntityManager,
    hierarchy: Hierarchy,
    ciClass: CiClass,
    ci: ConfigurationItem,
    before?: Pick<ConfigurationItem, IdentifierField>,
  ): Promise<FieldError[]> {
    // Only values this write sets: a duplicate that predates a rule does not block a status change.
    const unique = hierarchy
      .identificationRulesOf(ciClass.id)
      .filter((rule) => rule.length === 1)
      .map(([field]) => field!)
      .filter((field) => !before || before[field] !== ci[field]);
    const errors: FieldError[] = [];
    for (const field of unique) {
      const value = ci[field];
      if (!value) continue;
      await lockIdentifier(manager, `ci:${ci.identityClassId}:${field}:${value}`);
      const [other] = (await manager.query(
        `SELECT id FROM configuration_items
          WHERE identity_class_id = $1 AND ${IDENTIFIER_COLUMNS[field]} = $2 AND retired_at IS NULL
            AND ($3::uuid IS NULL OR id <> $3) LIMIT 1`,
        [ci.identityClassId, value, ci.id ?? null],
      )) as Array<{ id: string }>;
      if (other) {
        const scope = hierarchy.get(ci.identityClassId)!.name;
        errors.push({
          field: IDENTIFIER_FIELDS.includes(field as never) ? field : 'name',
          message: `${field} ${value} already identifies ${scope} CI ${other.id}`,
        });
      }
    }
    return errors;
  }
}

/** The data source that now owns each field a request sets. */
function sourcesOfRequest(request: object, source: string): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key === 'version' || key === 'className' || value === undefined) continue;
    if (key === 'attributes') {
      // `attributes: null` (allowed, like every optional field) sets none.
      for (const name of Object.keys(value ?? {})) sources[`attributes.${name}`] = source;
    } else sources[key] = source;
  }
  return sources;
}

/** An attribute filter's value: a number or boolean when it reads as one, else the text. */
function typedValue(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}
