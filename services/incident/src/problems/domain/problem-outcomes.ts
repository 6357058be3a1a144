import type { IncidentState } from '../../incidents/domain/incident-states';

/** Who writes what problem management sends to an incident. */
export const PROBLEM_ACTOR = 'system:problem-management';

/** The work note that brings a known error's workaround to an open incident of the problem. */
export function workaroundNote(knownError: {
  number: string;
  shortDescription: string;
  cause: string;
  workaround: string;
}): string {
  return [
    `Known error ${knownError.number}: ${knownError.shortDescription}`,
    `Cause: ${knownError.cause}`,
    `Workaround: ${knownError.workaround}`,
  ].join('\n');
}

/**
 * Flow 4: a problem resolved with its fix applied resumes the incidents that waited for it. They
 * resume (In Progress) rather than resolve: the fix removes the cause, but whether each caller's
 * service is back is the incident's own resolution to record, with its own code and notes.
 */
export const resumesWaitingIncidents = (move: { toState: string; reason?: string }) =>
  move.toState === 'resolved' && move.reason === 'fix_applied';

export const waitsForProblem = (incident: { state: IncidentState; onHoldReason: string | null }) =>
  incident.state === 'on_hold' && incident.onHoldReason === 'awaiting_problem';

export function fixAppliedNote(problemNumber: string): string {
  return `Problem ${problemNumber} was resolved with its fix applied: this incident no longer waits for it. Confirm that service is restored, then resolve it.`;
}
