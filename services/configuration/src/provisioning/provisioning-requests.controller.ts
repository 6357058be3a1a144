import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { requestedItemProvisioningRequested } from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { ProvisionCi } from './provision-ci';

/** Flow 7: the catalog's fulfilled requested items that provision a CI. */
@Controller()
export class ProvisioningRequestsController {
  constructor(private readonly provision: ProvisionCi) {}

  @OnEvent(requestedItemProvisioningRequested, { subscription: 'catalog-provisioning' })
  async requested(
    @Payload() event: EventOf<typeof requestedItemProvisioningRequested>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, requestId, ci } = event.data;
    if (!ci) return;
    await this.provision.execute(
      ctx.manager,
      { requestedItemId: id, requestId, ...ci },
      new Date(),
    );
  }
}
