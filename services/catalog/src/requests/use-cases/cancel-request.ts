import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { assertVersion, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { withdrawApprovals } from '../../approvals/approval-lifecycle';
import { cancellation } from '../domain/fulfilment';
import { FulfilmentWriter } from '../fulfilment-writer';
import { requestView, type RequestView } from '../request-view';
import { approvalStatuses } from '../approval-status';
import { provisioningEvents } from '../../provisioning/provisioning-events';

/**
 * Cancels a request: every item not yet ended is cancelled with its open tasks and its approval
 * still waiting, and the provisioning asked for it withdrawn; what was fulfilled stays fulfilled. Who it is by or for, or a catalog manager,
 * cancels it.
 */
@Injectable()
export class CancelRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: FulfilmentWriter,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  execute(id: string, version: number, caller: Principal): Promise<RequestView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const f = await this.writer.load(manager, id, caller);
        assertVersion(f.request, 'Request', version);
        const open = cancellation(f.items, f.tasks);
        if (open.items.length === 0) {
          throw problem(
            HttpStatus.CONFLICT,
            'illegal-transition',
            'The request is closed',
            `Request ${f.request.number} is ${f.request.state}: nothing is left to cancel`,
            { currentState: f.request.state },
          );
        }
        const now = new Date();
        await withdrawApprovals(manager, this.outbox, open.items, caller.id, now);
        const moves = {
          items: open.items.map((item) => ({ item, to: 'cancelled' as const })),
          tasks: open.tasks.map((task) => ({ task, to: 'cancelled' as const })),
        };
        // Flow 7: a CI or standard change asked for is withdrawn (made or still to be made).
        const withdrawals = open.items.flatMap((item) =>
          item.provisioning
            ? [provisioningEvents.withdrawn(item, item.provisioning, caller.id, now)]
            : [],
        );
        const cancelled = await this.writer.commit(manager, f, moves, caller.id, now, withdrawals);
        return requestView(cancelled, await approvalStatuses(manager, [f.request.id]));
      }),
    );
  }
}
