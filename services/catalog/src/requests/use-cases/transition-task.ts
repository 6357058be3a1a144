import { HttpStatus, Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { assertVersion, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { CatalogTask } from '../catalog-task.entity';
import { taskMovesFrom, type CatalogTaskState } from '../domain/fulfilment-states';
import { mayWorkTask } from '../domain/request-access';
import { FulfilmentWriter } from '../fulfilment-writer';
import { taskWithItemView, type TaskWithItemView } from '../request-view';

/**
 * Moves a catalog task; done, it may open the next stage of the plan, fulfil its item and close
 * the request, all in the same transaction.
 */
@Injectable()
export class TransitionTask {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: FulfilmentWriter,
  ) {}

  execute(
    id: string,
    to: CatalogTaskState,
    version: number,
    caller: Principal,
  ): Promise<TaskWithItemView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const found = await manager.findOneBy(CatalogTask, { id });
        if (!found || !mayWorkTask(caller, found)) throw recordNotFound('Catalog task', id);
        // The request's row is the lock of its whole fulfilment.
        const f = await this.writer.load(manager, found.requestId);
        const task = f.tasks.find((t) => t.id === id)!;
        assertVersion(task, 'Catalog task', version);
        const allowed: CatalogTaskState[] = taskMovesFrom(task.state).filter(
          (s) => s !== 'cancelled',
        );
        if (!allowed.includes(to)) {
          throw problem(
            HttpStatus.CONFLICT,
            'illegal-transition',
            'The state model does not allow this move',
            `Catalog task ${task.number} is ${task.state}; it may move to ${allowed.join(', ') || 'nothing: it is closed'}`,
            { currentState: task.state, requestedState: to, allowedNextStates: allowed },
          );
        }
        await this.writer.commit(manager, f, { tasks: [{ task, to }] }, caller.id, new Date());
        return taskWithItemView(
          task,
          f.items.find((i) => i.id === task.requestedItemId)!,
        );
      }),
    );
  }
}
