import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { changeProvisioningAnswered, ciProvisioningAnswered } from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { RecordProvisioningAnswer } from './record-provisioning-answer';

/** Flow 7's answers: the CMDB's for the CI, the change service's for the standard change. */
@Controller()
export class ProvisioningAnswersController {
  constructor(private readonly record: RecordProvisioningAnswer) {}

  @OnEvent(ciProvisioningAnswered, { subscription: 'provisioning' })
  async ci(@Payload() event: EventOf<typeof ciProvisioningAnswered>, @Ctx() ctx: EventContext) {
    const { requestedItemId, outcome, ciId, ciName, reason } = event.data;
    await this.record.execute(
      ctx.manager,
      requestedItemId,
      { part: 'ci', status: outcome, ciId, ciName, reason },
      new Date(),
    );
  }

  @OnEvent(changeProvisioningAnswered, { subscription: 'provisioning' })
  async change(
    @Payload() event: EventOf<typeof changeProvisioningAnswered>,
    @Ctx() ctx: EventContext,
  ) {
    const { requestedItemId, outcome, changeId, changeNumber, reason } = event.data;
    await this.record.execute(
      ctx.manager,
      requestedItemId,
      { part: 'change', status: outcome, changeId, changeNumber, reason },
      new Date(),
    );
  }
}
