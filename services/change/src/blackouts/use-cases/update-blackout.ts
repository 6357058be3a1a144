import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { savedBlackoutEvent } from '../blackout-events';
import { frozenChanges } from '../../conflicts/frozen-changes';
import { takeSchedulingTurn } from '../../conflicts/scheduling-turn';
import { asBlackout, blackoutDetailView, type BlackoutDetailView } from '../blackout-view';
import type { UpdateBlackoutRequest } from '../blackout.dto';
import { blackoutErrors, editedBlackout } from '../domain/blackout-rules';
import { lockedBlackout } from '../locked-blackout';

/**
 * Moves, renames or rescopes a freeze; the result must be a valid freeze as a whole. Like a
 * declaration, it takes the scheduling turn before it lists the changes it stops.
 */
@Injectable()
export class UpdateBlackout {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  execute(
    id: string,
    request: UpdateBlackoutRequest,
    version: number,
    caller: Principal,
  ): Promise<BlackoutDetailView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const blackout = await lockedBlackout(manager, id, version);
        const edited = editedBlackout(blackout, {
          name: request.name,
          reason: request.reason,
          start: request.start === undefined ? undefined : new Date(request.start),
          end: request.end === undefined ? undefined : new Date(request.end),
          scope: request.scope,
          ciIds: request.ciIds,
          serviceIds: request.serviceIds,
        });
        const errors = blackoutErrors(edited);
        if (errors.length > 0) throw validationProblem(errors);
        await takeSchedulingTurn(manager);
        Object.assign(blackout, edited);
        const now = new Date();
        blackout.updatedAt = now;
        const saved = await manager.save(blackout);
        const frozen = await frozenChanges(manager, asBlackout(saved), null);
        await this.outbox.publishMany(manager, [
          savedBlackoutEvent(saved, frozen, false, caller.id, now),
        ]);
        return blackoutDetailView(saved, frozen);
      }),
    );
  }
}
