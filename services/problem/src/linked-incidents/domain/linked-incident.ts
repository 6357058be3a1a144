import type { INCIDENT_STATES } from '@itsm/contracts';
import { canSee, type Principal } from '@itsm/auth/rules';

export type IncidentState = (typeof INCIDENT_STATES)[number];

/** An incident as the problem service knows it from the incident events. */
export interface LinkedIncident {
  id: string;
  number: string;
  shortDescription: string;
  state: IncidentState;
  category: string | null;
  configurationItemId: string | null;
  serviceIds: string[];
  callerId: string;
  openedBy: string;
  assignmentGroup: string | null;
  assignee: string | null;
  problemId: string | null;
  openedAt: Date;
  version: number;
}

export const OPEN_INCIDENT_STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold'];

/** The incident service's own rule: its caller and opener, its group and assignee, its managers. */
export const mayViewIncident = (caller: Principal, incident: LinkedIncident) =>
  canSee(caller, 'incident', {
    requesters: [incident.callerId, incident.openedBy],
    assignmentGroup: incident.assignmentGroup,
    assignee: incident.assignee,
  });

/** The projection's columns an `incident.updated` change may set, by the event's field name. */
export const PROJECTED_FIELDS = {
  shortDescription: 'short_description',
  category: 'category',
  configurationItemId: 'configuration_item_id',
  callerId: 'caller_id',
  assignmentGroup: 'assignment_group',
  assignee: 'assignee',
  problemId: 'problem_id',
  impactedServices: 'service_ids',
} as const;

/** The business services of an `impactedServices` value ([{ id, name, criticality }]). */
export function serviceIdsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((service: unknown) => (service as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string');
}
