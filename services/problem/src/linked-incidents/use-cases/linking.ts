import { recordNotFound, type Principal } from '@itsm/auth';
import type { EntityManager } from 'typeorm';
import { mayWork } from '../../problems/domain/problem-access';
import { notWorkingIt } from '../../problems/problem-refusals';
import type { Problem } from '../../problems/problem.entity';
import { loadVisibleProblem } from '../../problems/visible-problem';
import { mayViewIncident, type LinkedIncident } from '../domain/linked-incident';
import type { IncidentProjection } from '../incident-projection';

/**
 * The problem the caller works and the incident they can see, both locked: an incident they cannot
 * see is a 404, as if it did not exist (so is one the incident events have not brought yet), before
 * their right to work the problem is asked.
 */
export async function problemAndIncident(
  manager: EntityManager,
  projection: IncidentProjection,
  ids: { problemId: string; incidentId: string },
  caller: Principal,
): Promise<{ problem: Problem; incident: LinkedIncident }> {
  const problem = await loadVisibleProblem(manager, ids.problemId, caller, { locked: true });
  const incident = await projection.find(manager, ids.incidentId, { locked: true });
  if (!incident || !mayViewIncident(caller, incident)) {
    throw recordNotFound('Incident', ids.incidentId);
  }
  if (!mayWork(caller, problem)) throw notWorkingIt(problem);
  return { problem, incident };
}
