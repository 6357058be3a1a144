import { Inject, Injectable } from '@nestjs/common';
import { problemIncidentLinked, problemIncidentUnlinked } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import type { Problem } from '../problems/problem.entity';
import type { LinkedIncident } from './domain/linked-incident';
import { IncidentProjection } from './incident-projection';

/**
 * Links and unlinks incidents in the caller's transaction, and tells the incident service
 * (`problem.incident_linked` / `unlinked`), which records the problem on the incident.
 */
@Injectable()
export class IncidentLinks {
  constructor(
    private readonly projection: IncidentProjection,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async link(
    manager: EntityManager,
    problem: Pick<Problem, 'id' | 'number'>,
    incidents: readonly LinkedIncident[],
    { actor, detected, now }: { actor: string; detected: boolean; now: Date },
  ): Promise<void> {
    if (incidents.length === 0) return;
    await this.projection.setProblem(
      manager,
      incidents.map((incident) => incident.id),
      problem.id,
    );
    await this.outbox.publishMany(
      manager,
      incidents.map((incident) => ({
        definition: problemIncidentLinked,
        aggregateId: problem.id,
        data: {
          id: problem.id,
          number: problem.number,
          incidentId: incident.id,
          incidentNumber: incident.number,
          detected,
          linkedBy: actor,
          linkedAt: now.toISOString(),
        },
      })),
    );
  }

  async unlink(
    manager: EntityManager,
    problem: Pick<Problem, 'id' | 'number'>,
    incident: LinkedIncident,
    { actor, now }: { actor: string; now: Date },
  ): Promise<void> {
    await this.projection.setProblem(manager, [incident.id], null);
    await this.outbox.publish(manager, problemIncidentUnlinked, {
      aggregateId: problem.id,
      data: {
        id: problem.id,
        number: problem.number,
        incidentId: incident.id,
        incidentNumber: incident.number,
        unlinkedBy: actor,
        unlinkedAt: now.toISOString(),
      },
    });
  }
}
