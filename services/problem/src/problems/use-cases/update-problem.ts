import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { missingDocumentation } from '../../known-errors/domain/known-error-rule';
import { ProblemWriter } from '../problem-writer';
import { wrongState } from '../problem-refusals';
import type { ProblemView } from '../problem-view';
import type { UpdateProblemRequest } from '../problem.dto';

/** The fields a PATCH sets as given; the state, the resolution and the known error have their own use cases. */
const EDITABLE_FIELDS = [
  'shortDescription',
  'description',
  'category',
  'configurationItemId',
  'serviceId',
  'assignmentGroup',
  'assignee',
  'cause',
  'causeCategory',
  'analysisMethod',
  'analysisNotes',
  'workaround',
] as const;

/**
 * Changes a problem's fields, assignment and root-cause documentation. A known error keeps its
 * cause and workaround; changing either publishes it again (`change-events.ts`).
 */
@Injectable()
export class UpdateProblem {
  constructor(private readonly writer: ProblemWriter) {}

  execute(
    id: string,
    request: UpdateProblemRequest,
    version: number,
    caller: Principal,
  ): Promise<ProblemView> {
    return this.writer.change(id, version, caller, async (_manager, problem) => {
      if (problem.state === 'closed') {
        throw wrongState(
          'problem-closed',
          'The problem is closed',
          `Problem ${problem.number} is closed and cannot change`,
          problem.state,
          { allowedNextStates: [] },
        );
      }
      for (const field of EDITABLE_FIELDS) {
        if (request[field] !== undefined)
          (problem as unknown as Record<string, unknown>)[field] = request[field];
      }
      if (problem.knownError) {
        const missing = missingDocumentation(problem);
        if (missing.length > 0) throw validationProblem(missing);
      }
    });
  }
}
