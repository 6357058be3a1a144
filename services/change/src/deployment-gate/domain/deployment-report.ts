import type { ChangeState } from '../../changes/domain/change-states';

/** A deployment runs while the change is implemented; its outcome may arrive once it is in Review. */
export const REPORTING_STATES: readonly ChangeState[] = ['implement', 'review'];

export type DeploymentReport =
  | { accepted: true; ciIds: string[] }
  | { accepted: false; kind: 'not-implementing'; state: ChangeState }
  | { accepted: false; kind: 'foreign-cis'; foreign: string[] };

/**
 * Whether a pipeline may report a deployment on the change, and the CIs it is recorded on: those
 * named (each among the change's), or all of the change's.
 */
export function deploymentReport(
  change: { state: ChangeState; affectedCiIds: readonly string[] },
  requestedCiIds: readonly string[] | undefined,
): DeploymentReport {
  if (!REPORTING_STATES.includes(change.state)) {
    return { accepted: false, kind: 'not-implementing', state: change.state };
  }
  const ciIds = requestedCiIds?.map((ciId) => ciId.toLowerCase()) ?? [...change.affectedCiIds];
  const foreign = ciIds.filter((ciId) => !change.affectedCiIds.includes(ciId));
  if (foreign.length > 0) return { accepted: false, kind: 'foreign-cis', foreign };
  return { accepted: true, ciIds };
}
