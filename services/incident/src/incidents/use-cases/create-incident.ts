import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { isWorker, requesterCreateRefusals } from '../domain/incident-access';
import type { IncidentView } from '../incident-view';
import type { CreateIncidentRequest } from '../incident.dto';
import { IncidentsService } from '../incidents.service';
import { assertParent } from '../parent-link';
import { OpenIncident } from './open-incident';

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
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await claimIdempotencyKey(manager, caller.id, idempotencyKey, request);
          if (earlier)
            return { view: await this.incidents.viewOf(manager, earlier), replayed: true };
        }
        await assertParent(manager, request.parentId, caller);
        const incident = await this.openIncident.execute(manager, {
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
        });
        if (idempotencyKey) {
          await manager.query(
            'UPDATE idempotency_keys SET incident_id = $1 WHERE caller_id = $2 AND key = $3',
            [incident.id, caller.id, idempotencyKey],
          );
        }
        return { view: await this.incidents.viewOf(manager, incident), replayed: false };
      }),
    );
  }
}

/**
 * Records the key before anything else, so that a retry racing the first request waits for it on
 * the key's row; returns the incident an earlier request with the same key created.
 */
async function claimIdempotencyKey(
  manager: EntityManager,
  callerId: string,
  key: string,
  request: CreateIncidentRequest,
): Promise<string | undefined> {
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const [claimed] = (await manager.query(
    `INSERT INTO idempotency_keys (caller_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING key`,
    [callerId, key, hash],
  )) as unknown[];
  if (claimed) return undefined;
  const [earlier] = (await manager.query(
    'SELECT request_hash, incident_id FROM idempotency_keys WHERE caller_id = $1 AND key = $2',
    [callerId, key],
  )) as Array<{ request_hash: string; incident_id: string }>;
  if (earlier!.request_hash !== hash) {
    throw problem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency-key-reused',
      'The Idempotency-Key was used for another request',
      `Idempotency-Key ${key} created an incident from a different request; use a new key`,
    );
  }
  return earlier!.incident_id;
}
