import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { OPEN_STATES } from '../../problems/domain/problem-states';
import { wrongState } from '../../problems/problem-refusals';
import type { LinkedIncident } from '../domain/linked-incident';
import { IncidentLinks } from '../incident-links';
import { IncidentProjection } from '../incident-projection';
import { problemAndIncident } from './linking';

/**
 * Links an incident to an open problem (moving it from another problem if it had one); linking it
 * again changes nothing. The incident service records it from `problem.incident_linked`.
 */
@Injectable()
export class LinkIncident {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: IncidentProjection,
    private readonly links: IncidentLinks,
  ) {}

  execute(problemId: string, incidentId: string, caller: Principal): Promise<LinkedIncident> {
    return this.dataSource.transaction(async (manager) => {
      const ids = { problemId, incidentId };
      const { problem, incident } = await problemAndIncident(manager, this.projection, ids, caller);
      if (!OPEN_STATES.includes(problem.state)) {
        throw wrongState(
          'problem-ended',
          'Incidents are linked to open problems',
          `Problem ${problem.number} is ${problem.state}; link the incident to an open problem`,
          problem.state,
          { allowedStates: OPEN_STATES },
        );
      }
      if (incident.problemId === problem.id) return incident;
      await this.links.link(manager, problem, [incident], {
        actor: caller.id,
        detected: false,
        now: new Date(),
      });
      return { ...incident, problemId: problem.id };
    });
  }
}
