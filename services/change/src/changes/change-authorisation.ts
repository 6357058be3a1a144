import { HttpStatus, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal } from '@itsm/auth';
import { problem, type ProblemException } from '@itsm/http';
import { MANAGERS } from '../access';
import { isAuthorisingMove } from './domain/change-access';
import type { ChangeState } from './domain/change-states';
import type { Change } from './change.entity';

/**
 * Who may make a move that authorises a change (forward out of Assess or Authorize). The transition
 * use case asks this before every allowed move; the approval policy (risk, CAB quorum, emergency
 * CAB) replaces the provider without touching the state model or the use case.
 */
export abstract class ChangeAuthorisation {
  abstract refusal(
    change: Change,
    to: ChangeState,
    caller: Principal,
  ): ProblemException | undefined;
}

/** Until approvals exist: a change manager moves a change on from Assess and Authorize. */
@Injectable()
export class ChangeManagerAuthorises extends ChangeAuthorisation {
  refusal(change: Change, to: ChangeState, caller: Principal): ProblemException | undefined {
    if (!isAuthorisingMove(change.state, to) || hasAnyRole(caller, MANAGERS)) return undefined;
    return problem(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Your roles do not allow this',
      `Moving change ${change.number} from ${change.state} to ${to} authorises it: a change manager decides`,
      { requiredRoles: MANAGERS },
    );
  }
}
