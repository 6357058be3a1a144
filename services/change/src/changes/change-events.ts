import {
  changeClosed,
  changeCreated,
  changeRiskAssessed,
  changeStateChanged,
  changeUpdated,
  type EventData,
} from '@itsm/contracts';
import type { Outbox } from '@itsm/messaging';
import { fieldChanges } from '@itsm/persistence';
import type { Change } from './change.entity';

type OutboxEvent = Parameters<Outbox['publishMany']>[1][number];

const optional = <T>(value: T | null): T | undefined => value ?? undefined;
/** Fields whose change is its own event, or no news to anybody. */
const NOT_IN_UPDATED_EVENT = new Set([
  'state',
  'updatedAt',
  'version',
  'createdAt',
  // The assessment is its own event (risk_assessed); `risk` itself stays news in `updated`.
  'riskFactors',
  'riskScore',
  'riskAssessedAt',
  'impact',
  'approvalRound',
]);

export interface ChangeCircumstances {
  actor: string;
  now: Date;
  /** Why the state changed (a cancellation, a change sent back); the close code when it closes. */
  reason?: string;
}

/** Event data of a new change, built from the saved record so that the event matches it. */
export function createdEvent(c: Change): OutboxEvent {
  const data: EventData<typeof changeCreated> = {
    id: c.id,
    number: c.number,
    type: c.type,
    shortDescription: c.shortDescription,
    description: optional(c.description),
    state: c.state,
    plannedStart: c.plannedStart?.toISOString(),
    plannedEnd: c.plannedEnd?.toISOString(),
    affectedCiIds: c.affectedCiIds,
    templateId: optional(c.templateId),
    templateVersion: optional(c.templateVersion),
    assignmentGroup: optional(c.assignmentGroup),
    requestedBy: c.requestedBy,
    openedAt: c.openedAt.toISOString(),
  };
  return { definition: changeCreated, aggregateId: c.id, data };
}

/**
 * `updated` for plain fields, then `state_changed` for a move (with the close code as reason) and
 * `closed` when it closes, then `risk_assessed` when the change was (re)assessed.
 */
export function changeEvents(
  before: Change,
  after: Change,
  { actor, now, reason }: ChangeCircumstances,
): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  const aggregateId = after.id;
  const at = now.toISOString();
  const changes = fieldChanges({ ...before }, { ...after }, NOT_IN_UPDATED_EVENT);
  if (changes.length > 0) events.push(updatedEvent(after, changes, actor, at));
  if (before.state !== after.state) {
    const data: EventData<typeof changeStateChanged> = {
      id: after.id,
      number: after.number,
      version: after.version,
      fromState: before.state,
      toState: after.state,
      reason: after.state === 'closed' ? after.closeCode! : reason,
      changedBy: actor,
      changedAt: at,
    };
    events.push({ definition: changeStateChanged, aggregateId, data });
    if (after.state === 'closed') events.push(closedEvent(after, actor));
  }
  if (after.riskAssessedAt && after.riskAssessedAt.getTime() !== before.riskAssessedAt?.getTime()) {
    events.push(riskAssessedEvent(after));
  }
  return events;
}

type FieldChange = EventData<typeof changeUpdated>['changes'][number];

function updatedEvent(
  c: Pick<Change, 'id' | 'number' | 'version'>,
  changes: readonly FieldChange[],
  actor: string,
  at: string,
): OutboxEvent {
  const data: EventData<typeof changeUpdated> = {
    id: c.id,
    number: c.number,
    version: c.version,
    changedBy: actor,
    changedAt: at,
    changes: changes.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue })),
  };
  return { definition: changeUpdated, aggregateId: c.id, data };
}

function riskAssessedEvent(c: Change): OutboxEvent {
  const data: EventData<typeof changeRiskAssessed> = {
    id: c.id,
    number: c.number,
    version: c.version,
    risk: c.risk!,
    score: c.riskScore!,
    factors: c.riskFactors!,
    affectedCiIds: c.affectedCiIds,
    assessedAt: c.riskAssessedAt!.toISOString(),
  };
  return { definition: changeRiskAssessed, aggregateId: c.id, data };
}

/** Flow 6: how the change went, on which CIs and when, for the CMDB's history and the incident service. */
function closedEvent(c: Change, actor: string): OutboxEvent {
  const iso = (date: Date | null) => date?.toISOString();
  const data: EventData<typeof changeClosed> = {
    id: c.id,
    number: c.number,
    type: c.type,
    closeCode: c.closeCode!,
    closeNotes: c.closeNotes ?? '',
    affectedCiIds: c.affectedCiIds,
    plannedStart: iso(c.plannedStart),
    plannedEnd: iso(c.plannedEnd),
    actualStart: iso(c.actualStart),
    actualEnd: iso(c.actualEnd),
    closedBy: actor,
    closedAt: c.closedAt!.toISOString(),
  };
  return { definition: changeClosed, aggregateId: c.id, data };
}
