import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { hasAnyRole, recordNotFound, type Principal } from '@itsm/auth';
import {
  incidentAssigned,
  incidentClosed,
  incidentPriorityChanged,
  incidentReopened,
  incidentResolved,
  incidentStateChanged,
  incidentUpdated,
} from '@itsm/contracts';
import { problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import {
  assertVersion,
  brokenUniqueConstraint,
  fieldChanges,
  withAuditActor,
} from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { MANAGERS } from '../access';
import { MajorIncidentRule } from '../major/major-incident.rule';
import { priorityOf } from '../priority/priority-matrix';
import { PriorityMatrixService } from '../priority/priority-matrix.service';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { callerMayMove, mayView, mayWork } from './incident-access';
import { incidentEvents } from './incident-events';
import { isReopen, transitionRefusal, type TransitionRequest } from './incident-states';
import type { UpdateIncidentRequest } from './incident.dto';
import { Incident, type ImpactedService, INCIDENT_ROW_LOCK } from './incident.entity';
import { IncidentsService } from './incidents.service';

/** Fields whose change is its own event, or no news to anybody. */
const NOT_IN_UPDATED_EVENT = new Set(['state', 'updatedAt', 'version', 'createdAt']);

/** Changing incidents: fields, assignment, priority, state; every change audited and announced. */
@Injectable()
export class IncidentChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly matrix: PriorityMatrixService,
    private readonly slas: SlaClocksService,
    private readonly majorRule: MajorIncidentRule,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async update(id: string, request: UpdateIncidentRequest, version: number, caller: Principal) {
    if (request.priority !== undefined && !hasAnyRole(caller, MANAGERS)) {
      throw problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Your roles do not allow this',
        'Only incident managers set a priority by hand',
        {
          requiredRoles: MANAGERS,
          errors: [{ field: 'priority', message: 'set impact and urgency instead' }],
        },
      );
    }
    return this.change(id, version, caller, async (manager, incident, now) => {
      const ciBefore = incident.configurationItemId;
      if (incident.state === 'closed' || incident.state === 'canceled') {
        throw problem(
          HttpStatus.CONFLICT,
          'incident-ended',
          'The incident has ended',
          `Incident ${incident.number} is ${incident.state} and cannot change`,
          {
            currentState: incident.state,
            allowedNextStates: [],
          },
        );
      }
      if (request.parentId && request.parentId !== incident.parentId) {
        await this.incidents.assertParent(manager, request.parentId, caller, incident.id);
      }
      for (const field of [
        'shortDescription',
        'description',
        'category',
        'impact',
        'urgency',
        'assignmentGroup',
        'assignee',
        'configurationItemId',
        'parentId',
        'problemId',
        'causedByChangeId',
        'tags',
      ] as const) {
        if (request[field] !== undefined)
          (incident as unknown as Record<string, unknown>)[field] = request[field];
      }
      if (request.priority !== undefined) {
        incident.priority = request.priority;
        incident.prioritySetBy = caller.id;
      } else if (request.impact !== undefined || request.urgency !== undefined) {
        incident.priority = priorityOf(
          await this.matrix.current(manager),
          incident.impact,
          incident.urgency,
        );
        incident.prioritySetBy = null;
      }
      if (incident.assignee && !incident.acknowledgedAt) incident.acknowledgedAt = now;
      // The CMDB recomputes the impacted services only when the CI really changes.
      if (incident.configurationItemId !== ciBefore) incident.impactedServices = [];
    });
  }

  async transition(id: string, request: TransitionRequest, version: number, caller: Principal) {
    // The state model is checked before the caller's rights: whoever sees the incident learns why
    // a move is impossible, and only a possible move can be refused to them.
    return this.change(
      id,
      version,
      caller,
      async (_manager, incident, now) => {
        const refusal = transitionRefusal(incident.state, request);
        if (refusal?.kind === 'illegal') {
          throw problem(
            HttpStatus.CONFLICT,
            'illegal-transition',
            'The state model does not allow this move',
            `Incident ${incident.number} is ${refusal.from}; it may move to ${refusal.allowed.join(', ') || 'nothing: it has ended'}`,
            {
              currentState: refusal.from,
              requestedState: refusal.to,
              allowedNextStates: refusal.allowed,
            },
          );
        }
        if (refusal) throw validationProblem(refusal.errors);
        if (!mayWork(caller, incident) && !callerMayMove(caller, incident, request.to)) {
          throw notAllowed(incident);
        }
        if (isReopen(incident.state, request.to)) {
          incident.reopenCount += 1;
          incident.resolvedAt = null;
          incident.resolutionCode = null;
          incident.resolutionNotes = null;
        }
        incident.state = request.to;
        incident.onHoldReason = request.to === 'on_hold' ? request.onHoldReason! : null;
        if (request.to === 'in_progress' && !incident.acknowledgedAt) incident.acknowledgedAt = now;
        if (request.to === 'resolved') {
          incident.resolutionCode = request.resolutionCode!;
          incident.resolutionNotes = request.resolutionNotes!;
          incident.resolvedAt = now;
        }
        if (request.to === 'closed' || request.to === 'canceled') incident.closedAt = now;
      },
      () => true,
      request.reason,
    );
  }

  /** Closes an incident resolved for longer than the waiting time (the auto-close timer). */
  async closeAutomatically(manager: EntityManager, incident: Incident, now: Date): Promise<void> {
    const actor = 'system:auto-close';
    await withAuditActor(actor, async () => {
      const before = { ...incident };
      incident.state = 'closed';
      incident.closedAt = now;
      const saved = await manager.save(incident);
      await this.announce(manager, before, saved, actor, now, undefined, true);
      await this.slas.reconcile(manager, saved, now);
    });
  }

  /**
   * A parent resolved takes its open children with it, as in ServiceNow: the children of one outage
   * are solved by solving it. Their callers can still reopen them.
   */
  private async followParent(manager: EntityManager, parent: Incident, now: Date): Promise<void> {
    // Resolving only: closing stays each child's own (its caller may still reopen it until then).
    if (parent.state !== 'resolved') return;
    const from = ['new', 'in_progress', 'on_hold'];
    const children = await manager
      .createQueryBuilder(Incident, 'i')
      .where('i.parent_id = :id AND i.state IN (:...from)', { id: parent.id, from })
      .setLock(INCIDENT_ROW_LOCK)
      .getMany();
    const actor = `system:parent-${parent.number}`;
    for (const child of children) {
      await withAuditActor(actor, async () => {
        const before = { ...child };
        child.state = 'resolved';
        child.onHoldReason = null;
        child.resolutionCode = parent.resolutionCode;
        child.resolutionNotes = `Resolved with its parent ${parent.number}: ${parent.resolutionNotes}`;
        child.resolvedAt = now;
        const saved = await manager.save(child);
        await this.slas.reconcile(manager, saved, now);
        await this.announce(manager, before, saved, actor, now, `parent ${parent.number}`);
      });
    }
  }

  /** Flow 2: the business services the CMDB found impacted; may make the incident major. */
  async recordImpact(
    manager: EntityManager,
    id: string,
    impact: { ciIds: readonly string[]; impactedServices: ImpactedService[] },
  ): Promise<void> {
    const actor = 'system:cmdb-impact';
    await withAuditActor(actor, async () => {
      const incident = await manager.findOne(Incident, {
        where: { id },
        lock: { mode: INCIDENT_ROW_LOCK },
      });
      // An answer for a CI the incident no longer names, or for an ended incident, is history.
      if (
        !incident ||
        incident.state === 'closed' ||
        incident.state === 'canceled' ||
        incident.configurationItemId === null ||
        !impact.ciIds.includes(incident.configurationItemId)
      ) {
        return;
      }
      const now = new Date();
      const before = { ...incident };
      incident.impactedServices = impact.impactedServices;
      const saved = await manager.save(incident);
      await this.announce(manager, before, saved, actor, now);
      await this.majorRule.apply(manager, saved, now);
    });
  }

  /**
   * Loads the incident locked, checks who may change it and the version, applies `edit`, and
   * writes the consequences: audit (by the subscriber), timeline and SLA clocks, events.
   */
  private async change(
    id: string,
    version: number,
    caller: Principal,
    edit: (manager: EntityManager, incident: Incident, now: Date) => Promise<void>,
    mayChange: (incident: Incident) => boolean = (incident) => mayWork(caller, incident),
    reason?: string,
  ) {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const incident = await manager.findOne(Incident, {
          where: { id },
          lock: { mode: INCIDENT_ROW_LOCK },
        });
        if (!incident || !mayView(caller, incident)) throw recordNotFound('Incident', id);
        if (!mayChange(incident)) throw notAllowed(incident);
        assertVersion(incident, 'Incident', version);
        const now = new Date();
        const before = {
          ...incident,
          impactedServices: [...incident.impactedServices],
          tags: [...incident.tags],
        };
        await edit(manager, incident, now);
        if (fieldChanges(before, { ...incident }, new Set(['updatedAt'])).length === 0) {
          return this.incidents.viewOf(manager, incident);
        }
        const saved = await manager.save(incident).catch((error: unknown) => {
          throw brokenUniqueConstraint(error) === 'incident_open_for_down_ci'
            ? anotherOpenForCi(incident)
            : error;
        });
        await this.slas.reconcile(manager, saved, now);
        await this.announce(manager, before, saved, caller.id, now, reason);
        if (saved.priority !== before.priority) await this.majorRule.apply(manager, saved, now);
        if (saved.state !== before.state) await this.followParent(manager, saved, now);
        return this.incidents.viewOf(manager, saved);
      }),
    );
  }

  private async announce(
    manager: EntityManager,
    before: Incident,
    after: Incident,
    actor: string,
    now: Date,
    reason?: string,
    automatically = false,
  ): Promise<void> {
    const events: Array<Parameters<Outbox['publishMany']>[1][number]> = [];
    const changes = fieldChanges({ ...before }, { ...after }, NOT_IN_UPDATED_EVENT);
    const data = { aggregateId: after.id };
    if (changes.length > 0) {
      events.push({
        definition: incidentUpdated,
        ...data,
        data: incidentEvents.updated(after, actor, now, changes),
      });
    }
    if (before.assignmentGroup !== after.assignmentGroup || before.assignee !== after.assignee) {
      events.push({
        definition: incidentAssigned,
        ...data,
        data: incidentEvents.assigned(after, before, actor, now),
      });
    }
    if (before.priority !== after.priority) {
      events.push({
        definition: incidentPriorityChanged,
        ...data,
        data: incidentEvents.priorityChanged(after, before.priority, actor, now),
      });
    }
    if (before.state !== after.state) {
      const why =
        after.state === 'on_hold'
          ? after.onHoldReason!
          : after.state === 'resolved'
            ? after.resolutionCode!
            : reason;
      events.push({
        definition: incidentStateChanged,
        ...data,
        data: incidentEvents.stateChanged(after, before.state, actor, now, why),
      });
      if (after.state === 'resolved')
        events.push({
          definition: incidentResolved,
          ...data,
          data: incidentEvents.resolved(after, actor),
        });
      if (after.state === 'closed')
        events.push({
          definition: incidentClosed,
          ...data,
          data: incidentEvents.closed(after, actor, automatically),
        });
      if (isReopen(before.state, after.state)) {
        events.push({
          definition: incidentReopened,
          ...data,
          data: incidentEvents.reopened(after, actor, now, reason!),
        });
      }
    }
    if (events.length > 0) await this.outbox.publishMany(manager, events);
  }
}

function notAllowed(incident: Incident) {
  return problem(
    HttpStatus.FORBIDDEN,
    'forbidden',
    'Your roles do not allow this',
    `You may see incident ${incident.number} but not change it this way`,
    { requiredRoles: ['agent of the assignment group', ...MANAGERS] },
  );
}

/** Flow 1 keeps one open incident per CI that monitoring reported down. */
function anotherOpenForCi(incident: Incident) {
  return problem(
    HttpStatus.CONFLICT,
    'ci-incident-already-open',
    'Another incident is open for this CI going down',
    `Monitoring already has an open incident for CI ${incident.configurationItemId}; work that one, or link this one to it as a child`,
    {
      currentState: incident.state,
      errors: [
        { field: 'configurationItemId', message: 'another open monitoring incident names this CI' },
      ],
    },
  );
}
