import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { IncidentLinks } from '../incident-links';
import { IncidentProjection } from '../incident-projection';
import { problemAndIncident } from './linking';

/** Unlinks an incident from the problem; one not linked to it is a 404. */
@Injectable()
export class UnlinkIncident {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: IncidentProjection,
    private readonly links: IncidentLinks,
  ) {}

  execute(problemId: string, incidentId: string, caller: Principal): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const ids = { problemId, incidentId };
      const { problem, incident } = await problemAndIncident(manager, this.projection, ids, caller);
      if (incident.problemId !== problem.id) throw recordNotFound('Linked incident', incidentId);
      await this.links.unlink(manager, problem, incident, { actor: caller.id, now: new Date() });
    });
  }
}
