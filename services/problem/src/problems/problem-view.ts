import { allowedNextStates, STATE_CODES } from './domain/problem-states';
import type { Problem } from './problem.entity';

/** A problem as the API shows it, with the moves its state allows. */
export function problemView(problem: Problem) {
  return {
    id: problem.id,
    number: problem.number,
    shortDescription: problem.shortDescription,
    description: problem.description,
    category: problem.category,
    state: problem.state,
    stateCode: STATE_CODES[problem.state],
    allowedNextStates: allowedNextStates(problem.state),
    configurationItemId: problem.configurationItemId,
    serviceId: problem.serviceId,
    assignmentGroup: problem.assignmentGroup,
    assignee: problem.assignee,
    cause: problem.cause,
    causeCategory: problem.causeCategory,
    analysisMethod: problem.analysisMethod,
    analysisNotes: problem.analysisNotes,
    workaround: problem.workaround,
    knownError: problem.knownError,
    knownErrorAt: problem.knownErrorAt,
    knownErrorBy: problem.knownErrorBy,
    resolutionCode: problem.resolutionCode,
    resolutionNotes: problem.resolutionNotes,
    openedBy: problem.openedBy,
    openedAt: problem.openedAt,
    resolvedAt: problem.resolvedAt,
    closedAt: problem.closedAt,
    updatedAt: problem.updatedAt,
    version: problem.version,
  };
}

export type ProblemView = ReturnType<typeof problemView>;
