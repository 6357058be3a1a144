import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { FulfilmentWriter } from '../../requests/fulfilment-writer';
import { Outbox } from '@itsm/messaging';
import { ApprovalDecision } from '../approval-decision.entity';
import { approvalEvents } from '../approval-events';
import { approvalView, approversOf, type ApprovalView } from '../approval-view';
import { mayViewApproval } from '../domain/approval-access';
import {
  approvalOutcome,
  decisionRefusal,
  type Decision,
  type DecisionRefusal,
} from '../domain/approval-policy';
import { RequestedItemApproval } from '../requested-item-approval.entity';

/**
 * Records an approver's decision. At the quorum the item is approved and fulfilment starts (its
 * plan's first stage opens); any rejection rejects it, and the request's state follows. Decided
 * under the request's lock, so that a decision racing a cancel finds the item cancelled.
 */
@Injectable()
export class DecideApproval {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: FulfilmentWriter,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  execute(
    id: string,
    decision: Decision,
    comment: string,
    caller: Principal,
  ): Promise<ApprovalView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const found = await manager.findOneBy(RequestedItemApproval, { id });
        if (!found || !mayViewApproval(caller, approversOf(found))) {
          throw recordNotFound('Approval', id);
        }
        const f = await this.writer.load(manager, found.requestId);
        const approval = await manager.findOneByOrFail(RequestedItemApproval, { id });
        const item = f.items.find((i) => i.id === approval.requestedItemId)!;
        const decisions = await manager.find(ApprovalDecision, {
          where: { approvalId: id },
          order: { decidedAt: 'ASC' },
        });
        const approvers = approversOf(approval);
        const refusal = decisionRefusal(approval.state, approvers, caller, decisions, {
          requestedBy: f.request.requestedBy,
          requestedFor: item.requestedFor,
        });
        if (refusal) throw refused(item.number, refusal);

        const now = new Date();
        const cast = await manager.save(
          manager.create(ApprovalDecision, {
            approvalId: id,
            approver: caller.id,
            decision,
            comment,
            decidedAt: now,
          }),
        );
        const all = [...decisions, cast];
        const events = [approvalEvents.recorded(approval, item, cast)];
        const outcome = approvalOutcome(approvers, all);
        if (outcome === 'requested') {
          await this.outbox.publishMany(manager, events);
          return approvalView(approval, item, all);
        }
        Object.assign(approval, { state: outcome, decidedAt: now });
        await manager.save(approval);
        const approvals = all.filter((d) => d.decision === 'approved').length;
        events.push(approvalEvents.decided(approval, item, approvals, caller.id));
        await this.writer.commit(
          manager,
          f,
          { items: [{ item, to: outcome }] },
          caller.id,
          now,
          events,
        );
        return approvalView(approval, item, all);
      }),
    );
  }
}

function refused(number: string, refusal: DecisionRefusal) {
  switch (refusal.kind) {
    case 'not-eligible':
      return problem(
        HttpStatus.FORBIDDEN,
        'not-an-approver',
        'You may not decide this approval',
        `${number} is approved by ${refusal.eligible}`,
      );
    case 'self-approval':
      return problem(
        HttpStatus.FORBIDDEN,
        'self-approval',
        'You may not approve your own request',
        `${number} was requested ${refusal.party === 'requestedBy' ? 'by' : 'for'} you: another approver must decide`,
      );
    case 'already-decided':
      return problem(
        HttpStatus.CONFLICT,
        'already-decided',
        'You have already decided',
        `You ${refusal.decision.decision} ${number}`,
        { decision: refusal.decision.decision },
      );
    case 'not-awaiting':
      return problem(
        HttpStatus.CONFLICT,
        'approval-closed',
        'The approval is no longer waiting',
        `The approval of ${number} is ${refusal.state}`,
        { currentState: refusal.state },
      );
  }
}
