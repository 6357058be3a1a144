import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MajorIncidentRule } from '../../major/major-incident.rule';
import { isEnded } from '../domain/incident-states';
import type { ImpactedService } from '../domain/impacted-service';
import { Incident, INCIDENT_ROW_LOCK } from '../incident.entity';
import { IncidentWriter, snapshotOf } from '../incident-writer';

export const CMDB_IMPACT_ACTOR = 'system:cmdb-impact';

/** Flow 2: records the business services the CMDB found impacted; they may make the incident major. */
@Injectable()
export class RecordImpact {
  constructor(
    private readonly writer: IncidentWriter,
    private readonly majorRule: MajorIncidentRule,
  ) {}

  async execute(
    manager: EntityManager,
    id: string,
    impact: { ciIds: readonly string[]; impactedServices: ImpactedService[] },
  ): Promise<void> {
    const incident = await manager.findOne(Incident, {
      where: { id },
      lock: { mode: INCIDENT_ROW_LOCK },
    });
    // An answer for a CI the incident no longer names, or for an ended incident, is history.
    if (
      !incident ||
      isEnded(incident.state) ||
      incident.configurationItemId === null ||
      !impact.ciIds.includes(incident.configurationItemId)
    ) {
      return;
    }
    const now = new Date();
    const before = snapshotOf(incident);
    incident.impactedServices = impact.impactedServices;
    const saved = await this.writer.commit(manager, before, incident, {
      actor: CMDB_IMPACT_ACTOR,
      now,
    });
    await this.majorRule.apply(manager, saved, now);
  }
}
