import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem, validationProblem, type FieldError } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { IdempotencyKeys, withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { TemplatesService } from '../../templates/templates.service';
import { createRefusals } from '../domain/change-access';
import { windowErrors } from '../domain/change-requirements';
import { createdEvent } from '../change-events';
import { templateFieldErrors } from '../change-refusals';
import { changeView, type ChangeView } from '../change-view';
import type { CreateChangeRequest } from '../change.dto';
import { Change } from '../change.entity';

const idempotencyKeys = new IdempotencyKeys({
  table: 'idempotency_keys',
  recordColumn: 'change_id',
  recordName: 'change',
});

export interface CreatedChange {
  view: ChangeView;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

/**
 * Raises a change in New: a standard change copies the published version of its template (and
 * keeps which one); a retry with the same Idempotency-Key returns the first answer's change.
 */
@Injectable()
export class CreateChange {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplatesService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(
    request: CreateChangeRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<CreatedChange> {
    const errors = [...typeErrors(request), ...windowErrors(windowOf(request))];
    if (errors.length > 0) throw validationProblem(errors);
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await idempotencyKeys.claim(manager, caller.id, idempotencyKey, request);
          if (earlier) {
            return {
              view: changeView(await manager.findOneByOrFail(Change, { id: earlier })),
              replayed: true,
            };
          }
        }
        const change = await manager.save(await this.draft(manager, request, caller));
        await this.outbox.publishMany(manager, [createdEvent(change)]);
        if (idempotencyKey)
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, change.id);
        return { view: changeView(change), replayed: false };
      }),
    );
  }

  private async draft(
    manager: EntityManager,
    request: CreateChangeRequest,
    caller: Principal,
  ): Promise<Change> {
    const template = request.templateId
      ? await this.templates.published(manager, request.templateId)
      : undefined;
    const assignmentGroup = request.assignmentGroup ?? template?.assignmentGroup ?? undefined;
    const refused = createRefusals(caller, assignmentGroup);
    if (refused.length > 0) {
      throw problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Your roles do not allow this',
        refused.map((e) => e.message).join('; '),
        { errors: refused },
      );
    }
    const { plannedStart, plannedEnd } = windowOf(request);
    return manager.create(Change, {
      type: request.type,
      state: 'new',
      shortDescription: request.shortDescription ?? template!.shortDescription,
      description: request.description ?? template?.description ?? null,
      justification: template?.justification ?? request.justification ?? null,
      implementationPlan: template?.implementationPlan ?? request.implementationPlan ?? null,
      backoutPlan: template?.backoutPlan ?? request.backoutPlan ?? null,
      testPlan: template?.testPlan ?? request.testPlan ?? null,
      plannedStart,
      plannedEnd,
      affectedCiIds: request.affectedCiIds ?? [],
      assignmentGroup: assignmentGroup ?? null,
      assignee: request.assignee ?? null,
      requestedBy: request.requestedBy ?? caller.id,
      openedBy: caller.id,
      openedAt: new Date(),
      templateId: template?.templateId ?? null,
      templateVersion: template?.version ?? null,
    });
  }
}

/** A standard change names its template and takes its plans from it; no other type has one. */
function typeErrors(request: CreateChangeRequest): FieldError[] {
  if (request.type !== 'standard') {
    const errors: FieldError[] = [];
    if (request.templateId !== undefined) {
      errors.push({ field: 'templateId', message: 'only standard changes come from a template' });
    }
    if (request.shortDescription === undefined) {
      errors.push({ field: 'shortDescription', message: 'shortDescription is required' });
    }
    return errors;
  }
  const errors = templateFieldErrors(request);
  if (request.templateId === undefined) {
    errors.unshift({ field: 'templateId', message: 'a standard change is made from a template' });
  }
  return errors;
}

function windowOf(request: { plannedStart?: string; plannedEnd?: string }) {
  return {
    plannedStart: request.plannedStart ? new Date(request.plannedStart) : null,
    plannedEnd: request.plannedEnd ? new Date(request.plannedEnd) : null,
  };
}
