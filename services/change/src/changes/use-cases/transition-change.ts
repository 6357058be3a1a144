import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import {
  applyTransition,
  transitionRefusal,
  type TransitionRequest,
} from '../domain/change-transition';
import { unknownCisBlocking } from '../domain/unknown-cis';
import { ChangeAuthorisation } from '../change-authorisation';
import { illegalTransition, incompleteChange, unknownCis } from '../change-refusals';
import type { ChangeView } from '../change-view';
import { ChangeWriter } from '../change-writer';
import { SchedulingCheck } from '../scheduling-check';
import { RiskAssessor } from '../../risk/risk-assessor';

/**
 * Moves a change in the state model of its type: the move must be allowed, the request complete
 * (close code, reasons), the change have what the next state requires, an authorising move pass
 * `ChangeAuthorisation`, a move into Assess, Authorize or Scheduled find no CI the CMDB said it does
 * not know, and a move into Scheduled pass the `SchedulingCheck` (conflicts). Entering
 * Assess assesses the risk; entering Authorize asks for votes.
 */
@Injectable()
export class TransitionChange {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly authorisation: ChangeAuthorisation,
    private readonly risk: RiskAssessor,
    private readonly scheduling: SchedulingCheck,
  ) {}

  execute(
    id: string,
    request: TransitionRequest,
    version: number,
    caller: Principal,
  ): Promise<ChangeView> {
    return this.writer.change(
      id,
      version,
      caller,
      async (manager, change, now) => {
        const refusal = transitionRefusal(change, request);
        if (refusal?.kind === 'illegal') throw illegalTransition(change.number, refusal);
        if (refusal?.kind === 'invalid') throw validationProblem(refusal.errors);
        if (refusal?.kind === 'incomplete')
          throw incompleteChange(change, refusal.to, refusal.missing);
        const refused = this.authorisation.refusal(change, request.to, caller);
        if (refused) throw refused;
        const unknown = unknownCisBlocking(change, request.to);
        if (unknown.length > 0) throw unknownCis(change, request.to, unknown);
        if (request.to === 'scheduled') {
          const { override } = request;
          await this.scheduling.check(
            manager,
            change,
            { occasion: 'schedule', override },
            caller,
            now,
          );
        }
        const from = change.state;
        Object.assign(change, applyTransition(change, request, now));
        // Entering Authorize opens a round of votes; the board follows from the risk.
        if (request.to === 'authorize') {
          change.approval = 'requested';
          change.approvalRound += 1;
        }
        // Submitted for assessment (an emergency skips Assess and is assessed on its way in).
        if (request.to === 'assess' || (request.to === 'authorize' && from === 'new')) {
          await this.risk.assess(manager, change, now);
        }
      },
      { reason: request.reason },
    );
  }
}
