import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { ProblemWriter } from '../../problems/problem-writer';
import { wrongState } from '../../problems/problem-refusals';
import type { ProblemView } from '../../problems/problem-view';
import { knownErrorRefusal } from '../domain/known-error-rule';
import type { PublishKnownErrorRequest } from '../known-error.dto';

/**
 * Publishes a problem in the known-error database with its root cause and workaround (given here,
 * or documented before): `known_error.published` tells the incidents' side. Publishing again with
 * nothing new changes nothing and announces nothing.
 */
@Injectable()
export class PublishKnownError {
  constructor(private readonly writer: ProblemWriter) {}

  execute(
    id: string,
    request: PublishKnownErrorRequest,
    version: number,
    caller: Principal,
  ): Promise<ProblemView> {
    return this.writer.change(id, version, caller, async (_manager, problem, now) => {
      const documented = {
        cause: request.cause ?? problem.cause,
        workaround: request.workaround ?? problem.workaround,
      };
      const refusal = knownErrorRefusal(problem.state, documented);
      if (refusal?.kind === 'state') {
        throw wrongState(
          'known-error-not-allowed',
          'The problem cannot be a known error in its state',
          `Problem ${problem.number} is ${refusal.state}; a known error is published in ${refusal.allowed.join(' or ')}`,
          refusal.state,
          { allowedStates: refusal.allowed },
        );
      }
      if (refusal) throw validationProblem(refusal.errors);
      Object.assign(problem, documented);
      if (request.causeCategory !== undefined) problem.causeCategory = request.causeCategory;
      if (!problem.knownError) {
        problem.knownError = true;
        problem.knownErrorAt = now;
        problem.knownErrorBy = caller.id;
      }
    });
  }
}
