import { INCIDENT_STATES } from '@itsm/contracts';
import type { FieldError } from '@itsm/http';

export type IncidentState = (typeof INCIDENT_STATES)[number];

/** ServiceNow's state codes, so that integrators can map records both ways. */
export const STATE_CODES: Record<IncidentState, number> = {
  new: 1,
  in_progress: 2,
  on_hold: 3,
  resolved: 6,
  closed: 7,
  canceled: 8,
};

/** Being worked: a clock can run, children can join, monitoring's repeats go to its work notes. */
export const OPEN_STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold'];
/** The end of the record's life: nothing changes any more. */
export const ENDED_STATES: readonly IncidentState[] = ['closed', 'canceled'];

export const ON_HOLD_REASONS = [
  'awaiting_caller',
  'awaiting_change',
  'awaiting_problem',
  'awaiting_vendor',
] as const;
export type OnHoldReason = (typeof ON_HOLD_REASONS)[number];

export const RESOLUTION_CODES = [
  'solved_permanently',
  'solved_workaround',
  'solved_remotely',
  'not_reproducible',
  'duplicate',
  'resolved_by_caller',
  'resolved_by_change',
  'resolved_by_problem',
] as const;

/**
 * New → In Progress ⇄ On Hold → Resolved → Closed; Canceled from any open state; a resolved
 * incident goes back to In Progress when it is reopened.
 */
const NEXT_STATES: Record<IncidentState, readonly IncidentState[]> = {
  new: ['in_progress', 'on_hold', 'resolved', 'canceled'],
  in_progress: ['on_hold', 'resolved', 'canceled'],
  on_hold: ['in_progress', 'resolved', 'canceled'],
  resolved: ['in_progress', 'closed'],
  closed: [],
  canceled: [],
};

export function allowedNextStates(from: IncidentState): readonly IncidentState[] {
  return NEXT_STATES[from];
}

export interface TransitionRequest {
  to: IncidentState;
  onHoldReason?: string;
  resolutionCode?: string;
  resolutionNotes?: string;
  /** Why a resolved incident is reopened, or why it is canceled. */
  reason?: string;
}

export interface IllegalTransition {
  kind: 'illegal';
  from: IncidentState;
  to: IncidentState;
  allowed: readonly IncidentState[];
}

export type TransitionRefusal = IllegalTransition | { kind: 'invalid'; errors: FieldError[] };

/** Why a transition may not happen, or undefined when it may. */
export function transitionRefusal(
  from: IncidentState,
  request: TransitionRequest,
): TransitionRefusal | undefined {
  const allowed = NEXT_STATES[from];
  if (!allowed.includes(request.to)) return { kind: 'illegal', from, to: request.to, allowed };
  const errors: FieldError[] = [];
  if (request.to === 'on_hold' && !isOneOf(request.onHoldReason, ON_HOLD_REASONS)) {
    errors.push({
      field: 'onHoldReason',
      message: 'On Hold needs a reason',
      allowed: [...ON_HOLD_REASONS],
    });
  }
  if (request.to === 'resolved') {
    if (!isOneOf(request.resolutionCode, RESOLUTION_CODES)) {
      errors.push({
        field: 'resolutionCode',
        message: 'Resolving needs a resolution code',
        allowed: [...RESOLUTION_CODES],
      });
    }
    if (!request.resolutionNotes?.trim()) {
      errors.push({ field: 'resolutionNotes', message: 'Resolving needs resolution notes' });
    }
  }
  if (isReopen(from, request.to) && !request.reason?.trim()) {
    errors.push({ field: 'reason', message: 'Reopening needs a reason' });
  }
  return errors.length > 0 ? { kind: 'invalid', errors } : undefined;
}

export function isReopen(from: IncidentState, to: IncidentState): boolean {
  return from === 'resolved' && to === 'in_progress';
}

export function isOpen(state: IncidentState): boolean {
  return OPEN_STATES.includes(state);
}

export function isEnded(state: IncidentState): boolean {
  return ENDED_STATES.includes(state);
}

function isOneOf<T extends string>(value: string | undefined, values: readonly T[]): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}
