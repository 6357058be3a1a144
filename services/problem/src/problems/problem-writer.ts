import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { Outbox } from '@itsm/messaging';
import { assertVersion, fieldChanges, withAuditActor } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { changeEvents } from './change-events';
import { mayWork } from './domain/problem-access';
import { notWorkingIt } from './problem-refusals';
import { problemView, type ProblemView } from './problem-view';
import type { Problem } from './problem.entity';
import { loadVisibleProblem } from './visible-problem';

export type ProblemEdit = (manager: EntityManager, problem: Problem, now: Date) => Promise<void>;

/**
 * Writes a changed problem and what follows from the change: the audit trail (by the subscriber) and
 * the events, in one transaction. Part 2's platform actors (detection, incident events) write
 * through `commit` in their own transaction.
 */
@Injectable()
export class ProblemWriter {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /**
   * A caller's change: loads the problem locked, checks that the caller works it and read its
   * current version, applies `edit` and commits; a change that changes nothing writes nothing.
   */
  async change(
    id: string,
    version: number,
    caller: Principal,
    edit: ProblemEdit,
  ): Promise<ProblemView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const problem = await loadVisibleProblem(manager, id, caller, { locked: true });
        if (!mayWork(caller, problem)) throw notWorkingIt(problem);
        assertVersion(problem, 'Problem', version);
        const now = new Date();
        const before = { ...problem };
        await edit(manager, problem, now);
        if (fieldChanges({ ...before }, { ...problem }, new Set(['updatedAt'])).length === 0) {
          return problemView(problem);
        }
        return problemView(await this.commit(manager, before, problem, caller.id, now));
      }),
    );
  }

  /** Saves `problem`, changed from `before` in the caller's transaction, with its events. */
  async commit(
    manager: EntityManager,
    before: Problem,
    problem: Problem,
    actor: string,
    now: Date,
  ): Promise<Problem> {
    return withAuditActor(actor, async () => {
      const saved = await manager.save(problem);
      await this.outbox.publishMany(manager, changeEvents(before, saved, actor, now));
      return saved;
    });
  }
}
