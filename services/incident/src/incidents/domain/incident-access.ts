import { canSee, canWork, hasAnyRole, type Principal, type RecordParties } from '@itsm/auth/rules';
import type { FieldError } from '@itsm/http';
import { WORKERS } from '../../access';
import type { IncidentState } from './incident-states';

/** Who an incident belongs to, as far as access is concerned. */
export interface IncidentParties {
  callerId: string;
  openedBy: string;
  assignmentGroup: string | null;
  assignee: string | null;
}

/** What a request to raise an incident may set that a requester may not. */
export interface RaiseRequest {
  impact?: unknown;
  assignmentGroup?: unknown;
  assignee?: unknown;
  parentId?: unknown;
  tags?: unknown;
  callerId?: string;
  channel?: string;
}

export function partiesOf(incident: IncidentParties): RecordParties {
  return {
    requesters: [incident.callerId, incident.openedBy],
    assignmentGroup: incident.assignmentGroup,
    assignee: incident.assignee,
  };
}

export const mayView = (caller: Principal, incident: IncidentParties) =>
  canSee(caller, 'incident', partiesOf(incident));

export const mayWork = (caller: Principal, incident: IncidentParties) =>
  canWork(caller, 'incident', partiesOf(incident));

export const isWorker = (caller: Principal) => hasAnyRole(caller, WORKERS);

/**
 * What a caller without a working role may not set when raising an incident: they raise it for
 * themselves, through self-service, and the service desk decides its impact and its routing.
 */
export function requesterCreateRefusals(request: RaiseRequest, caller: Principal): FieldError[] {
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
export function callerMayMove(
  caller: Principal,
  incident: { callerId: string; state: IncidentState },
  to: IncidentState,
): boolean {
  if (incident.callerId !== caller.id) return false;
  if (incident.state === 'new') return to === 'canceled';
  return incident.state === 'resolved' && (to === 'closed' || to === 'in_progress');
}
