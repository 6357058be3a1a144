import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { DataSource } from 'typeorm';
import { readsEveryChange } from './domain/change-access';
import { changeView, type ChangeView } from './change-view';
import type { ListChangesQuery } from './change.dto';
import { Change } from './change.entity';
import { loadVisibleChange } from './visible-change';

/** Reading and listing changes, as the caller may see them. Changes to them are the use cases'. */
@Injectable()
export class ChangesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, caller: Principal): Promise<ChangeView> {
    return changeView(await loadVisibleChange(this.dataSource.manager, id, caller));
  }

  async list(query: ListChangesQuery, caller: Principal) {
    const builder = this.dataSource.manager
      .createQueryBuilder(Change, 'c')
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(query.limit + 1);
    if (!readsEveryChange(caller)) {
      builder.andWhere('(c.requested_by = :me OR c.opened_by = :me)', { me: caller.id });
    }
    if (query.state?.length) builder.andWhere('c.state IN (:...states)', { states: query.state });
    if (query.type?.length) builder.andWhere('c.type IN (:...types)', { types: query.type });
    if (query.risk?.length) builder.andWhere('c.risk IN (:...risks)', { risks: query.risk });
    if (query.ci) builder.andWhere('c.affected_ci_ids @> ARRAY[:ci]::uuid[]', { ci: query.ci });
    if (query.assignmentGroup)
      builder.andWhere('c.assignment_group = :group', { group: query.assignmentGroup });
    if (query.requestedBy)
      builder.andWhere('c.requested_by = :requestedBy', { requestedBy: query.requestedBy });
    if (query.templateId)
      builder.andWhere('c.template_id = :templateId', { templateId: query.templateId });
    // A window between two instants: one that overlaps them (a half-planned change has none).
    if (query.windowFrom)
      builder.andWhere('c.planned_end > :windowFrom', { windowFrom: new Date(query.windowFrom) });
    if (query.windowTo)
      builder.andWhere('c.planned_start < :windowTo', { windowTo: new Date(query.windowTo) });
    if (query.q) {
      builder.andWhere('(c.short_description ILIKE :text OR c.number = upper(:q))', {
        text: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        q: query.q.trim(),
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { openedAt: 'timestamp', id: 'uuid' });
      builder.andWhere('(c.opened_at, c.id) < (:openedAt::timestamptz, :afterId::uuid)', {
        openedAt: after.openedAt,
        afterId: after.id,
      });
    }
    const page = pageOf(await builder.getMany(), query.limit, (c) => ({
      openedAt: c.openedAt.toISOString(),
      id: c.id,
    }));
    return { ...page, items: page.items.map(changeView) };
  }
}
