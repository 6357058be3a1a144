import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import {
  applyTransition,
  transitionRefusal,
  type TransitionRequest,
} from '../domain/change-transition';
import { ChangeAuthorisation } from '../change-authorisation';
import { illegalTransition, incompleteChange } from '../change-refusals';
import type { ChangeView } from '../change-view';
import { ChangeWriter } from '../change-writer';

/**
 * Moves a change in the state model of its type: the move must be allowed, the request complete
 * (close code, reasons), the change have what the next state requires, and an authorising move
 * pass `ChangeAuthorisation`.
 */
@Injectable()
export class TransitionChange {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly authorisation: ChangeAuthorisation,
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
      async (_manager, change, now) => {
        const refusal = transitionRefusal(change, request);
        if (refusal?.kind === 'illegal') throw illegalTransition(change.number, refusal);
        if (refusal?.kind === 'invalid') throw validationProblem(refusal.errors);
        if (refusal?.kind === 'incomplete')
          throw incompleteChange(change, refusal.to, refusal.missing);
        const refused = this.authorisation.refusal(change, request.to, caller);
        if (refused) throw refused;
        Object.assign(change, applyTransition(change, request, now));
      },
      { reason: request.reason },
    );
  }
}
