import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import {
  assertVersion,
  brokenUniqueConstraint,
  fieldChanges,
  withAuditActor,
} from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { MajorIncidentRule } from '../major/major-incident.rule';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { changeEvents, type ChangeCircumstances } from './change-events';
import { childResolvedWithParent, movesSlaClocks } from './domain/incident-transition';
import { OPEN_STATES } from './domain/incident-states';
import { mayWork } from './domain/incident-access';
import { notWorkingIt } from './incident-refusals';
import type { IncidentView } from './incident-view';
import { Incident, INCIDENT_ROW_LOCK } from './incident.entity';
import { IncidentsService } from './incidents.service';
import { loadVisibleIncident } from './visible-incident';

export type IncidentEdit = (manager: EntityManager, incident: Incident, now: Date) => Promise<void>;

/**
 * Writes a changed incident and what follows from the change, the same way for people and for the
 * platform's own actors: the audit trail (by the subscriber), the SLA timeline and clocks, the
 * events, the major-incident rule on a new priority, and the children of a resolved parent.
 */
@Injectable()
export class IncidentWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly slas: SlaClocksService,
    private readonly majorRule: MajorIncidentRule,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /**
   * A caller's change: loads the incident locked, checks that the caller may see and change it and
   * the version they read, applies `edit`, and commits it; a change that changes nothing writes nothing.
   */
  async change(
    id: string,
    version: number,
    caller: Principal,
    edit: IncidentEdit,
    {
      mayChange = (incident: Incident) => mayWork(caller, incident),
      reason,
    }: { mayChange?: (incident: Incident) => boolean; reason?: string } = {},
  ): Promise<IncidentView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const incident = await loadVisibleIncident(manager, id, caller, { locked: true });
        if (!mayChange(incident)) throw changeNotAllowed(incident);
        assertVersion(incident, 'Incident', version);
        const now = new Date();
        const before = snapshotOf(incident);
        await edit(manager, incident, now);
        if (fieldChanges({ ...before }, { ...incident }, new Set(['updatedAt'])).length === 0) {
          return this.incidents.viewOf(manager, incident);
        }
        const saved = await this.commit(manager, before, incident, {
          actor: caller.id,
          now,
          reason,
        });
        return this.incidents.viewOf(manager, saved);
      }),
    );
  }

  /** Saves `incident`, changed from `before` in the caller's transaction, with its consequences. */
  async commit(
    manager: EntityManager,
    before: Incident,
    incident: Incident,
    circumstances: ChangeCircumstances,
  ): Promise<Incident> {
    const saved = await this.persist(manager, before, incident, circumstances);
    if (saved.priority !== before.priority) {
      await this.majorRule.apply(manager, saved, circumstances.now);
    }
    if (saved.state === 'resolved' && before.state !== 'resolved') {
      await this.resolveChildren(manager, saved, circumstances.now);
    }
    return saved;
  }

  private async persist(
    manager: EntityManager,
    before: Incident,
    incident: Incident,
    circumstances: ChangeCircumstances,
  ): Promise<Incident> {
    return withAuditActor(circumstances.actor, async () => {
      const saved = await manager.save(incident).catch((error: unknown) => {
        throw brokenUniqueConstraint(error) === 'incident_open_for_down_ci'
          ? anotherOpenForCi(incident)
          : error;
      });
      // The timeline's last point is the incident as last saved: state, priority and acknowledgement
      // change only through this writer (or OpenIncident, which starts the timeline). A change that
      // moves none of them leaves the clocks as they are, and spares reading the timeline.
      if (movesSlaClocks(before, saved))
        await this.slas.reconcile(manager, saved, circumstances.now);
      await this.outbox.publishMany(manager, changeEvents(before, saved, circumstances));
      return saved;
    });
  }

  /** The open children of a parent just resolved are resolved with it (not their own children). */
  private async resolveChildren(
    manager: EntityManager,
    parent: Incident,
    now: Date,
  ): Promise<void> {
    const children = await manager
      .createQueryBuilder(Incident, 'i')
      .where('i.parent_id = :id AND i.state IN (:...open)', { id: parent.id, open: OPEN_STATES })
      .setLock(INCIDENT_ROW_LOCK)
      .getMany();
    const circumstances = {
      actor: `system:parent-${parent.number}`,
      now,
      reason: `parent ${parent.number}`,
    };
    for (const child of children) {
      const before = snapshotOf(child);
      Object.assign(child, childResolvedWithParent(child, parent, now));
      await this.persist(manager, before, child, circumstances);
    }
  }
}

/** A copy of the incident to compare the changed one with (its arrays copied too). */
export function snapshotOf(incident: Incident): Incident {
  return {
    ...incident,
    impactedServices: [...incident.impactedServices],
    tags: [...incident.tags],
  };
}

export function changeNotAllowed(incident: Incident) {
  return notWorkingIt(`You may see incident ${incident.number} but not change it this way`);
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
