import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { impactCalculated } from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { RecordFootprint } from './record-footprint';

/**
 * The CMDB's answers for changes, read for their footprint (a subscription of its own beside risk's,
 * so that neither waits for the other). Runs in the transaction of the event's inbox row.
 */
@Controller()
export class FootprintInputsController {
  constructor(private readonly record: RecordFootprint) {}

  @OnEvent(impactCalculated, { subscription: 'cmdb-footprint' })
  async impact(@Payload() event: EventOf<typeof impactCalculated>, @Ctx() ctx: EventContext) {
    const { recordType, recordId, ciIds, impactedServices, calculatedAt } = event.data;
    if (recordType !== 'change') return;
    await this.record.execute(ctx.manager, {
      changeId: recordId,
      ciIds,
      related: event.data.relatedCis ?? [],
      serviceIds: impactedServices.map((service) => service.id),
      depth: event.data.relatedDepth ?? 0,
      truncated: event.data.relatedTruncated ?? false,
      calculatedAt: new Date(calculatedAt),
    });
  }
}
