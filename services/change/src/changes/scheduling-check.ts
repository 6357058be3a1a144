import type { Principal } from '@itsm/auth';
import type { EntityManager } from 'typeorm';
import type { TransitionRequest } from './domain/change-transition';
import type { Change } from './change.entity';

/**
 * What a change must pass to be scheduled, besides the state model: the transition use case asks it
 * on every move into Scheduled, in the move's transaction; the conflict check
 * (`conflicts/conflict-scheduling-check.ts`) provides it. It throws the refusal.
 */
export abstract class SchedulingCheck {
  abstract check(
    manager: EntityManager,
    change: Change,
    request: TransitionRequest,
    caller: Principal,
    now: Date,
  ): Promise<void>;
}
