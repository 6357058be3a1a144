import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { Outbox } from '@itsm/messaging';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { deletedBlackoutEvent } from '../blackout-events';
import { BlackoutWindow } from '../blackout-window.entity';
import { lockedBlackout } from '../locked-blackout';

/** Lifts a freeze; its history stays. */
@Injectable()
export class DeleteBlackout {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  execute(id: string, version: number, caller: Principal): Promise<void> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const blackout = await lockedBlackout(manager, id, version);
        const event = deletedBlackoutEvent(blackout, caller.id, new Date());
        await manager.remove(BlackoutWindow, blackout);
        await this.outbox.publishMany(manager, [event]);
      }),
    );
  }
}
