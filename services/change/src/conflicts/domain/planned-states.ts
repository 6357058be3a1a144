import type { ChangeState } from '../../changes/domain/change-states';

/**
 * The changes a change can conflict with: those planned to happen (scheduled) or happening. A
 * change still being assessed or authorised has not committed to its window yet; it meets the
 * others when it is scheduled.
 */
export const PLANNED_STATES: readonly ChangeState[] = ['scheduled', 'implement'];
