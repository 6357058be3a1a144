import {
  needsResolution,
  type ProblemState,
  type ResolutionCode,
  type TransitionRequest,
} from './problem-states';

/** What a move in the state model changes on a problem, besides the state itself. */
export interface TransitionFields {
  state: ProblemState;
  resolutionCode: ResolutionCode | null;
  resolutionNotes: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/**
 * The problem's fields after an allowed move at `now` (`transitionRefusal` has said yes): resolving
 * records how and when, closing records when (and how, for a problem closed without a fix).
 */
export function applyTransition(
  problem: Readonly<TransitionFields>,
  request: TransitionRequest,
  now: Date,
): TransitionFields {
  const next: TransitionFields = { ...problem, state: request.to };
  if (needsResolution(problem.state, request.to)) {
    next.resolutionCode = request.resolutionCode as ResolutionCode;
    next.resolutionNotes = request.resolutionNotes!.trim();
  }
  if (request.to === 'resolved') next.resolvedAt = now;
  if (request.to === 'closed') next.closedAt = now;
  return next;
}
