import { HttpStatus } from '@nestjs/common';
import { problem, type FieldError } from '@itsm/http';
import type { IllegalTransition } from './domain/change-transition';
import type { ChangeState } from './domain/change-states';
import type { PlannedEditRefusal } from './domain/planned-edits';
import type { Change } from './change.entity';

export function illegalTransition(number: string, refusal: IllegalTransition) {
  return problem(
    HttpStatus.CONFLICT,
    'illegal-transition',
    'The state model does not allow this move',
    `Change ${number} is ${refusal.from}; it may move to ${refusal.allowed.join(', ') || 'nothing: it has ended'}`,
    {
      currentState: refusal.from,
      requestedState: refusal.to,
      allowedNextStates: refusal.allowed,
    },
  );
}

/** 409: the record lacks what its next state requires (the request itself is fine). */
export function incompleteChange(change: Change, to: ChangeState, missing: FieldError[]) {
  return problem(
    HttpStatus.CONFLICT,
    'change-incomplete',
    'The change lacks fields its next state requires',
    `Change ${change.number} cannot move to ${to} without: ${missing.map((e) => e.field).join(', ')}`,
    { currentState: change.state, requestedState: to, errors: missing },
  );
}

/** 409: the CMDB said it does not know some of the change's CIs (the record must change). */
export function unknownCis(change: Change, to: ChangeState, unknownCiIds: string[]) {
  return problem(
    HttpStatus.CONFLICT,
    'unknown-cis',
    'The CMDB does not know some of the change’s CIs',
    `Change ${change.number} cannot move to ${to}: the CMDB does not know ${unknownCiIds.join(', ')}; remove them from affectedCiIds (or register them) first`,
    {
      currentState: change.state,
      requestedState: to,
      fields: ['affectedCiIds'],
      affectedCiIds: change.affectedCiIds,
      unknownCiIds,
    },
  );
}

export function changeEnded(change: Change) {
  return problem(
    HttpStatus.CONFLICT,
    'change-ended',
    'The change has ended',
    `Change ${change.number} is ${change.state} and cannot change`,
    { currentState: change.state, allowedNextStates: [] },
  );
}

/** The pre-approved content of a standard change is its template's, not its author's. */
export const TEMPLATE_FIELDS = [
  'justification',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
] as const;

export function templateFieldErrors(
  request: Partial<Record<(typeof TEMPLATE_FIELDS)[number], unknown>>,
): FieldError[] {
  return TEMPLATE_FIELDS.filter((field) => request[field] !== undefined).map((field) => ({
    field,
    message: `a standard change keeps its template's ${field}: edit the template instead`,
  }));
}

/** 409: an edit of what a change in Scheduled or Implement was authorised and is trusted for. */
export function plannedEditRefused(change: Change, refusal: PlannedEditRefusal) {
  if (refusal.kind === 'scope-frozen') {
    return problem(
      HttpStatus.CONFLICT,
      'change-scope-frozen',
      'The CIs of a scheduled or implementing change cannot change',
      `Change ${change.number} is ${refusal.state}: its affectedCiIds were assessed and authorised; cancel it and raise a new change for other CIs`,
      { currentState: refusal.state, fields: ['affectedCiIds'] },
    );
  }
  return problem(
    HttpStatus.CONFLICT,
    'change-window-frozen',
    'The planned window of an implementing change cannot change',
    `Change ${change.number} is ${refusal.state}: its ${refusal.fields.join(' and ')} cannot change, since the deployment gate allows deployments in that window; cancel it and raise a new change for another window`,
    { currentState: refusal.state, fields: refusal.fields },
  );
}
