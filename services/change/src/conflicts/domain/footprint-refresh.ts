import type { ChangeState } from '../../changes/domain/change-states';

/**
 * The changes whose footprint is computed again when the CMDB's relationships around their CIs
 * change: those that can still be scheduled (New, Assess, Authorize: the conflict check runs when
 * they enter Scheduled) or are scheduled (a move of the window runs it again, and a freeze lists
 * them). From Implement on, the CIs and the window are frozen and no check runs for the change any
 * more: the work is under way, and a fresher footprint would stop nothing.
 */
export const FOOTPRINT_REFRESH_STATES: readonly ChangeState[] = [
  'new',
  'assess',
  'authorize',
  'scheduled',
];
