import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { IdempotencyKeys, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { savedBlackoutEvent } from '../blackout-events';
import { frozenChanges } from '../../conflicts/frozen-changes';
import { takeSchedulingTurn } from '../../conflicts/scheduling-turn';
import { asBlackout, blackoutDetailView, type BlackoutDetailView } from '../blackout-view';
import { BlackoutWindow } from '../blackout-window.entity';
import type { CreateBlackoutRequest } from '../blackout.dto';
import { blackoutErrors, type BlackoutFields } from '../domain/blackout-rules';

const idempotencyKeys = new IdempotencyKeys({
  table: 'blackout_idempotency_keys',
  recordColumn: 'blackout_window_id',
  recordName: 'blackout window',
});

/**
 * Declares a freeze; a retry with the same Idempotency-Key answers the first one's. It takes the
 * scheduling turn, so that a change scheduled meanwhile is either refused by the freeze or listed in it.
 */
@Injectable()
export class CreateBlackout {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(
    request: CreateBlackoutRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<{ view: BlackoutDetailView; replayed: boolean }> {
    const fields: BlackoutFields = {
      name: request.name,
      reason: request.reason ?? null,
      start: new Date(request.start),
      end: new Date(request.end),
      scope: request.scope,
      ciIds: request.ciIds ?? [],
      serviceIds: request.serviceIds ?? [],
    };
    const errors = blackoutErrors(fields);
    if (errors.length > 0) throw validationProblem(errors);
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await idempotencyKeys.claim(manager, caller.id, idempotencyKey, request);
          if (earlier) {
            const first = await manager.findOneByOrFail(BlackoutWindow, { id: earlier });
            const frozen = await frozenChanges(manager, asBlackout(first), null);
            return { view: blackoutDetailView(first, frozen), replayed: true };
          }
        }
        await takeSchedulingTurn(manager);
        const now = new Date();
        const blackout = await manager.save(
          manager.create(BlackoutWindow, { ...fields, createdBy: caller.id }),
        );
        const frozen = await frozenChanges(manager, asBlackout(blackout), null);
        await this.outbox.publishMany(manager, [
          savedBlackoutEvent(blackout, frozen, true, caller.id, now),
        ]);
        if (idempotencyKey) {
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, blackout.id);
        }
        return { view: blackoutDetailView(blackout, frozen), replayed: false };
      }),
    );
  }
}
