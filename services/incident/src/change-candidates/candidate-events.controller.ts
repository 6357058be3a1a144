import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { changeClosed, incidentCreated, incidentUpdated } from '@itsm/contracts';
import { LOCKING_CHUNK_SIZE, OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { LinkChangeCandidates } from './use-cases/link-change-candidates';

/**
 * Flow 6's two sides, each in the transaction of its inbox row: an unsuccessful change announced
 * links the incidents already on its CIs; an incident opened on a CI, or moved to one, afterwards
 * (this service's own events, read back) links the changes already announced.
 */
@Controller()
export class CandidateEventsController {
  constructor(private readonly link: LinkChangeCandidates) {}

  @OnEvent(changeClosed, { subscription: 'change-candidates', chunkSize: LOCKING_CHUNK_SIZE })
  async changeClosed(@Payload() event: EventOf<typeof changeClosed>, @Ctx() ctx: EventContext) {
    await this.link.forChange(ctx.manager, event.data);
  }

  @OnEvent(incidentCreated, { subscription: 'change-candidates', chunkSize: LOCKING_CHUNK_SIZE })
  async incidentOpened(
    @Payload() event: EventOf<typeof incidentCreated>,
    @Ctx() ctx: EventContext,
  ) {
    if (event.data.configurationItemId) await this.link.forIncident(ctx.manager, event.data.id);
  }

  @OnEvent(incidentUpdated, { subscription: 'change-candidates', chunkSize: LOCKING_CHUNK_SIZE })
  async incidentChanged(
    @Payload() event: EventOf<typeof incidentUpdated>,
    @Ctx() ctx: EventContext,
  ) {
    if (event.data.changes.some((change) => change.field === 'configurationItemId')) {
      await this.link.forIncident(ctx.manager, event.data.id);
    }
  }
}
