import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ciCreated, ciDeleted, ciUpdated } from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { CiIdentifiers } from './ci-identifiers';

/**
 * Keeps the names and identifiers of the CMDB's CIs that the deployment gate resolves, each event
 * in the transaction of its inbox row; one subscription, so that a CI's events apply in order.
 */
@Controller()
export class CmdbNamesController {
  constructor(private readonly identifiers: CiIdentifiers) {}

  @OnEvent(ciCreated, { subscription: 'gate-cis' })
  async created(@Payload() event: EventOf<typeof ciCreated>, @Ctx() ctx: EventContext) {
    const { id, name, identifiers } = event.data;
    await this.identifiers.put(ctx.manager, id, { name, ...identifiers });
  }

  @OnEvent(ciUpdated, { subscription: 'gate-cis' })
  async updated(@Payload() event: EventOf<typeof ciUpdated>, @Ctx() ctx: EventContext) {
    await this.identifiers.applyChanges(ctx.manager, event.data.id, event.data.changes);
  }

  @OnEvent(ciDeleted, { subscription: 'gate-cis' })
  async deleted(@Payload() event: EventOf<typeof ciDeleted>, @Ctx() ctx: EventContext) {
    await this.identifiers.remove(ctx.manager, event.data.id);
  }
}
