import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { IdempotencyKeys, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { isWorker, requesterCreateRefusals } from '../domain/incident-access';
import type { IncidentView } from '../incident-view';
import type { CreateIncidentRequest } from '../incident.dto';
import { IncidentsService } from '../incidents.service';
import { assertParent } from '../parent-link';
import { OpenIncident, type NewIncident } from './open-incident';

const idempotencyKeys = new IdempotencyKeys({
  table: 'idempotency_keys',
  recordColumn: 'incident_id',
  recordName: 'incident',
});

export interface CreatedIncident {
  view: IncidentView;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

/**
 * Raises an incident through the API: a requester raises it for themselves and leaves impact and
 * routing to the service desk; a retry with the same Idempotency-Key returns the first answer's
 * incident.
 */
@Injectable()
export class CreateIncident {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly openIncident: OpenIncident,
  ) {}

  async execute(
    request: CreateIncidentRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<CreatedIncident> {
    const worker = isWorker(caller);
    if (!worker) {
      const refused = requesterCreateRefusals(request, caller);
      if (refused.length > 0) {
        throw problem(
          HttpStatus.FORBIDDEN,
          'forbidden',
          'Your roles do not allow this',
          refused.map((e) => e.message).join('; '),
          { errors: refused },
        );
      }
    }
    const fields = newIncidentOf(request, caller, worker);
    return withAuditActor(caller.id, async () => {
      // The opening is one statement: without a key to claim or a parent to check, it needs no
      // transaction around it.
      if (!idempotencyKey && !request.parentId) {
        const opened = await this.openIncident.execute(this.dataSource.manager, fields);
        return { view: this.incidents.viewOfOpened(opened), replayed: false };
      }
      return this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await idempotencyKeys.claim(manager, caller.id, idempotencyKey, request);
          if (earlier)
            return { view: await this.incidents.viewOf(manager, earlier), replayed: true };
        }
        await assertParent(manager, request.parentId, caller);
        const opened = await this.openIncident.execute(manager, fields);
        if (idempotencyKey)
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, opened.incident.id);
        return { view: this.incidents.viewOfOpened(opened), replayed: false };
      });
    });
  }
}

function newIncidentOf(
  request: CreateIncidentRequest,
  caller: Principal,
  worker: boolean,
): NewIncident {
  return {
    shortDescription: request.shortDescription,
    description: request.description ?? null,
    category: request.category ?? null,
    impact: request.impact ?? 3,
    urgency: request.urgency ?? 3,
    channel: request.channel ?? (worker ? 'service_desk' : 'self_service'),
    callerId: request.callerId ?? caller.id,
    openedBy: caller.id,
    assignmentGroup: request.assignmentGroup ?? null,
    assignee: request.assignee ?? null,
    configurationItemId: request.configurationItemId ?? null,
    parentId: request.parentId ?? null,
    tags: request.tags ?? [],
  };
}
