import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { incidentCreated } from '@itsm/contracts';
import { NOTIFY_RELAY, Outbox, outboxInsert } from '@itsm/messaging';
import {
  auditInsert,
  creationAuditLines,
  entityInsert,
  preparedQuery,
  withInsertedNulls,
} from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../../incident-config';
import { priorityOf, type Level } from '../../priority/domain/priority-matrix';
import { CLOCK_ORDER, SlaClocksService, type IncidentSlaRow } from '../../sla/sla-clocks.service';
import { defaultGroupFor } from '../domain/default-routing';
import { incidentEvents } from '../incident-events';
import { Incident, type Channel } from '../incident.entity';
import {
  OPENING_SETTINGS_FINGERPRINT,
  OpeningSettingsCache,
  type OpeningSettings,
} from './opening-settings';

export interface NewIncident {
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
}

export interface OpenedIncident {
  incident: Incident;
  /** Its clocks as stored, for its view (`SlaClocksService.viewsOfRows`). */
  clocks: IncidentSlaRow[];
}

/** Stands for the number in the event until the statement takes one from the sequence. */
const NUMBER_TO_COME = 'INC0000000';

/**
 * Opens an incident (for the API, or flow 1 for a CI that went down): one raised without an
 * assignment group is routed to the default one, its priority comes from the matrix, its history,
 * timeline and SLA clocks start, and `created` is published. All of it is one statement, so the
 * caller may run it in a transaction of its own or alone. The major-incident rule is not applied:
 * it needs a critical business service impacted, and a new incident has none (the CMDB's impact
 * comes later, through `RecordImpact`).
 */
@Injectable()
export class OpenIncident {
  constructor(
    private readonly settings: OpeningSettingsCache,
    private readonly slas: SlaClocksService,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(INCIDENT_CONFIG) private readonly config: IncidentConfig,
  ) {}

  async execute(manager: EntityManager, fields: NewIncident): Promise<OpenedIncident> {
    const now = new Date();
    for (let attempt = 1; ; attempt++) {
      const settings = await this.settings.current(manager);
      const opened = await this.write(manager, fields, now, settings);
      if (opened) return opened;
      this.settings.forget(settings);
      if (attempt === 3) {
        throw new Error(
          'The priority matrix or the SLA definitions changed three times while an incident was opened',
        );
      }
    }
  }

  /** Writes the incident and what comes with it, unless `settings` are no longer in force. */
  private async write(
    manager: EntityManager,
    fields: NewIncident,
    now: Date,
    settings: OpeningSettings,
  ): Promise<OpenedIncident | undefined> {
    const incident = manager.create(Incident, {
      ...fields,
      id: randomUUID(),
      assignmentGroup:
        fields.assignmentGroup ??
        defaultGroupFor(this.config.INCIDENT_ROUTING, this.config.INCIDENT_DEFAULT_GROUP, fields),
      tags: fields.tags ?? [],
      state: 'new',
      priority: priorityOf(settings.matrix, fields.impact, fields.urgency),
      prioritySetBy: null,
      openedAt: now,
      acknowledgedAt: fields.assignee ? now : null,
      impactedServices: [],
      major: false,
      reopenCount: 0,
      version: 1,
    });
    const history = creationAuditLines(Incident, incident);
    const insert = entityInsert(manager, Incident, incident, {
      firstParam: 2,
      condition: `${OPENING_SETTINGS_FINGERPRINT} = $1`,
      returning: 'id, number, created_at, updated_at',
    });
    const audit = auditInsert(history, 2 + insert.params.length, 'i');
    const clocks = this.slas.openingPart(incident, now, settings.definitions, {
      firstParam: 2 + insert.params.length + audit.params.length,
      from: 'i',
    });
    const created = outboxInsert(
      this.outbox.prepare([
        {
          definition: incidentCreated,
          aggregateId: incident.id,
          time: now,
          data: incidentEvents.created({ ...incident, number: NUMBER_TO_COME }),
        },
      ]),
      2 + insert.params.length + audit.params.length + clocks.params.length,
      { from: 'i', payload: "jsonb_build_object('number', i.number)" },
    );
    const rows = await preparedQuery<
      IncidentSlaRow & {
        incident_number: string;
        incident_created_at: Date;
        incident_updated_at: Date;
      }
    >(
      manager,
      `WITH i AS (${insert.sql}), a AS (${audit.sql}), t AS (${clocks.timeline}),
            s AS (${clocks.clocks}), o AS (${created.sql})
       SELECT i.number AS incident_number, i.created_at AS incident_created_at,
              i.updated_at AS incident_updated_at, (SELECT ${NOTIFY_RELAY} FROM o LIMIT 1), c.*
         FROM i LEFT JOIN (${this.slas.clockRowsOf('s')}) c ON true
        ORDER BY ${CLOCK_ORDER('c')}`,
      [
        settings.fingerprint,
        ...insert.params,
        ...audit.params,
        ...clocks.params,
        ...created.params,
      ],
    );
    const [first] = rows;
    if (!first) return undefined;
    incident.number = first.incident_number;
    incident.createdAt = first.incident_created_at;
    incident.updatedAt = first.incident_updated_at;
    return {
      incident: withInsertedNulls(manager, Incident, incident),
      clocks: rows.filter((row) => row.id !== null),
    };
  }
}
