import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem, validationProblem } from '@itsm/http';
import { applyTransition } from '../domain/incident-transition';
import {
  transitionRefusal,
  type IllegalTransition,
  type TransitionRequest,
} from '../domain/incident-states';
import { callerMayMove, mayWork } from '../domain/incident-access';
import type { IncidentView } from '../incident-view';
import { changeNotAllowed, IncidentWriter } from '../incident-writer';

/** Moves an incident in its state model, with the effects `applyTransition` gives the move. */
@Injectable()
export class TransitionIncident {
  constructor(private readonly writer: IncidentWriter) {}

  execute(
    id: string,
    request: TransitionRequest,
    version: number,
    caller: Principal,
  ): Promise<IncidentView> {
    // The state model is checked before the caller's rights: whoever sees the incident learns why
    // a move is impossible, and only a possible move can be refused to them.
    return this.writer.change(
      id,
      version,
      caller,
      async (_manager, incident, now) => {
        const refusal = transitionRefusal(incident.state, request);
        if (refusal?.kind === 'illegal') throw illegal(incident.number, refusal);
        if (refusal) throw validationProblem(refusal.errors);
        if (!mayWork(caller, incident) && !callerMayMove(caller, incident, request.to)) {
          throw changeNotAllowed(incident);
        }
        Object.assign(incident, applyTransition(incident, request, now));
      },
      { mayChange: () => true, reason: request.reason ?? undefined },
    );
  }
}

function illegal(number: string, refusal: IllegalTransition) {
  return problem(
    HttpStatus.CONFLICT,
    'illegal-transition',
    'The state model does not allow this move',
    `Incident ${number} is ${refusal.from}; it may move to ${refusal.allowed.join(', ') || 'nothing: it has ended'}`,
    {
      currentState: refusal.from,
      requestedState: refusal.to,
      allowedNextStates: refusal.allowed,
    },
  );
}
