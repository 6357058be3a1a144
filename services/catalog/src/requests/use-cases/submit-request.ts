import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem, validationProblem, type FieldError } from '@itsm/http';
import { IdempotencyKeys, withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogItemVersion } from '../../catalog-items/catalog-item-version.entity';
import { CatalogItem } from '../../catalog-items/catalog-item.entity';
import { mayOrder } from '../../catalog-items/domain/audience';
import type { Answers } from '../../catalog-items/domain/variables';
import { FormValidators } from '../../catalog-items/form-validators';
import { FulfilmentWriter } from '../fulfilment-writer';
import { requestEvents } from '../request-events';
import { requestView, type RequestView } from '../request-view';
import type { CartLine, SubmitRequestRequest } from '../request.dto';
import { Request } from '../request.entity';
import { RequestedItem } from '../requested-item.entity';

const idempotencyKeys = new IdempotencyKeys({
  table: 'request_idempotency_keys',
  recordColumn: 'request_id',
  recordName: 'request',
});

export interface SubmittedRequest {
  view: RequestView;
  /** True when an earlier request with the same Idempotency-Key submitted it. */
  replayed: boolean;
}

interface CheckedLine {
  line: CartLine;
  version: CatalogItemVersion;
  name: string;
  answers: Answers;
}

/**
 * Submits a cart: each line's item must be published and orderable by the caller, each form's
 * answers valid for the version published now (kept by the requested item). Every wrong answer of
 * every line is named at once, and nothing is written. Then fulfilment starts.
 */
@Injectable()
export class SubmitRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly forms: FormValidators,
    private readonly writer: FulfilmentWriter,
  ) {}

  execute(
    request: SubmitRequestRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<SubmittedRequest> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await idempotencyKeys.claim(manager, caller.id, idempotencyKey, request);
          if (earlier) {
            return { view: requestView(await this.writer.load(manager, earlier)), replayed: true };
          }
        }
        const lines = await this.checked(manager, request.items, caller);
        const now = new Date();
        const saved = await manager.save(
          manager.create(Request, {
            state: 'requested',
            requestedBy: caller.id,
            requestedFor: caller.id,
            openedAt: now,
            closedAt: null,
          }),
        );
        const items = await manager.save(
          lines.map(({ line, version, name, answers }, position) =>
            manager.create(RequestedItem, {
              requestId: saved.id,
              position,
              catalogItemId: version.itemId,
              catalogItemVersion: version.version,
              catalogItemName: name,
              quantity: line.quantity ?? 1,
              variables: answers,
              state: 'requested',
              requestedFor: saved.requestedFor,
              openedAt: now,
              closedAt: null,
            }),
          ),
        );
        const created = [
          requestEvents.requestCreated(saved, items.length),
          ...items.map(requestEvents.itemCreated),
        ];
        const fulfilment = await this.writer.commit(
          manager,
          { request: saved, items, tasks: [] },
          {},
          caller.id,
          now,
          created,
        );
        if (idempotencyKey)
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, saved.id);
        return { view: requestView(fulfilment), replayed: false };
      }),
    );
  }

  /** The published version of each line's item, read under a share lock, and its checked answers. */
  private async checked(
    manager: EntityManager,
    lines: CartLine[],
    caller: Principal,
  ): Promise<CheckedLine[]> {
    const errors: FieldError[] = [];
    const unpublished: FieldError[] = [];
    const checked: CheckedLine[] = [];
    for (const [i, line] of lines.entries()) {
      const item = await manager.findOneBy(CatalogItem, { id: line.catalogItemId });
      const version =
        item &&
        (await manager.findOne(CatalogItemVersion, {
          where: { itemId: item.id, state: 'published' },
          lock: { mode: 'pessimistic_read' },
        }));
      if (!item || (version && !mayOrder(caller, version.orderableBy))) {
        errors.push({
          field: `items.${i}.catalogItemId`,
          message: 'no catalog item you may order',
        });
        continue;
      }
      if (!version) {
        unpublished.push({
          field: `items.${i}.catalogItemId`,
          message: `${item.name} is retired or not yet published`,
        });
        continue;
      }
      const outcome = this.forms.of(version)(line.variables ?? {});
      for (const e of outcome.errors) {
        errors.push({
          field: `items.${i}.variables.${e.variable}`,
          message: e.message,
          ...(e.allowed && { allowed: e.allowed }),
        });
      }
      if ('answers' in outcome)
        checked.push({ line, version, name: item.name, answers: outcome.answers });
    }
    if (errors.length > 0) throw validationProblem(errors);
    if (unpublished.length > 0) {
      throw problem(
        HttpStatus.CONFLICT,
        'item-not-orderable',
        'An item of the request cannot be ordered',
        unpublished.map((e) => e.message).join('; '),
        { errors: unpublished },
      );
    }
    return checked;
  }
}
