import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { recordNotFound, recordScope, scopeCondition, type Principal } from '@itsm/auth';
import { incidentCreated } from '@itsm/contracts';
import { decodeCursor, pageOf, problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { MajorIncidentRule } from '../major/major-incident.rule';
import { priorityOf, type Level } from '../priority/priority-matrix';
import { PriorityMatrixService } from '../priority/priority-matrix.service';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { isWorker, mayView, requesterCreateRefusals } from './incident-access';
import { incidentEvents } from './incident-events';
import { incidentView, type IncidentView } from './incident-view';
import type { CreateIncidentRequest, ListIncidentsQuery } from './incident.dto';
import { Incident, type Channel } from './incident.entity';

export interface CreatedIncident {
  view: IncidentView;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

/** Raising, reading and listing incidents. Changes are `IncidentChangesService`'s. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly matrix: PriorityMatrixService,
    private readonly slas: SlaClocksService,
    private readonly majorRule: MajorIncidentRule,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async create(
    request: CreateIncidentRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<CreatedIncident> {
    const worker = isWorker(caller);
    if (!worker) {
      const refused = requesterCreateRefusals(request, caller);
      if (refused.length > 0) {
        throw problem(
          HttpStatus.FORBIDDEN,
          'forbidden',
          'Your roles do not allow this',
          refused.map((e) => e.message).join('; '),
          {
            errors: refused,
          },
        );
      }
    }
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await this.claimIdempotencyKey(
            manager,
            caller.id,
            idempotencyKey,
            request,
          );
          if (earlier) return { view: await this.viewOf(manager, earlier), replayed: true };
        }
        await this.assertParent(manager, request.parentId, caller);
        const incident = await this.open(manager, {
          shortDescription: request.shortDescription,
          description: request.description ?? null,
          category: request.category ?? null,
          impact: request.impact ?? 3,
          urgency: request.urgency ?? 3,
          channel: request.channel ?? (worker ? 'service_desk' : 'self_service'),
          callerId: request.callerId ?? caller.id,
          openedBy: caller.id,
          assignmentGroup: request.assignmentGroup ?? null,
          assignee: request.assignee ?? null,
          configurationItemId: request.configurationItemId ?? null,
          parentId: request.parentId ?? null,
          tags: request.tags ?? [],
        });
        if (idempotencyKey) {
          await manager.query(
            'UPDATE idempotency_keys SET incident_id = $1 WHERE caller_id = $2 AND key = $3',
            [incident.id, caller.id, idempotencyKey],
          );
        }
        return { view: await this.viewOf(manager, incident), replayed: false };
      }),
    );
  }

  /**
   * Opens an incident in the caller's transaction (the API, or flow 1 for a CI that went down): its
   * timeline and SLA clocks start, the major-incident rule is applied, and `created` is published.
   */
  async open(
    manager: EntityManager,
    fields: {
      shortDescription: string;
      description: string | null;
      category: string | null;
      impact: Level;
      urgency: Level;
      channel: Channel;
      callerId: string;
      openedBy: string;
      assignmentGroup: string | null;
      assignee: string | null;
      configurationItemId: string | null;
      parentId: string | null;
      tags?: string[];
    },
  ): Promise<Incident> {
    const now = new Date();
    const matrix = await this.matrix.current(manager);
    const incident = manager.create(Incident, {
      ...fields,
      tags: fields.tags ?? [],
      state: 'new',
      priority: priorityOf(matrix, fields.impact, fields.urgency),
      prioritySetBy: null,
      openedAt: now,
      acknowledgedAt: fields.assignee ? now : null,
      impactedServices: [],
      major: false,
      reopenCount: 0,
    });
    const saved = await manager.save(incident);
    await this.slas.open(manager, saved, now);
    await this.outbox.publish(manager, incidentCreated, {
      aggregateId: saved.id,
      data: incidentEvents.created(saved),
    });
    await this.majorRule.apply(manager, saved, now);
    return saved;
  }

  async get(id: string, caller: Principal): Promise<IncidentView> {
    const incident = await this.dataSource.manager.findOneBy(Incident, { id });
    if (!incident || !mayView(caller, incident)) throw recordNotFound('Incident', id);
    return this.viewOf(this.dataSource.manager, incident);
  }

  async list(query: ListIncidentsQuery, caller: Principal) {
    const builder = this.dataSource.manager
      .createQueryBuilder(Incident, 'i')
      .orderBy('i.opened_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(query.limit + 1);
    const scope = scopeCondition(recordScope(caller, 'incident'), {
      requesters: ['i.caller_id', 'i.opened_by'],
      assignmentGroup: 'i.assignment_group',
      assignee: 'i.assignee',
    });
    if (scope) builder.andWhere(scope.where, scope.parameters);
    if (query.state?.length) builder.andWhere('i.state IN (:...states)', { states: query.state });
    if (query.priority?.length)
      builder.andWhere('i.priority IN (:...priorities)', { priorities: query.priority });
    if (query.assignmentGroup)
      builder.andWhere('i.assignment_group = :group', { group: query.assignmentGroup });
    if (query.assignee === 'none') builder.andWhere('i.assignee IS NULL');
    else if (query.assignee)
      builder.andWhere('i.assignee = :assignee', { assignee: query.assignee });
    if (query.callerId) builder.andWhere('i.caller_id = :callerId', { callerId: query.callerId });
    if (query.ci) builder.andWhere('i.configuration_item_id = :ci', { ci: query.ci });
    if (query.parentId) builder.andWhere('i.parent_id = :parentId', { parentId: query.parentId });
    if (query.service) {
      builder.andWhere('i.impacted_services @> :service::jsonb', {
        service: JSON.stringify([{ id: query.service }]),
      });
    }
    if (query.tag?.length) builder.andWhere('i.tags @> :tags', { tags: query.tag });
    if (query.major !== undefined) builder.andWhere('i.major = :major', { major: query.major });
    if (query.openedFrom)
      builder.andWhere('i.opened_at >= :from', { from: new Date(query.openedFrom) });
    if (query.openedTo) builder.andWhere('i.opened_at < :to', { to: new Date(query.openedTo) });
    if (query.q) {
      builder.andWhere('(i.short_description ILIKE :text OR i.number = upper(:q))', {
        text: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        q: query.q.trim(),
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { openedAt: 'timestamp', id: 'uuid' });
      builder.andWhere('(i.opened_at, i.id) < (:openedAt::timestamptz, :afterId::uuid)', {
        openedAt: after.openedAt,
        afterId: after.id,
      });
    }
    const rows = await builder.getMany();
    const page = pageOf(rows, query.limit, (i) => ({
      openedAt: i.openedAt.toISOString(),
      id: i.id,
    }));
    const slas = await this.slas.viewsOf(
      this.dataSource.manager,
      page.items.map((i) => i.id),
    );
    return { ...page, items: page.items.map((i) => incidentView(i, slas.get(i.id) ?? [])) };
  }

  async viewOf(manager: EntityManager, incident: Incident | string): Promise<IncidentView> {
    const record =
      typeof incident === 'string'
        ? await manager.findOneByOrFail(Incident, { id: incident })
        : incident;
    const slas = await this.slas.viewsOf(manager, [record.id]);
    return incidentView(record, slas.get(record.id) ?? []);
  }

  /**
   * Records the key before anything else, so that a retry racing the first request waits for it on
   * the key's row; returns the incident an earlier request with the same key created.
   */
  private async claimIdempotencyKey(
    manager: EntityManager,
    callerId: string,
    key: string,
    request: CreateIncidentRequest,
  ): Promise<string | undefined> {
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const [claimed] = (await manager.query(
      `INSERT INTO idempotency_keys (caller_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [callerId, key, hash],
    )) as unknown[];
    if (claimed) return undefined;
    const [earlier] = (await manager.query(
      'SELECT request_hash, incident_id FROM idempotency_keys WHERE caller_id = $1 AND key = $2',
      [callerId, key],
    )) as Array<{ request_hash: string; incident_id: string }>;
    if (earlier!.request_hash !== hash) {
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'idempotency-key-reused',
        'The Idempotency-Key was used for another request',
        `Idempotency-Key ${key} created an incident from a different request; use a new key`,
      );
    }
    return earlier!.incident_id;
  }

  /**
   * A parent must be an incident the caller can see (so that the answer tells nothing of others),
   * still open to children, and not the child itself or one of its descendants.
   */
  async assertParent(
    manager: EntityManager,
    parentId: string | null | undefined,
    caller: Principal,
    childId?: string,
  ): Promise<void> {
    if (!parentId) return;
    const parent = await manager.findOneBy(Incident, { id: parentId });
    if (!parent || !mayView(caller, parent)) {
      throw validationProblem([
        { field: 'parentId', message: 'parentId must name an incident you can see' },
      ]);
    }
    if (parent.state === 'closed' || parent.state === 'canceled') {
      throw validationProblem([
        { field: 'parentId', message: `parentId names ${parent.number}, which is ${parent.state}` },
      ]);
    }
    if (!childId) return;
    // Two re-parentings at once (A under B, B under A) would each miss the other's uncommitted
    // link; they are rare, so one lock for all of them makes the second see the first.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('incident:parent-links'))`);
    const [cycle] = (await manager.query(
      `WITH RECURSIVE ancestors (id) AS (
         SELECT $1::uuid UNION
         SELECT i.parent_id FROM incidents i JOIN ancestors a ON i.id = a.id WHERE i.parent_id IS NOT NULL
       ) SELECT 1 FROM ancestors WHERE id = $2`,
      [parentId, childId],
    )) as unknown[];
    if (cycle) {
      throw validationProblem([
        { field: 'parentId', message: `${parent.number} is this incident or one of its children` },
      ]);
    }
  }
}
