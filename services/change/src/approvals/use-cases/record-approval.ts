import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { changeApprovalDecided, changeApprovalRecorded } from '@itsm/contracts';
import type { Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { approvalSettings, CHANGE_CONFIG, type ChangeConfig } from '../../change-config';
import { ChangeWriter, snapshotOf } from '../../changes/change-writer';
import { loadVisibleChange } from '../../changes/visible-change';
import { ChangeApproval } from '../change-approval.entity';
import { approvalView, type ApprovalView } from '../approval-view';
import type { ApprovalRequest } from '../approval.dto';
import { approvalOutcome, voteRefusal, type VoteRefusal } from '../domain/approval-policy';
import { requirementOf } from '../approval-requirement';

/**
 * A member of the board the policy names approves or rejects a change in Authorize, once per
 * round, with a comment. The vote and, when it decides, the outcome are events; the change's
 * `approval` is what lets it leave Authorize.
 */
@Injectable()
export class RecordApproval {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ChangeWriter,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CHANGE_CONFIG) private readonly config: ChangeConfig,
  ) {}

  execute(id: string, request: ApprovalRequest, caller: Principal): Promise<ApprovalView> {
    const settings = approvalSettings(this.config);
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const change = await loadVisibleChange(manager, id, caller, { locked: true });
        const requirement = requirementOf(change, settings);
        const votes = await manager.find(ChangeApproval, {
          where: { changeId: change.id, round: change.approvalRound },
          order: { decidedAt: 'ASC' },
        });
        const awaiting = change.state === 'authorize' ? change.approval : null;
        const refusal = requirement
          ? voteRefusal(awaiting, requirement, caller, votes, settings)
          : ({ kind: 'not-awaiting', outcome: null } as const);
        if (refusal) throw refused(change.number, refusal);
        const now = new Date();
        const vote = await manager.save(
          manager.create(ChangeApproval, {
            changeId: change.id,
            round: change.approvalRound,
            board: requirement!.board,
            approver: caller.id,
            decision: request.decision,
            comment: request.comment,
            decidedAt: now,
          }),
        );
        votes.push(vote);
        await this.outbox.publish(manager, changeApprovalRecorded, {
          aggregateId: change.id,
          data: {
            id: change.id,
            number: change.number,
            approver: caller.id,
            board: vote.board,
            decision: vote.decision,
            comment: vote.comment,
            decidedAt: now.toISOString(),
          },
        });
        const before = snapshotOf(change);
        change.approval = approvalOutcome(requirement!, votes);
        const saved = await this.writer.commit(manager, before, change, { actor: caller.id, now });
        if (saved.approval === 'approved' || saved.approval === 'rejected') {
          await this.outbox.publish(manager, changeApprovalDecided, {
            aggregateId: change.id,
            data: {
              id: change.id,
              number: change.number,
              outcome: saved.approval,
              board: requirement!.board,
              approvals: votes.filter(
                (v) => v.board === requirement!.board && v.decision === 'approved',
              ).length,
              approvalsNeeded: requirement!.approvalsNeeded,
              decidedAt: now.toISOString(),
            },
          });
        }
        return approvalView(saved, requirement, votes);
      }),
    );
  }
}

function refused(number: string, refusal: VoteRefusal) {
  switch (refusal.kind) {
    case 'not-awaiting':
      return problem(
        HttpStatus.CONFLICT,
        'not-awaiting-approval',
        'The change is not waiting for votes',
        refusal.outcome
          ? `Change ${number} is already ${refusal.outcome}`
          : `Change ${number} is not in authorize`,
        { approval: refusal.outcome },
      );
    case 'not-eligible':
      return problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'You may not vote on this change',
        `Change ${number} is decided by ${refusal.requirement.eligible}`,
        { board: refusal.requirement.board },
      );
    case 'already-voted':
      return problem(
        HttpStatus.CONFLICT,
        'already-voted',
        'You have already voted',
        `You ${refusal.vote.decision} change ${number} in this round`,
        { decision: refusal.vote.decision },
      );
  }
}
