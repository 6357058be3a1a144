import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ciCreated,
  ciDeleted,
  ciRetired,
  ciStatusChanged,
  ciUpdated,
  impactCalculated,
} from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { withAuditActor } from '@itsm/persistence';
import { OpenIncident } from '../incidents/use-cases/open-incident';
import { RecordImpact } from '../incidents/use-cases/record-impact';
import { NotesService } from '../notes/notes.service';
import { CI_DOWN_URGENCY, CMDB_ACTOR, impactOfCriticality } from './domain/ci-down';
import { CiProjection } from './ci-projection';

/**
 * What the incident service takes from the CMDB's topic: its own copy of the CIs it needs (a
 * projection, never a call to another service), incidents for CIs that go down (flow 1), and the
 * business services an incident's CI impacts (flow 2). One subscription, so that a CI's events are
 * applied in their order.
 */
@Controller()
export class ConfigurationEventsController {
  constructor(
    private readonly projection: CiProjection,
    private readonly openIncident: OpenIncident,
    private readonly recordImpact: RecordImpact,
    private readonly notes: NotesService,
  ) {}

  @OnEvent(ciCreated, { subscription: 'cmdb' })
  async created(@Payload() event: EventOf<typeof ciCreated>, @Ctx() ctx: EventContext) {
    const ci = event.data;
    await this.projection.put(ctx.manager, {
      id: ci.id,
      name: ci.name,
      className: ci.className,
      criticality: ci.criticality,
      operationalStatus: ci.operationalStatus,
      ownerGroup: ci.ownerGroup ?? null,
      version: 1,
    });
  }

  @OnEvent(ciUpdated, { subscription: 'cmdb' })
  async updated(@Payload() event: EventOf<typeof ciUpdated>, @Ctx() ctx: EventContext) {
    await this.projection.applyChanges(
      ctx.manager,
      event.data.id,
      event.data.version,
      event.data.changes,
    );
  }

  @OnEvent(ciRetired, { subscription: 'cmdb' })
  async retired(@Payload() event: EventOf<typeof ciRetired>, @Ctx() ctx: EventContext) {
    await this.projection.applyChanges(ctx.manager, event.data.id, event.data.version, [
      { field: 'operationalStatus', oldValue: event.data.fromStatus, newValue: 'retired' },
    ]);
  }

  @OnEvent(ciDeleted, { subscription: 'cmdb' })
  async deleted(@Payload() event: EventOf<typeof ciDeleted>, @Ctx() ctx: EventContext) {
    await this.projection.markDeleted(ctx.manager, event.data.id);
  }

  @OnEvent(ciStatusChanged, { subscription: 'cmdb' })
  async statusChanged(@Payload() event: EventOf<typeof ciStatusChanged>, @Ctx() ctx: EventContext) {
    const ci = event.data;
    const known = await this.projection.putStatus(ctx.manager, ci);
    // A status the CI has already left (an event overtaken by a newer one) opens nothing.
    if (known && known.version > ci.version) return;
    // The people working the open incidents that name the CI read of the change in a work note.
    const open = await this.projection.openIncidentsOf(ctx.manager, ci.id);
    const note = `CMDB: ${ci.name} went from ${ci.fromStatus} to ${ci.toStatus} at ${ci.changedAt} (reported by ${ci.changedBy}).`;
    for (const incident of open) {
      await this.notes.add(ctx.manager, incident, {
        kind: 'work_note',
        body: note,
        author: CMDB_ACTOR,
      });
    }
    // Not one incident per event, and not a second while monitoring's own is open. Only that one
    // counts (event management correlates to the open alert-raised incident): an incident anybody
    // may raise naming the CI, with any priority and group, must not silence the outage.
    if (ci.toStatus !== 'down' || open.some((incident) => incident.channel === 'monitoring'))
      return;
    await withAuditActor(CMDB_ACTOR, () =>
      this.openIncident.execute(ctx.manager, {
        shortDescription: `${ci.className} ${ci.name} is down`.slice(0, 160),
        description: `Reported down by ${ci.changedBy} at ${ci.changedAt} (was ${ci.fromStatus}).`,
        category: 'infrastructure',
        impact: impactOfCriticality(ci.criticality),
        urgency: CI_DOWN_URGENCY,
        channel: 'monitoring',
        callerId: CMDB_ACTOR,
        openedBy: CMDB_ACTOR,
        assignmentGroup: known?.ownerGroup ?? null,
        assignee: null,
        configurationItemId: ci.id,
        parentId: null,
      }),
    );
  }

  @OnEvent(impactCalculated, { subscription: 'cmdb' })
  async impact(@Payload() event: EventOf<typeof impactCalculated>, @Ctx() ctx: EventContext) {
    if (event.data.recordType !== 'incident') return;
    await this.recordImpact.execute(ctx.manager, event.data.recordId, event.data);
  }
}
