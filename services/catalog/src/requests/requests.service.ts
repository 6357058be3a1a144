import { Injectable } from '@nestjs/common';
import { recordNotFound, recordScope, scopeCondition, type Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { CatalogTask } from './catalog-task.entity';
import { mayViewRequest, mayWorkTask } from './domain/request-access';
import { requestView, taskWithItemView, type RequestView } from './request-view';
import type { ListRequestsQuery, ListTasksQuery } from './request.dto';
import { Request } from './request.entity';
import { RequestedItem } from './requested-item.entity';
import { DeliveryClocks } from '../sla/delivery-clocks';
import { approvalStatuses } from './approval-status';

/** Reading requests and tasks, each caller seeing only theirs; changing them is the use cases'. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveryClocks: DeliveryClocks,
  ) {}

  async get(id: string, caller: Principal): Promise<RequestView> {
    const request = await this.dataSource.manager.findOneBy(Request, { id });
    if (!request || !mayViewRequest(caller, request)) throw recordNotFound('Request', id);
    const [view] = await this.viewsOf([request]);
    return view!;
  }

  async list(query: ListRequestsQuery, caller: Principal) {
    const builder = this.dataSource.manager.createQueryBuilder(Request, 'r');
    const scope = scopeCondition(recordScope(caller, 'catalog'), {
      requesters: ['r.requested_by', 'r.requested_for'],
    });
    if (scope) builder.andWhere(scope.where, scope.parameters);
    if (query.state) builder.andWhere('r.state = :state', { state: query.state });
    const page = await newestFirst(builder, 'r', query);
    return { ...page, items: await this.viewsOf(page.items) };
  }

  async getTask(id: string, caller: Principal) {
    const task = await this.dataSource.manager.findOneBy(CatalogTask, { id });
    if (!task || !mayWorkTask(caller, task)) throw recordNotFound('Catalog task', id);
    const item = await this.dataSource.manager.findOneByOrFail(RequestedItem, {
      id: task.requestedItemId,
    });
    return taskWithItemView(task, item);
  }

  /** The tasks of the caller's groups (a catalog manager: all), newest first. */
  async listTasks(query: ListTasksQuery, caller: Principal) {
    const builder = this.dataSource.manager.createQueryBuilder(CatalogTask, 't');
    const scope = scopeCondition(recordScope(caller, 'catalog'), {
      requesters: [],
      assignmentGroup: 't.assignment_group',
    });
    if (scope) builder.andWhere(scope.where, scope.parameters);
    if (query.state) builder.andWhere('t.state = :state', { state: query.state });
    const page = await newestFirst(builder, 't', query);
    const items = await this.dataSource.manager.findBy(RequestedItem, {
      id: In(page.items.map((t) => t.requestedItemId)),
    });
    return {
      ...page,
      items: page.items.map((t) =>
        taskWithItemView(
          t,
          items.find((i) => i.id === t.requestedItemId)!,
        ),
      ),
    };
  }

  private async viewsOf(requests: Request[]): Promise<RequestView[]> {
    const ids = requests.map((r) => r.id);
    const manager = this.dataSource.manager;
    const items = await manager.find(RequestedItem, {
      where: { requestId: In(ids) },
      order: { position: 'ASC' },
    });
    const tasks = await manager.find(CatalogTask, {
      where: { requestId: In(ids) },
      order: { stage: 'ASC', openedAt: 'ASC', number: 'ASC' },
    });
    const deliverySlas = await this.deliveryClocks.viewsOf(
      manager,
      items.map((i) => i.id),
    );
    const approvals = await approvalStatuses(manager, ids);
    return requests.map((request) =>
      requestView(
        {
          request,
          items: items.filter((i) => i.requestId === request.id),
          tasks: tasks.filter((t) => t.requestId === request.id),
          deliverySlas,
        },
        approvals,
      ),
    );
  }
}

/** One page, newest first, after the cursor's (openedAt, id). */
async function newestFirst<T extends { id: string; openedAt: Date }>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  query: { limit: number; cursor?: string },
) {
  builder
    .orderBy(`${alias}.opened_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(query.limit + 1);
  if (query.cursor) {
    const after = decodeCursor(query.cursor, { openedAt: 'timestamp', id: 'uuid' });
    builder.andWhere(`(${alias}.opened_at, ${alias}.id) < (:openedAt, :afterId::uuid)`, {
      openedAt: after.openedAt,
      afterId: after.id,
    });
  }
  return pageOf(await builder.getMany(), query.limit, (row) => ({
    openedAt: row.openedAt.toISOString(),
    id: row.id,
  }));
}
