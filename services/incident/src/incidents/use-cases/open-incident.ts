import { Inject, Injectable } from '@nestjs/common';
import { incidentCreated } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import { INCIDENT_CONFIG, type IncidentConfig } from '../../incident-config';
import { MajorIncidentRule } from '../../major/major-incident.rule';
import { priorityOf, type Level } from '../../priority/domain/priority-matrix';
import { PriorityMatrixService } from '../../priority/priority-matrix.service';
import { SlaClocksService } from '../../sla/sla-clocks.service';
import { defaultGroupFor } from '../domain/default-routing';
import { incidentEvents } from '../incident-events';
import { Incident, type Channel } from '../incident.entity';

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

/**
 * Opens an incident in the caller's transaction (the API, or flow 1 for a CI that went down): one
 * raised without an assignment group is routed to the default one, its priority comes from the matrix, its timeline and SLA clocks start, the major-incident rule is
 * applied, and `created` is published.
 */
@Injectable()
export class OpenIncident {
  constructor(
    private readonly matrix: PriorityMatrixService,
    private readonly slas: SlaClocksService,
    private readonly majorRule: MajorIncidentRule,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(INCIDENT_CONFIG) private readonly config: IncidentConfig,
  ) {}

  async execute(manager: EntityManager, fields: NewIncident): Promise<Incident> {
    const now = new Date();
    const matrix = await this.matrix.current(manager);
    const incident = manager.create(Incident, {
      ...fields,
      assignmentGroup:
        fields.assignmentGroup ??
        defaultGroupFor(this.config.INCIDENT_ROUTING, this.config.INCIDENT_DEFAULT_GROUP, fields),
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
}
