import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  knownErrorPublished,
  problemIncidentLinked,
  problemIncidentUnlinked,
  problemStateChanged,
} from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { resumesWaitingIncidents } from './domain/problem-outcomes';
import { RecordProblemLink } from './use-cases/record-problem-link';
import { ResumeOnFix } from './use-cases/resume-on-fix';
import { ShareWorkaround } from './use-cases/share-workaround';

/**
 * What the incident service takes from problem management's topic: links made on the problem
 * side, known errors' workarounds for the open incidents of the problem, and the fix that resumes
 * the incidents waiting for it (flow 4). One subscription, so that a problem's events apply in order.
 */
@Controller()
export class ProblemEventsController {
  constructor(
    private readonly recordLink: RecordProblemLink,
    private readonly shareWorkaround: ShareWorkaround,
    private readonly resumeOnFix: ResumeOnFix,
  ) {}

  @OnEvent(problemIncidentLinked, { subscription: 'problem' })
  async linked(@Payload() event: EventOf<typeof problemIncidentLinked>, @Ctx() ctx: EventContext) {
    const { id, incidentId, linkedBy } = event.data;
    await this.recordLink.execute(ctx.manager, {
      incidentId,
      problemId: id,
      linked: true,
      actor: linkedBy,
    });
  }

  @OnEvent(problemIncidentUnlinked, { subscription: 'problem' })
  async unlinked(
    @Payload() event: EventOf<typeof problemIncidentUnlinked>,
    @Ctx() ctx: EventContext,
  ) {
    const { id, incidentId, unlinkedBy } = event.data;
    await this.recordLink.execute(ctx.manager, {
      incidentId,
      problemId: id,
      linked: false,
      actor: unlinkedBy,
    });
  }

  @OnEvent(knownErrorPublished, { subscription: 'problem' })
  async knownError(
    @Payload() event: EventOf<typeof knownErrorPublished>,
    @Ctx() ctx: EventContext,
  ) {
    await this.shareWorkaround.execute(ctx.manager, event.data);
  }

  @OnEvent(problemStateChanged, { subscription: 'problem' })
  async stateChanged(
    @Payload() event: EventOf<typeof problemStateChanged>,
    @Ctx() ctx: EventContext,
  ) {
    if (resumesWaitingIncidents(event.data))
      await this.resumeOnFix.execute(ctx.manager, event.data);
  }
}
