import { sameCis } from '../../risk/domain/impact-match';
import type { ChangeState } from './change-states';

/** The CMDB's answer as the change keeps it: for which CIs, and which of them it does not know. */
export interface CiAnswer {
  ciIds: readonly string[];
  /** Absent from answers made before the CMDB named unknown CIs: then none is known to be unknown. */
  unknownCiIds?: readonly string[];
}

/**
 * The moves that take a change on towards its work (into Assess, Authorize or Scheduled, whatever
 * its type): a change naming CIs the CMDB does not know must not go on with them.
 */
const CHECKED_MOVES: readonly ChangeState[] = ['assess', 'authorize', 'scheduled'];

/**
 * The CIs of the change the CMDB said it does not know, if the move to `to` must be refused for
 * them. Only the answer for exactly the change's current CIs counts; with no such answer yet the
 * move goes ahead (the CMDB answers by event; the view shows the answer when it arrives).
 */
export function unknownCisBlocking(
  change: { affectedCiIds: readonly string[]; impact: CiAnswer | null },
  to: ChangeState,
): string[] {
  if (!CHECKED_MOVES.includes(to)) return [];
  const { impact, affectedCiIds } = change;
  if (!impact || !sameCis(impact.ciIds, affectedCiIds)) return [];
  return [...(impact.unknownCiIds ?? [])];
}
