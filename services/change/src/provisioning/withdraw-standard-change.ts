import { Injectable, Logger } from '@nestjs/common';
import { withAuditActor } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { ChangeWriter, snapshotOf } from '../changes/change-writer';
import { Change } from '../changes/change.entity';
import { applyTransition, transitionRefusal } from '../changes/domain/change-transition';
import { withdrawal } from './domain/withdrawal';
import { PROVISIONED_CHANGES, PROVISIONING_ACTOR } from './raise-standard-change';

/**
 * Flow 7 undone: the standard change raised for a requested item whose request was cancelled is
 * canceled, with the reason in its history and its events, while it is not yet being implemented.
 * One already in Implement or later is left to its change manager (logged); none raised (refused,
 * or not asked): nothing to do but remember the withdrawal.
 */
@Injectable()
export class WithdrawStandardChange {
  private readonly logger = new Logger(WithdrawStandardChange.name);

  constructor(private readonly writer: ChangeWriter) {}

  async execute(manager: EntityManager, requestedItemId: string, number: string): Promise<void> {
    const changeId = await PROVISIONED_CHANGES.recordWithdrawal(manager, requestedItemId);
    if (!changeId) return;
    const change = await manager.findOne(Change, {
      where: { id: changeId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!change) return;
    const outcome = withdrawal(change.state, number);
    if (outcome.kind === 'left') {
      this.logger.warn(
        `${change.number} is in ${outcome.state}: left as it is although ${number} was cancelled`,
      );
    }
    if (outcome.kind !== 'cancel') return;
    const { request } = outcome;
    const refusal = transitionRefusal(change, request);
    if (refusal) {
      this.logger.warn(`${change.number} cannot be canceled (${refusal.kind}) for ${number}`);
      return;
    }
    const now = new Date();
    const before = snapshotOf(change);
    Object.assign(change, applyTransition(change, request, now));
    await withAuditActor(PROVISIONING_ACTOR, () =>
      this.writer.commit(manager, before, change, {
        actor: PROVISIONING_ACTOR,
        now,
        reason: request.reason,
      }),
    );
  }
}
