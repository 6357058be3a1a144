import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { impactCalculated, incidentCreated, incidentUpdated } from '@itsm/contracts';
import { UUID_PATTERN } from '@itsm/http';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { IncidentProjection } from './incident-projection';
import { RecordChangeImpact } from './record-change-impact';

/**
 * What risk reads from other services' topics (flow 5): the CMDB's impact answers for changes, and
 * the incidents opened on CIs. Each handler runs in the transaction of the event's inbox row.
 */
@Controller()
export class RiskInputsController {
  constructor(
    private readonly recordImpact: RecordChangeImpact,
    private readonly incidents: IncidentProjection,
  ) {}

  @OnEvent(impactCalculated, { subscription: 'cmdb' })
  async impact(@Payload() event: EventOf<typeof impactCalculated>, @Ctx() ctx: EventContext) {
    const { recordType, recordId, ciIds, impactedServices, impactedCiCount, calculatedAt } =
      event.data;
    if (recordType !== 'change') return;
    await this.recordImpact.execute(ctx.manager, recordId, {
      ciIds,
      impactedServices,
      impactedCiCount,
      unknownCiIds: event.data.unknownCiIds ?? [],
      calculatedAt,
    });
  }

  @OnEvent(incidentCreated, { subscription: 'incidents' })
  async incidentOpened(
    @Payload() event: EventOf<typeof incidentCreated>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, configurationItemId, openedAt } = event.data;
    await this.incidents.put(ctx.manager, {
      id,
      configurationItemId: configurationItemId ?? null,
      openedAt,
    });
  }

  @OnEvent(incidentUpdated, { subscription: 'incidents' })
  async incidentChanged(
    @Payload() event: EventOf<typeof incidentUpdated>,
    @Ctx() ctx: EventContext,
  ) {
    const change = event.data.changes.find((c) => c.field === 'configurationItemId');
    if (!change) return;
    const ci =
      typeof change.newValue === 'string' && UUID_PATTERN.test(change.newValue)
        ? change.newValue
        : null;
    await this.incidents.put(ctx.manager, {
      id: event.data.id,
      configurationItemId: ci,
      openedAt: event.data.changedAt,
    });
  }
}
