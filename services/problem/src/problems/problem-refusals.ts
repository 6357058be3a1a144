import { HttpStatus } from '@nestjs/common';
import { problem as problemDetails, type FieldError } from '@itsm/http';
import { MANAGERS } from '../access';
import type { ProblemState } from './domain/problem-states';
import type { Problem } from './problem.entity';

/** The 403 of a caller who may read the problem but is not one of the people working it. */
export function notWorkingIt(problem: Problem) {
  return problemDetails(
    HttpStatus.FORBIDDEN,
    'forbidden',
    'Your roles do not allow this',
    `You may read problem ${problem.number} but only its assignment group, its assignee and problem managers work it`,
    { requiredRoles: ['agent of the assignment group', ...MANAGERS] },
  );
}

/** The 403 of a decision reserved to problem managers, naming the field that asks for it. */
export function managersOnly(detail: string, errors: FieldError[]) {
  return problemDetails(HttpStatus.FORBIDDEN, 'forbidden', 'Your roles do not allow this', detail, {
    requiredRoles: MANAGERS,
    errors,
  });
}

/** 409: the problem's state does not allow this, naming it and the states that would. */
export function wrongState(
  slug: string,
  title: string,
  detail: string,
  currentState: ProblemState,
  states:
    | { allowedNextStates: readonly ProblemState[]; requestedState?: ProblemState }
    | {
        allowedStates: readonly ProblemState[];
      },
) {
  return problemDetails(HttpStatus.CONFLICT, slug, title, detail, { currentState, ...states });
}
