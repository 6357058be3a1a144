import type { Principal } from '@itsm/auth';
import type { ProblemException } from '@itsm/http';
import type { ChangeState } from './domain/change-states';
import type { Change } from './change.entity';

/**
 * Who may make a move that authorises a change (forward out of Assess or Authorize). The transition
 * use case asks this before every allowed move; the approval policy
 * (`approvals/approval-policy-authorisation.ts`) provides it, without touching the state model.
 */
export abstract class ChangeAuthorisation {
  abstract refusal(
    change: Change,
    to: ChangeState,
    caller: Principal,
  ): ProblemException | undefined;
}
