import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { assertVersion, fieldChanges, withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { MANAGERS } from '../access';
import { mayWork } from './domain/change-access';
import { changeEvents, type ChangeCircumstances } from './change-events';
import { changeView, type ChangeView } from './change-view';
import type { Change } from './change.entity';
import { loadVisibleChange } from './visible-change';

export type ChangeEdit = (manager: EntityManager, change: Change, now: Date) => Promise<void>;

/**
 * Writes a changed change and what follows from it, the same way for every use case: the audit
 * trail (by the subscriber) and the events, in the caller's transaction.
 */
@Injectable()
export class ChangeWriter {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /**
   * A caller's change: loads the change locked, checks that the caller may see and work it and the
   * version they read, applies `edit`, and commits it; an edit that changes nothing writes nothing.
   */
  async change(
    id: string,
    version: number,
    caller: Principal,
    edit: ChangeEdit,
    { reason }: { reason?: string } = {},
  ): Promise<ChangeView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const change = await loadVisibleChange(manager, id, caller, { locked: true });
        if (!mayWork(caller, change)) throw notWorkingIt(change);
        assertVersion(change, 'Change', version);
        const now = new Date();
        const before = snapshotOf(change);
        await edit(manager, change, now);
        return changeView(
          await this.commit(manager, before, change, { actor: caller.id, now, reason }),
        );
      }),
    );
  }

  /**
   * Saves `change` (edited from `before`) with its events, in the caller's transaction; an edit that
   * changes nothing writes nothing. For the changes nobody asks through the API: the CMDB's answers,
   * votes, which check their own rights.
   */
  async commit(
    manager: EntityManager,
    before: Change,
    change: Change,
    circumstances: ChangeCircumstances,
  ): Promise<Change> {
    if (fieldChanges({ ...before }, { ...change }, new Set(['updatedAt'])).length === 0) {
      return change;
    }
    const saved = await manager.save(change);
    await this.outbox.publishMany(manager, changeEvents(before, saved, circumstances));
    return saved;
  }
}

/** A copy of a change to compare an edit with: its arrays too, which edits replace in place. */
export function snapshotOf(change: Change): Change {
  return { ...change, affectedCiIds: [...change.affectedCiIds] };
}

/** The 403 of a caller who may see the change but is not one of the people working it. */
export function notWorkingIt(change: Change) {
  return problem(
    HttpStatus.FORBIDDEN,
    'forbidden',
    'Your roles do not allow this',
    `You may see change ${change.number} but not work it: it belongs to ${change.assignmentGroup ?? 'no group'}`,
    { requiredRoles: ['agent of the assignment group', ...MANAGERS] },
  );
}
