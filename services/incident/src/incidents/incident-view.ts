import { PRIORITY_NAMES } from '../priority/domain/priority-matrix';
import type { SlaView } from '@itsm/sla';
import type { Incident } from './incident.entity';
import { allowedNextStates, STATE_CODES } from './domain/incident-states';

/** An incident as the API shows it, with its SLA clocks and the moves its state allows. */
export function incidentView(incident: Incident, slas: SlaView[]) {
  return {
    id: incident.id,
    number: incident.number,
    shortDescription: incident.shortDescription,
    description: incident.description,
    category: incident.category,
    state: incident.state,
    stateCode: STATE_CODES[incident.state],
    allowedNextStates: allowedNextStates(incident.state),
    onHoldReason: incident.onHoldReason,
    resolutionCode: incident.resolutionCode,
    resolutionNotes: incident.resolutionNotes,
    impact: incident.impact,
    urgency: incident.urgency,
    priority: incident.priority,
    priorityName: PRIORITY_NAMES[incident.priority],
    prioritySetBy: incident.prioritySetBy,
    channel: incident.channel,
    callerId: incident.callerId,
    openedBy: incident.openedBy,
    openedAt: incident.openedAt,
    assignmentGroup: incident.assignmentGroup,
    assignee: incident.assignee,
    tags: incident.tags,
    configurationItemId: incident.configurationItemId,
    impactedServices: incident.impactedServices,
    major: incident.major,
    majorDeclaredAt: incident.majorDeclaredAt,
    majorDeclaredBy: incident.majorDeclaredBy,
    majorReason: incident.majorReason,
    parentId: incident.parentId,
    problemId: incident.problemId,
    causedByChangeId: incident.causedByChangeId,
    acknowledgedAt: incident.acknowledgedAt,
    resolvedAt: incident.resolvedAt,
    closedAt: incident.closedAt,
    reopenCount: incident.reopenCount,
    updatedAt: incident.updatedAt,
    version: incident.version,
    slas,
  };
}

export type IncidentView = ReturnType<typeof incidentView>;
