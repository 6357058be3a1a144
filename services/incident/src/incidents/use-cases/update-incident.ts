import { HttpStatus, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { MANAGERS } from '../../access';
import { priorityOf } from '../../priority/domain/priority-matrix';
import { PriorityMatrixService } from '../../priority/priority-matrix.service';
import { isEnded } from '../domain/incident-states';
import type { IncidentView } from '../incident-view';
import type { UpdateIncidentRequest } from '../incident.dto';
import type { Incident } from '../incident.entity';
import { IncidentWriter } from '../incident-writer';
import { assertParent } from '../parent-link';

/** The fields a PATCH sets as given (priority and acknowledgement follow from them). */
const EDITABLE_FIELDS = [
  'shortDescription',
  'description',
  'category',
  'impact',
  'urgency',
  'assignmentGroup',
  'assignee',
  'configurationItemId',
  'parentId',
  'problemId',
  'causedByChangeId',
  'tags',
] as const;

/**
 * Changes an incident's fields, assignment, impact and urgency: the priority follows the matrix
 * (or an incident manager sets it by hand), a first assignee acknowledges it.
 */
@Injectable()
export class UpdateIncident {
  constructor(
    private readonly writer: IncidentWriter,
    private readonly matrix: PriorityMatrixService,
  ) {}

  async execute(
    id: string,
    request: UpdateIncidentRequest,
    version: number,
    caller: Principal,
  ): Promise<IncidentView> {
    if (request.priority !== undefined && !hasAnyRole(caller, MANAGERS)) {
      throw problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Your roles do not allow this',
        'Only incident managers set a priority by hand',
        {
          requiredRoles: MANAGERS,
          errors: [{ field: 'priority', message: 'set impact and urgency instead' }],
        },
      );
    }
    return this.writer.change(id, version, caller, async (manager, incident, now) => {
      const ciBefore = incident.configurationItemId;
      if (isEnded(incident.state)) throw ended(incident);
      if (request.parentId && request.parentId !== incident.parentId) {
        await assertParent(manager, request.parentId, caller, incident.id);
      }
      for (const field of EDITABLE_FIELDS) {
        if (request[field] !== undefined)
          (incident as unknown as Record<string, unknown>)[field] = request[field];
      }
      if (request.priority !== undefined) {
        incident.priority = request.priority;
        incident.prioritySetBy = caller.id;
      } else if (request.impact !== undefined || request.urgency !== undefined) {
        const matrix = await this.matrix.current(manager);
        incident.priority = priorityOf(matrix, incident.impact, incident.urgency);
        incident.prioritySetBy = null;
      }
      if (incident.assignee && !incident.acknowledgedAt) incident.acknowledgedAt = now;
      // The CMDB recomputes the impacted services only when the CI really changes.
      if (incident.configurationItemId !== ciBefore) incident.impactedServices = [];
    });
  }
}

function ended(incident: Incident) {
  return problem(
    HttpStatus.CONFLICT,
    'incident-ended',
    'The incident has ended',
    `Incident ${incident.number} is ${incident.state} and cannot change`,
    { currentState: incident.state, allowedNextStates: [] },
  );
}
