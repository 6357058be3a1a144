import { HttpStatus } from '@nestjs/common';
import { canSee, canWork, hasAnyRole, type Principal, type RecordParties } from '@itsm/auth';
import { problem, type FieldError } from '@itsm/http';
import { MANAGERS, WORKERS } from '../access';
import type { Incident } from './incident.entity';
import type { IncidentState } from './domain/incident-states';
import type { CreateIncidentRequest } from './incident.dto';

export function partiesOf(
  incident: Pick<Incident, 'callerId' | 'openedBy' | 'assignmentGroup' | 'assignee'>,
): RecordParties {
  return {
    requesters: [incident.callerId, incident.openedBy],
    assignmentGroup: incident.assignmentGroup,
    assignee: incident.assignee,
  };
}

export const mayView = (caller: Principal, incident: Incident) =>
  canSee(caller, 'incident', partiesOf(incident));

export const mayWork = (caller: Principal, incident: Incident) =>
  canWork(caller, 'incident', partiesOf(incident));

export const isWorker = (caller: Principal) => hasAnyRole(caller, WORKERS);

/** The 403 of a caller who may see the incident but is not one of the people working it. */
export function notWorkingIt(detail: string) {
  return problem(HttpStatus.FORBIDDEN, 'forbidden', 'Your roles do not allow this', detail, {
    requiredRoles: ['agent of the assignment group', ...MANAGERS],
  });
}

/**
 * What a caller without a working role may not set when raising an incident: they raise it for
 * themselves, through self-service, and the service desk decides its impact and its routing.
 */
export function requesterCreateRefusals(
  request: CreateIncidentRequest,
  caller: Principal,
): FieldError[] {
  const refused: FieldError[] = [];
  const fields = ['impact', 'assignmentGroup', 'assignee', 'parentId', 'tags'] as const;
  for (const field of fields) {
    if (request[field] !== undefined) {
      refused.push({ field, message: `${field} is set by the service desk, not by the caller` });
    }
  }
  if (request.callerId !== undefined && request.callerId !== caller.id) {
    refused.push({ field: 'callerId', message: 'you can raise incidents for yourself only' });
  }
  if (request.channel !== undefined && request.channel !== 'self_service') {
    refused.push({
      field: 'channel',
      message: 'your incidents come through self-service',
      allowed: ['self_service'],
    });
  }
  return refused;
}

/**
 * The caller's own moves on their incident, beyond what working roles may do: cancel it while it is
 * new, accept the resolution (close) or reopen it until it is closed.
 */
export function callerMayMove(caller: Principal, incident: Incident, to: IncidentState): boolean {
  if (incident.callerId !== caller.id) return false;
  if (incident.state === 'new') return to === 'canceled';
  return incident.state === 'resolved' && (to === 'closed' || to === 'in_progress');
}
