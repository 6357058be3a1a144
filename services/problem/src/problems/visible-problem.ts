import { recordNotFound, type Principal } from '@itsm/auth';
import type { EntityManager } from 'typeorm';
import { mayView } from './domain/problem-access';
import { Problem, PROBLEM_ROW_LOCK } from './problem.entity';

/**
 * The problem when the caller may see it, else the 404 of a missing one. `locked` takes it for a
 * change.
 */
export async function loadVisibleProblem(
  manager: EntityManager,
  id: string,
  caller: Principal,
  { locked = false } = {},
): Promise<Problem> {
  const problem = await manager.findOne(Problem, {
    where: { id },
    ...(locked && { lock: { mode: PROBLEM_ROW_LOCK } }),
  });
  if (!problem || !mayView(caller)) throw recordNotFound('Problem', id);
  return problem;
}
