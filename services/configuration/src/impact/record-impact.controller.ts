import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  changeCreated,
  changeImpactRequested,
  changeUpdated,
  impactCalculated,
  incidentCreated,
  incidentUpdated,
} from '@itsm/contracts';
import { UUID_PATTERN } from '@itsm/http';
import { OnEvent, Outbox, type EventContext, type EventOf } from '@itsm/messaging';
import { CHANGE_RELATED_WALK, ImpactService } from './impact.service';

/**
 * Flows 2 and 5 of ARCHITECTURE.md: when an incident or a change names CIs, the CMDB answers with
 * the business services they impact, in the same transaction as the inbox row of the event.
 */
@Controller()
export class RecordImpactController {
  constructor(
    private readonly impact: ImpactService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  @OnEvent(incidentCreated, { subscription: 'record-impact' })
  async incidentOpened(
    @Payload() event: EventOf<typeof incidentCreated>,
    @Ctx() ctx: EventContext,
  ) {
    if (event.data.configurationItemId) {
      await this.publish(ctx, 'incident', event.data.id, [event.data.configurationItemId]);
    }
  }

  @OnEvent(incidentUpdated, { subscription: 'record-impact' })
  async incidentChanged(
    @Payload() event: EventOf<typeof incidentUpdated>,
    @Ctx() ctx: EventContext,
  ) {
    const change = event.data.changes.find((c) => c.field === 'configurationItemId');
    if (change) await this.publish(ctx, 'incident', event.data.id, ciIdsIn(change.newValue));
  }

  @OnEvent(changeCreated, { subscription: 'record-impact' })
  async changeRaised(@Payload() event: EventOf<typeof changeCreated>, @Ctx() ctx: EventContext) {
    if (event.data.affectedCiIds.length) {
      await this.publish(ctx, 'change', event.data.id, event.data.affectedCiIds);
    }
  }

  @OnEvent(changeUpdated, { subscription: 'record-impact' })
  async changeChanged(@Payload() event: EventOf<typeof changeUpdated>, @Ctx() ctx: EventContext) {
    const change = event.data.changes.find((c) => c.field === 'affectedCiIds');
    if (change) await this.publish(ctx, 'change', event.data.id, ciIdsIn(change.newValue));
  }

  /** The change service asks again: relationships near the change's CIs moved. */
  @OnEvent(changeImpactRequested, { subscription: 'record-impact' })
  async changeImpactRequested(
    @Payload() event: EventOf<typeof changeImpactRequested>,
    @Ctx() ctx: EventContext,
  ) {
    await this.publish(ctx, 'change', event.data.id, event.data.affectedCiIds);
  }

  /** Answers even when no CI is known, so that the record is not left waiting. */
  private async publish(
    ctx: EventContext,
    recordType: 'incident' | 'change',
    recordId: string,
    ciIds: string[],
  ): Promise<void> {
    const { services, impactedCiCount, unknownCiIds } = await this.impact.servicesImpactedBy(
      ctx.manager,
      ciIds,
    );
    // A change also learns its neighbourhood both ways: what its conflict check looks at.
    const related =
      recordType === 'change'
        ? await this.impact.relatedTo(ciIds).then(({ related, truncated }) => ({
            relatedCis: related,
            relatedDepth: CHANGE_RELATED_WALK.maxDepth,
            relatedTruncated: truncated,
          }))
        : {};
    await this.outbox.publish(ctx.manager, impactCalculated, {
      aggregateId: recordId,
      data: {
        recordType,
        recordId,
        ciIds,
        impactedServices: services,
        impactedCiCount,
        unknownCiIds,
        ...related,
        calculatedAt: new Date().toISOString(),
      },
    });
  }
}

function ciIdsIn(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && UUID_PATTERN.test(v));
}
