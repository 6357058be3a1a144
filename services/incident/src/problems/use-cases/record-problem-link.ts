import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Incident, INCIDENT_ROW_LOCK } from '../../incidents/incident.entity';
import { snapshotOf } from '../../incidents/incident-writer';
import { IncidentWriter } from '../../incidents/incident-writer';

/**
 * Records on the incident the problem it was linked to (or unlinked from) on the problem side: the
 * incident shows its problem, and `incident.updated` tells everybody else. An unlink from a
 * problem the incident no longer names (it was linked to another since) changes nothing.
 */
@Injectable()
export class RecordProblemLink {
  constructor(private readonly writer: IncidentWriter) {}

  async execute(
    manager: EntityManager,
    change: { incidentId: string; problemId: string; linked: boolean; actor: string },
  ): Promise<void> {
    const incident = await manager.findOne(Incident, {
      where: { id: change.incidentId },
      lock: { mode: INCIDENT_ROW_LOCK },
    });
    if (!incident) return;
    const next = change.linked ? change.problemId : null;
    if (incident.problemId === next || (!change.linked && incident.problemId !== change.problemId))
      return;
    const before = snapshotOf(incident);
    incident.problemId = next;
    await this.writer.commit(manager, before, incident, {
      actor: change.actor,
      now: new Date(),
    });
  }
}
