import type { LinkedIncident } from './domain/linked-incident';
import type { LinkedIncidentResponse } from './linked-incident.response';

export function linkedIncidentView(incident: LinkedIncident): LinkedIncidentResponse {
  return {
    id: incident.id,
    number: incident.number,
    shortDescription: incident.shortDescription,
    state: incident.state,
    category: incident.category,
    configurationItemId: incident.configurationItemId,
    serviceIds: incident.serviceIds,
    assignmentGroup: incident.assignmentGroup,
    assignee: incident.assignee,
    problemId: incident.problemId,
    openedAt: new Date(incident.openedAt).toISOString(),
  };
}
