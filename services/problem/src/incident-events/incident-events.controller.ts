import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { incidentCreated, incidentStateChanged, incidentUpdated } from '@itsm/contracts';
import { LOCKING_CHUNK_SIZE, OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { DetectRecurringIncidents } from '../detection/detect-recurring-incidents';
import { movesClusters } from '../detection/domain/clusters';
import type { LinkedIncident } from '../linked-incidents/domain/linked-incident';
import { IncidentProjection } from '../linked-incidents/incident-projection';

/**
 * What the problem service takes from the incident topic: its copy of the incidents (their state,
 * CI, category, services and problem, whichever side linked it), and proactive detection on each
 * incident that no problem covers, when it is opened and when its clusters change. One subscription, so that an incident's events apply in order.
 */
@Controller()
export class IncidentEventsController {
  constructor(
    private readonly projection: IncidentProjection,
    private readonly detection: DetectRecurringIncidents,
  ) {}

  @OnEvent(incidentCreated, { subscription: 'incident', chunkSize: LOCKING_CHUNK_SIZE })
  async created(@Payload() event: EventOf<typeof incidentCreated>, @Ctx() ctx: EventContext) {
    const incident = event.data;
    const row = await this.projection.put(ctx.manager, {
      id: incident.id,
      number: incident.number,
      shortDescription: incident.shortDescription,
      state: incident.state,
      category: incident.category ?? null,
      configurationItemId: incident.configurationItemId ?? null,
      serviceIds: [],
      callerId: incident.callerId,
      openedBy: incident.openedBy,
      assignmentGroup: incident.assignmentGroup ?? null,
      assignee: incident.assignee ?? null,
      problemId: null,
      openedAt: new Date(incident.openedAt),
      version: 1,
    });
    await this.detect(ctx, row);
  }

  @OnEvent(incidentUpdated, { subscription: 'incident', chunkSize: LOCKING_CHUNK_SIZE })
  async updated(@Payload() event: EventOf<typeof incidentUpdated>, @Ctx() ctx: EventContext) {
    const { id, version, changes } = event.data;
    const incident = await this.projection.applyChanges(ctx.manager, id, version, changes);
    if (movesClusters(changes.map((change) => change.field))) await this.detect(ctx, incident);
  }

  @OnEvent(incidentStateChanged, { subscription: 'incident', chunkSize: LOCKING_CHUNK_SIZE })
  async stateChanged(
    @Payload() event: EventOf<typeof incidentStateChanged>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, version, toState } = event.data;
    await this.projection.applyState(ctx.manager, id, version, toState);
  }

  /** An update of an incident this service never saw created (or an old one) detects nothing. */
  private async detect(ctx: EventContext, incident: LinkedIncident | undefined) {
    if (incident) await this.detection.execute(ctx.manager, incident);
  }
}
