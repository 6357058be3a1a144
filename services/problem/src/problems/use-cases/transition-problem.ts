import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { resolutionRefusals } from '../domain/problem-access';
import {
  needsResolution,
  transitionRefusal,
  type TransitionRequest,
} from '../domain/problem-states';
import { applyTransition } from '../domain/problem-transition';
import { managersOnly, wrongState } from '../problem-refusals';
import type { ProblemView } from '../problem-view';
import { ProblemWriter } from '../problem-writer';

/** Moves a problem in its state model, with the effects `applyTransition` gives the move. */
@Injectable()
export class TransitionProblem {
  constructor(private readonly writer: ProblemWriter) {}

  execute(
    id: string,
    request: TransitionRequest,
    version: number,
    caller: Principal,
  ): Promise<ProblemView> {
    return this.writer.change(id, version, caller, async (_manager, problem, now) => {
      const refusal = transitionRefusal(problem, request);
      if (refusal?.kind === 'illegal') {
        throw wrongState(
          'illegal-transition',
          'The state model does not allow this move',
          `Problem ${problem.number} is ${refusal.from}; it may move to ${refusal.allowed.join(', ') || 'nothing: it is closed'}`,
          refusal.from,
          { requestedState: refusal.to, allowedNextStates: refusal.allowed },
        );
      }
      if (refusal) throw validationProblem(refusal.errors);
      if (needsResolution(problem.state, request.to)) {
        const refused = resolutionRefusals(caller, request.resolutionCode);
        if (refused.length > 0) {
          throw managersOnly(
            `Only problem managers end a problem as ${request.resolutionCode}`,
            refused,
          );
        }
      }
      Object.assign(problem, applyTransition(problem, request, now));
    });
  }
}
