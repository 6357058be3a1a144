import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { majorIncidentCommunication } from '@itsm/contracts';
import { problem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { assertVersion } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { mayWork } from '../incidents/domain/incident-access';
import { notWorkingIt } from '../incidents/incident-refusals';
import { isOpen, OPEN_STATES } from '../incidents/domain/incident-states';
import { IncidentsService } from '../incidents/incidents.service';
import { loadVisibleIncident } from '../incidents/visible-incident';
import { MajorIncidentRule } from './major-incident.rule';

export type Audience = 'stakeholders' | 'customers' | 'internal';

interface CommunicationRow {
  id: string;
  audience: Audience;
  message: string;
  author: string;
  logged_at: Date;
}

/** Declaring major incidents by hand, and their communication log. */
@Injectable()
export class MajorIncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly rule: MajorIncidentRule,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async declare(id: string, reason: string, version: number, caller: Principal) {
    return this.dataSource.transaction(async (manager) => {
      const incident = await loadVisibleIncident(manager, id, caller, { locked: true });
      assertVersion(incident, 'Incident', version);
      if (incident.major) {
        throw problem(
          HttpStatus.CONFLICT,
          'already-major',
          'The incident is major already',
          `Incident ${incident.number} was declared major by ${incident.majorDeclaredBy}`,
        );
      }
      if (!isOpen(incident.state)) {
        throw problem(
          HttpStatus.CONFLICT,
          'incident-not-open',
          'Only an open incident can become major',
          `Incident ${incident.number} is ${incident.state}`,
          {
            currentState: incident.state,
            allowedStates: OPEN_STATES,
          },
        );
      }
      const saved = await this.rule.declare(manager, incident, {
        actor: caller.id,
        reason,
        automatic: false,
        now: new Date(),
      });
      return this.incidents.viewOf(manager, saved);
    });
  }

  async log(id: string, entry: { audience: Audience; message: string }, caller: Principal) {
    return this.dataSource.transaction(async (manager) => {
      const incident = await loadVisibleIncident(manager, id, caller, { locked: true });
      if (!mayWork(caller, incident)) {
        throw notWorkingIt('Communications are logged by the people working the incident');
      }
      if (!incident.major) {
        throw problem(
          HttpStatus.CONFLICT,
          'not-major',
          'The incident is not a major incident',
          `Declare incident ${incident.number} major before logging communications`,
          {
            major: false,
          },
        );
      }
      const [row] = (await manager.query(
        `INSERT INTO major_incident_communications (incident_id, audience, message, author)
         VALUES ($1, $2, $3, $4) RETURNING id, audience, message, author, logged_at`,
        [incident.id, entry.audience, entry.message, caller.id],
      )) as CommunicationRow[];
      await this.outbox.publish(manager, majorIncidentCommunication, {
        aggregateId: incident.id,
        data: {
          id: incident.id,
          number: incident.number,
          version: incident.version,
          communicationId: row!.id,
          audience: row!.audience,
          message: row!.message,
          author: row!.author,
          loggedAt: row!.logged_at.toISOString(),
        },
      });
      return communicationView(row!);
    });
  }

  async communications(id: string, caller: Principal) {
    const incident = await loadVisibleIncident(this.dataSource.manager, id, caller);
    // Internal and stakeholder messages are for the people working the incident; callers read what
    // is written for customers.
    const audiences = mayWork(caller, incident)
      ? ['stakeholders', 'customers', 'internal']
      : ['customers'];
    const rows = (await this.dataSource.query(
      `SELECT id, audience, message, author, logged_at FROM major_incident_communications
        WHERE incident_id = $1 AND audience = ANY($2) ORDER BY logged_at, id`,
      [incident.id, audiences],
    )) as CommunicationRow[];
    return { items: rows.map(communicationView) };
  }
}

function communicationView(row: CommunicationRow) {
  return {
    id: row.id,
    audience: row.audience,
    message: row.message,
    author: row.author,
    loggedAt: row.logged_at,
  };
}
