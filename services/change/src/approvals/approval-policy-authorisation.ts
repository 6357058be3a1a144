import { HttpStatus, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal } from '@itsm/auth';
import { problem, type ProblemException } from '@itsm/http';
import { MANAGERS } from '../access';
import { ChangeAuthorisation } from '../changes/change-authorisation';
import { isAuthorisingMove } from '../changes/domain/change-access';
import type { ChangeState } from '../changes/domain/change-states';
import type { Change } from '../changes/change.entity';

/**
 * The approval policy in front of authorising moves: a change manager accepts the assessment
 * (Assess → Authorize: the risk decides which board votes), and a change leaves Authorize only
 * with the approvals its policy needs (`POST /changes/{id}/approvals`), whoever works it.
 */
@Injectable()
export class ApprovalPolicyAuthorisation extends ChangeAuthorisation {
  refusal(change: Change, to: ChangeState, caller: Principal): ProblemException | undefined {
    if (!isAuthorisingMove(change.state, to)) return undefined;
    if (change.state === 'assess') {
      if (hasAnyRole(caller, MANAGERS)) return undefined;
      return problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Your roles do not allow this',
        `Moving change ${change.number} from assess to ${to} accepts its assessment: a change manager decides`,
        { requiredRoles: MANAGERS },
      );
    }
    if (change.approval === 'approved') return undefined;
    return problem(
      HttpStatus.CONFLICT,
      'approval-required',
      'The change is not approved',
      change.approval === 'rejected'
        ? `Change ${change.number} was rejected: send it back to new or cancel it`
        : `Change ${change.number} waits for the approvals its policy needs (GET /api/v1/changes/${change.id}/approvals)`,
      { approval: change.approval },
    );
  }
}
