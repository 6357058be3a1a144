import {
  incidentAssigned,
  incidentClosed,
  incidentCreated,
  incidentPriorityChanged,
  incidentReopened,
  incidentResolved,
  incidentStateChanged,
  incidentUpdated,
  type EventData,
} from '@itsm/contracts';
import type { FieldChange } from '@itsm/persistence';
import type { Incident } from './incident.entity';
import type { IncidentState } from './domain/incident-states';

const optional = <T>(value: T | null): T | undefined => value ?? undefined;

/** Event data of an incident's changes, built from the saved record so that events match it. */
export const incidentEvents = {
  created: (i: Incident): EventData<typeof incidentCreated> => ({
    id: i.id,
    number: i.number,
    shortDescription: i.shortDescription,
    description: optional(i.description),
    state: i.state,
    impact: i.impact,
    urgency: i.urgency,
    priority: i.priority,
    category: optional(i.category),
    callerId: i.callerId,
    openedBy: i.openedBy,
    openedAt: i.openedAt.toISOString(),
    assignmentGroup: optional(i.assignmentGroup),
    assignee: optional(i.assignee),
    configurationItemId: optional(i.configurationItemId),
    major: i.major,
    parentId: optional(i.parentId),
    channel: i.channel,
    tags: i.tags,
  }),

  updated: (
    i: Incident,
    actor: string,
    at: Date,
    changes: FieldChange[],
  ): EventData<typeof incidentUpdated> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    changedBy: actor,
    changedAt: at.toISOString(),
    changes: changes.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue })),
  }),

  stateChanged: (
    i: Incident,
    from: IncidentState,
    actor: string,
    at: Date,
    reason: string | undefined,
  ): EventData<typeof incidentStateChanged> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    fromState: from,
    toState: i.state,
    reason,
    changedBy: actor,
    changedAt: at.toISOString(),
  }),

  assigned: (
    i: Incident,
    before: Pick<Incident, 'assignmentGroup' | 'assignee'>,
    actor: string,
    at: Date,
  ): EventData<typeof incidentAssigned> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    fromGroup: before.assignmentGroup,
    toGroup: i.assignmentGroup,
    fromAssignee: before.assignee,
    toAssignee: i.assignee,
    changedBy: actor,
    changedAt: at.toISOString(),
  }),

  priorityChanged: (
    i: Incident,
    from: number,
    actor: string,
    at: Date,
  ): EventData<typeof incidentPriorityChanged> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    fromPriority: from,
    toPriority: i.priority,
    impact: i.impact,
    urgency: i.urgency,
    changedBy: actor,
    changedAt: at.toISOString(),
  }),

  resolved: (i: Incident, actor: string): EventData<typeof incidentResolved> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    resolutionCode: i.resolutionCode!,
    resolutionNotes: i.resolutionNotes!,
    resolvedBy: actor,
    resolvedAt: i.resolvedAt!.toISOString(),
  }),

  closed: (
    i: Incident,
    actor: string,
    automatically: boolean,
  ): EventData<typeof incidentClosed> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    automatically,
    closedBy: actor,
    closedAt: i.closedAt!.toISOString(),
  }),

  reopened: (
    i: Incident,
    actor: string,
    at: Date,
    reason: string,
  ): EventData<typeof incidentReopened> => ({
    id: i.id,
    number: i.number,
    version: i.version,
    reason,
    reopenCount: i.reopenCount,
    reopenedBy: actor,
    reopenedAt: at.toISOString(),
  }),
};
