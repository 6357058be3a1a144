import { PROBLEM_STATES } from '@itsm/contracts';
import type { FieldError } from '@itsm/http';

export type ProblemState = (typeof PROBLEM_STATES)[number];

/** ServiceNow's state codes, so that integrators can map records both ways. */
export const STATE_CODES: Record<ProblemState, number> = {
  new: 101,
  assess: 102,
  root_cause_analysis: 103,
  fix_in_progress: 104,
  resolved: 106,
  closed: 107,
};

/** Being worked: analysed, fixed, and (part 2) covering the incidents that recur. */
export const OPEN_STATES: readonly ProblemState[] = [
  'new',
  'assess',
  'root_cause_analysis',
  'fix_in_progress',
];

/** How a problem ended: fixed, lived with, folded into another, or dropped. */
export const RESOLUTION_CODES = ['fix_applied', 'risk_accepted', 'duplicate', 'canceled'] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

/**
 * New → Assess → Root Cause Analysis → Fix in Progress → Resolved → Closed, and any open state →
 * Closed with a resolution code (DOMAIN.md).
 */
const NEXT_STATES: Record<ProblemState, readonly ProblemState[]> = {
  new: ['assess', 'closed'],
  assess: ['root_cause_analysis', 'closed'],
  root_cause_analysis: ['fix_in_progress', 'closed'],
  fix_in_progress: ['resolved', 'closed'],
  resolved: ['closed'],
  closed: [],
};

export function allowedNextStates(from: ProblemState): readonly ProblemState[] {
  return NEXT_STATES[from];
}

export function isOpen(state: ProblemState): boolean {
  return OPEN_STATES.includes(state);
}

export interface TransitionRequest {
  to: ProblemState;
  resolutionCode?: string;
  resolutionNotes?: string;
}

/** What the problem holds that a move depends on. */
export interface TransitionSubject {
  state: ProblemState;
  cause: string | null;
}

export interface IllegalTransition {
  kind: 'illegal';
  from: ProblemState;
  to: ProblemState;
  allowed: readonly ProblemState[];
}

export type TransitionRefusal = IllegalTransition | { kind: 'invalid'; errors: FieldError[] };

/**
 * Why a move may not happen, or undefined when it may. Fixing needs the root cause found; resolving,
 * or closing an open problem, needs a resolution code and notes; closing a resolved one keeps its
 * resolution.
 */
export function transitionRefusal(
  problem: TransitionSubject,
  request: TransitionRequest,
): TransitionRefusal | undefined {
  const allowed = NEXT_STATES[problem.state];
  if (!allowed.includes(request.to)) {
    return { kind: 'illegal', from: problem.state, to: request.to, allowed };
  }
  const errors: FieldError[] = [];
  if (request.to === 'fix_in_progress' && !problem.cause?.trim()) {
    errors.push({
      field: 'cause',
      message: 'Fix in Progress needs the root cause documented first (PATCH cause)',
    });
  }
  if (needsResolution(problem.state, request.to)) {
    if (!isResolutionCode(request.resolutionCode)) {
      errors.push({
        field: 'resolutionCode',
        message: `${request.to === 'resolved' ? 'Resolving' : 'Closing an open problem'} needs a resolution code`,
        allowed: [...RESOLUTION_CODES],
      });
    }
    if (!request.resolutionNotes?.trim()) {
      errors.push({ field: 'resolutionNotes', message: 'Say what was done, or why not' });
    }
  }
  return errors.length > 0 ? { kind: 'invalid', errors } : undefined;
}

/** Resolving, or closing a problem that was never resolved, records how it ended. */
export function needsResolution(from: ProblemState, to: ProblemState): boolean {
  return to === 'resolved' || (to === 'closed' && from !== 'resolved');
}

export function isResolutionCode(value: string | undefined): value is ResolutionCode {
  return value !== undefined && (RESOLUTION_CODES as readonly string[]).includes(value);
}
