import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal } from '@itsm/auth';
import { problem, validationProblem, type FieldError } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { IdempotencyKeys, withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { ON_BEHALF } from '../../access';
import { openApprovals } from '../../approvals/approval-lifecycle';
import { approversFor, isRefusal, type Approvers } from '../../approvals/domain/approval-policy';
import { CatalogItemVersion } from '../../catalog-items/catalog-item-version.entity';
import { CatalogItem } from '../../catalog-items/catalog-item.entity';
import { mayOrder } from '../../catalog-items/domain/audience';
import type { Answers } from '../../catalog-items/domain/variables';
import { FormValidators } from '../../catalog-items/form-validators';
import { personOf, type KnownPerson } from '../../people/people-directory';
import { FulfilmentWriter } from '../fulfilment-writer';
import { requestEvents } from '../request-events';
import { requestView, type RequestView } from '../request-view';
import type { CartLine, SubmitRequestRequest } from '../request.dto';
import { Request } from '../request.entity';
import { RequestedItem } from '../requested-item.entity';
import { approvalStatuses } from '../approval-status';
import { FORM_CHECK_BUDGET_MS } from '../../catalog-items/domain/time-budget';

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
  approvers: Approvers | null;
}

/**
 * Who a request is for, as the checks need them: the caller's own token, or for somebody else what
 * the people directory knows (their groups decide the audience); their manager, asked only when an
 * item needs that approval.
 */
interface Recipient {
  audience: Principal;
  /** Ordered by the caller for themselves. */
  self: boolean;
  person: () => Promise<KnownPerson>;
}

/**
 * Submits a cart, for the caller or (service desk, catalog managers) for somebody else: each line's
 * item must be published and orderable by the person it is for, each form's answers valid for the
 * version published now (kept by the requested item), each approval rule satisfiable (a manager
 * approval needs a manager). Every wrong answer of every line is named at once, and nothing is
 * written. Then the approvals open, and fulfilment starts for the items needing none.
 */
@Injectable()
export class SubmitRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly forms: FormValidators,
    private readonly writer: FulfilmentWriter,
    @Inject(Outbox) private readonly outbox: Outbox,
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
            const replayed = await this.writer.load(manager, earlier);
            const approvals = await approvalStatuses(manager, [earlier]);
            return { view: requestView(replayed, approvals), replayed: true };
          }
        }
        const recipient = await this.recipientOf(
          manager,
          request.requestedFor ?? caller.id,
          caller,
        );
        const lines = await this.checked(manager, request.items, recipient, caller.id);
        const now = new Date();
        const saved = await manager.save(
          manager.create(Request, {
            state: 'requested',
            requestedBy: caller.id,
            requestedFor: recipient.audience.id,
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
        const waiting = items.flatMap((item, i) => {
          const approvers = lines[i]!.approvers;
          return item.state === 'pending_approval' && approvers ? [{ item, approvers }] : [];
        });
        await openApprovals(manager, this.outbox, waiting, now);
        if (idempotencyKey)
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, saved.id);
        const approvals = await approvalStatuses(manager, [saved.id]);
        return { view: requestView(fulfilment, approvals), replayed: false };
      }),
    );
  }

  private async recipientOf(
    manager: EntityManager,
    id: string,
    caller: Principal,
  ): Promise<Recipient> {
    let known: Promise<KnownPerson> | undefined;
    const person = () => (known ??= personOf(manager, id));
    if (id === caller.id) return { audience: caller, self: true, person };
    if (!hasAnyRole(caller, ON_BEHALF)) {
      throw problem(
        HttpStatus.FORBIDDEN,
        'not-on-behalf',
        'You may order only for yourself',
        'Ordering for somebody else (requestedFor) is for service desk agents and catalog managers',
      );
    }
    const { groups } = await person();
    return {
      audience: { id, kind: 'user', roles: new Set(['requester']), groups },
      self: false,
      person,
    };
  }

  /** The published version of each line's item, read under a share lock, and its checked answers. */
  private async checked(
    manager: EntityManager,
    lines: CartLine[],
    recipient: Recipient,
    requestedBy: string,
  ): Promise<CheckedLine[]> {
    const errors: FieldError[] = [];
    const unpublished: FieldError[] = [];
    const unapprovable: FieldError[] = [];
    const checked: CheckedLine[] = [];
    const { audience } = recipient;
    // One time budget for the answers of every line: a cart of many lines must not multiply it.
    let checking = 0;
    for (const [i, line] of lines.entries()) {
      const item = await manager.findOneBy(CatalogItem, { id: line.catalogItemId });
      const version =
        item &&
        (await manager.findOne(CatalogItemVersion, {
          where: { itemId: item.id, state: 'published' },
          lock: { mode: 'pessimistic_read' },
        }));
      if (!item || (version && !mayOrder(audience, version.orderableBy))) {
        errors.push({
          field: `items.${i}.catalogItemId`,
          message: recipient.self
            ? 'no catalog item you may order'
            : `no catalog item ${audience.id} may order`,
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
      const validate = this.forms.of(version);
      // Compiling a form is not checking answers: the clock starts once it is compiled.
      const started = performance.now();
      const outcome = validate(line.variables ?? {}, Math.max(1, FORM_CHECK_BUDGET_MS - checking));
      checking += performance.now() - started;
      for (const e of outcome.errors) {
        errors.push({
          field: `items.${i}.variables.${e.variable}`,
          message: e.message,
          ...(e.allowed && { allowed: e.allowed }),
        });
      }
      const approvers =
        version.approval.kind === 'none'
          ? null
          : approversFor(version.approval, await recipient.person(), requestedBy);
      if (approvers && isRefusal(approvers)) {
        unapprovable.push({
          field: `items.${i}.catalogItemId`,
          message: `${item.name}: ${approvers.message}`,
        });
        continue;
      }
      if ('answers' in outcome)
        checked.push({ line, version, name: item.name, answers: outcome.answers, approvers });
    }
    if (errors.length > 0) throw validationProblem(errors);
    if (unapprovable.length > 0) {
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'approval-impossible',
        'An item of the request could never be approved',
        `Approval rule manager: ${unapprovable.map((e) => e.message).join('; ')}`,
        { rule: 'manager', errors: unapprovable },
      );
    }
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
