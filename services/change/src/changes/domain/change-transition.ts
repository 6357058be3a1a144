import { CHANGE_CLOSE_CODES } from '@itsm/contracts';
import type { FieldError } from '@itsm/http';
import { missingFields, type PlannedWork } from './change-requirements';
import { allowedNextStates, isSentBack, type ChangeState, type ChangeType } from './change-states';

/** How a change went, as `change.closed` announces it. */
export const CLOSE_CODES = CHANGE_CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[number];

export interface TransitionRequest {
  to: ChangeState;
  closeCode?: string;
  closeNotes?: string;
  /** Why it is canceled or sent back to New; free words on any other move. */
  reason?: string;
  /** Into Scheduled: schedule despite the conflicts, for this reason (a change manager's call). */
  override?: { reason?: string };
}

/** What a move in the state model changes on a change, besides the state itself. */
export interface TransitionFields {
  state: ChangeState;
  actualStart: Date | null;
  actualEnd: Date | null;
  closeCode: CloseCode | null;
  closeNotes: string | null;
  cancelReason: string | null;
  closedAt: Date | null;
}

export interface IllegalTransition {
  kind: 'illegal';
  from: ChangeState;
  to: ChangeState;
  allowed: ChangeState[];
}

/** The change lacks fields its next state requires: the record, not the request, must change. */
export interface IncompleteChange {
  kind: 'incomplete';
  to: ChangeState;
  missing: FieldError[];
}

export type TransitionRefusal =
  IllegalTransition | IncompleteChange | { kind: 'invalid'; errors: FieldError[] };

/** Why a change may not make the move, or undefined when the state model allows it. */
export function transitionRefusal(
  change: { type: ChangeType; state: ChangeState } & PlannedWork,
  request: TransitionRequest,
): TransitionRefusal | undefined {
  const allowed = allowedNextStates(change.type, change.state);
  if (!allowed.includes(request.to)) {
    return { kind: 'illegal', from: change.state, to: request.to, allowed };
  }
  const errors = requestErrors(change.state, request);
  if (errors.length > 0) return { kind: 'invalid', errors };
  const missing = missingFields(request.to, change);
  return missing.length > 0 ? { kind: 'incomplete', to: request.to, missing } : undefined;
}

function requestErrors(from: ChangeState, request: TransitionRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (request.to === 'closed') {
    if (!(CLOSE_CODES as readonly unknown[]).includes(request.closeCode)) {
      errors.push({
        field: 'closeCode',
        message: 'Closing needs a close code',
        allowed: [...CLOSE_CODES],
      });
    }
    if (!request.closeNotes?.trim()) {
      errors.push({ field: 'closeNotes', message: 'Closing needs close notes' });
    }
  }
  if (request.to === 'canceled' && !request.reason?.trim()) {
    errors.push({ field: 'reason', message: 'Canceling needs a reason' });
  }
  if (isSentBack(from, request.to) && !request.reason?.trim()) {
    errors.push({ field: 'reason', message: `Sending a change back from ${from} needs a reason` });
  }
  return errors;
}

/**
 * The change's fields after an allowed move at `now`: implementing records when the work started,
 * review when it ended, closing how it went, canceling why; both end its life.
 */
export function applyTransition(
  change: Readonly<TransitionFields>,
  request: TransitionRequest,
  now: Date,
): TransitionFields {
  const next: TransitionFields = { ...change, state: request.to };
  if (request.to === 'implement') next.actualStart = now;
  if (request.to === 'review') next.actualEnd = now;
  if (request.to === 'closed') {
    next.closeCode = request.closeCode as CloseCode;
    next.closeNotes = request.closeNotes!;
  }
  if (request.to === 'canceled') next.cancelReason = request.reason!;
  if (request.to === 'closed' || request.to === 'canceled') next.closedAt = now;
  return next;
}
