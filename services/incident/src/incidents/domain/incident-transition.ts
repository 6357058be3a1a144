import { isReopen, type IncidentState, type TransitionRequest } from './incident-states';

/** What a move in the state model changes on an incident, besides the state itself. */
export interface TransitionFields {
  state: IncidentState;
  onHoldReason: string | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolutionCode: string | null;
  resolutionNotes: string | null;
  closedAt: Date | null;
  reopenCount: number;
}

/**
 * The incident's fields after an allowed move at `now` (`transitionRefusal` has said yes): a reopening
 * counts and forgets the resolution, On Hold keeps its reason and nothing else does, starting work
 * acknowledges, resolving records how and when, closing or canceling records when.
 */
export function applyTransition(
  incident: Readonly<TransitionFields>,
  request: TransitionRequest,
  now: Date,
): TransitionFields {
  const next: TransitionFields = { ...incident, state: request.to };
  if (isReopen(incident.state, request.to)) {
    next.reopenCount += 1;
    next.resolvedAt = null;
    next.resolutionCode = null;
    next.resolutionNotes = null;
  }
  next.onHoldReason = request.to === 'on_hold' ? request.onHoldReason! : null;
  if (request.to === 'in_progress' && !next.acknowledgedAt) next.acknowledgedAt = now;
  if (request.to === 'resolved') {
    next.resolutionCode = request.resolutionCode!;
    next.resolutionNotes = request.resolutionNotes!;
    next.resolvedAt = now;
  }
  if (request.to === 'closed' || request.to === 'canceled') next.closedAt = now;
  return next;
}

/**
 * A parent resolved takes its open children with it, as in ServiceNow: the children of one outage
 * are solved by solving it, with its resolution code. Closing stays each child's own (its caller may
 * still reopen it until then), so only resolving propagates.
 */
export function childResolvedWithParent(
  child: Readonly<TransitionFields>,
  parent: { number: string; resolutionCode: string | null; resolutionNotes: string | null },
  now: Date,
): TransitionFields {
  return applyTransition(
    child,
    {
      to: 'resolved',
      resolutionCode: parent.resolutionCode ?? undefined,
      resolutionNotes: `Resolved with its parent ${parent.number}: ${parent.resolutionNotes}`,
    },
    now,
  );
}

/** Whether a change moves anything an SLA clock depends on: the state, the priority, the acknowledgement. */
export function movesSlaClocks(
  before: { state: IncidentState; priority: number; acknowledgedAt: Date | null },
  after: { state: IncidentState; priority: number; acknowledgedAt: Date | null },
): boolean {
  return (
    before.state !== after.state ||
    before.priority !== after.priority ||
    (before.acknowledgedAt === null) !== (after.acknowledgedAt === null)
  );
}
