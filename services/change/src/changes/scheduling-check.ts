import type { Principal } from '@itsm/auth';
import type { EntityManager } from 'typeorm';
import type { Change } from './change.entity';

/** What the check is asked for: a change being scheduled, or a scheduled one whose window moves. */
export interface SchedulingRequest {
  occasion: 'schedule' | 'move';
  /** A change manager's decision to go ahead despite conflicts, with a reason. */
  override?: { reason?: string };
}

/**
 * What a change must pass to be scheduled, besides the state model, and again whenever its window
 * moves while it is scheduled: the transition and the update use cases ask it, in their
 * transaction; the conflict check (`conflicts/conflict-scheduling-check.ts`) provides it. It throws
 * the refusal.
 */
export abstract class SchedulingCheck {
  abstract check(
    manager: EntityManager,
    change: Change,
    request: SchedulingRequest,
    caller: Principal,
    now: Date,
  ): Promise<void>;
}
