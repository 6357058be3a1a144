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

/**
 * How long a footprint request waits for the CMDB's answer before it is taken as lost (the request
 * or its answer dead-lettered, a topic reset): the next event near the change then asks again,
 * where a lost request would otherwise stay in flight and keep the change's footprint from ever
 * being refreshed. Longer than a bulk import's backlog keeps the CMDB, so that a slow answer is
 * seldom asked for twice.
 */
export const FOOTPRINT_REQUEST_PATIENCE_MINUTES = 15;

/** Requests made before this instant and still unanswered at `now` are taken as lost. */
export function unansweredRequestsLostBefore(now: Date): Date {
  return new Date(now.getTime() - FOOTPRINT_REQUEST_PATIENCE_MINUTES * 60_000);
}
