import { Injectable } from '@nestjs/common';
import { recordScope, scopeCondition, type Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { DataSource, type EntityManager } from 'typeorm';
import { SlaClocksService } from '../sla/sla-clocks.service';
import { incidentView, type IncidentView } from './incident-view';
import type { ListIncidentsQuery } from './incident.dto';
import { Incident } from './incident.entity';
import type { OpenedIncident } from './use-cases/open-incident';
import { loadVisibleIncident } from './visible-incident';

/** Reading and listing incidents, as the caller may see them. Changes are the use cases'. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slas: SlaClocksService,
  ) {}

  async get(id: string, caller: Principal): Promise<IncidentView> {
    const incident = await loadVisibleIncident(this.dataSource.manager, id, caller);
    return this.viewOf(this.dataSource.manager, incident);
  }

  async list(query: ListIncidentsQuery, caller: Principal) {
    const builder = this.dataSource.manager
      .createQueryBuilder(Incident, 'i')
      .orderBy('i.opened_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(query.limit + 1);
    const scope = scopeCondition(recordScope(caller, 'incident'), {
      requesters: ['i.caller_id', 'i.opened_by'],
      assignmentGroup: 'i.assignment_group',
      assignee: 'i.assignee',
    });
    if (scope) builder.andWhere(scope.where, scope.parameters);
    if (query.state?.length) builder.andWhere('i.state IN (:...states)', { states: query.state });
    if (query.priority?.length)
      builder.andWhere('i.priority IN (:...priorities)', { priorities: query.priority });
    if (query.assignmentGroup)
      builder.andWhere('i.assignment_group = :group', { group: query.assignmentGroup });
    if (query.assignee === 'none') builder.andWhere('i.assignee IS NULL');
    else if (query.assignee)
      builder.andWhere('i.assignee = :assignee', { assignee: query.assignee });
    if (query.callerId) builder.andWhere('i.caller_id = :callerId', { callerId: query.callerId });
    if (query.ci) builder.andWhere('i.configuration_item_id = :ci', { ci: query.ci });
    if (query.parentId) builder.andWhere('i.parent_id = :parentId', { parentId: query.parentId });
    if (query.service) {
      builder.andWhere('i.impacted_services @> :service::jsonb', {
        service: JSON.stringify([{ id: query.service }]),
      });
    }
    if (query.tag?.length) builder.andWhere('i.tags @> :tags', { tags: query.tag });
    if (query.major !== undefined) builder.andWhere('i.major = :major', { major: query.major });
    if (query.openedFrom)
      builder.andWhere('i.opened_at >= :from', { from: new Date(query.openedFrom) });
    if (query.openedTo) builder.andWhere('i.opened_at < :to', { to: new Date(query.openedTo) });
    if (query.q) {
      builder.andWhere('(i.short_description ILIKE :text OR i.number = upper(:q))', {
        text: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        q: query.q.trim(),
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { openedAt: 'timestamp', id: 'uuid' });
      builder.andWhere('(i.opened_at, i.id) < (:openedAt::timestamptz, :afterId::uuid)', {
        openedAt: after.openedAt,
        afterId: after.id,
      });
    }
    const rows = await builder.getMany();
    const page = pageOf(rows, query.limit, (i) => ({
      openedAt: i.openedAt.toISOString(),
      id: i.id,
    }));
    const slas = await this.slas.viewsOf(
      this.dataSource.manager,
      page.items.map((i) => i.id),
    );
    return { ...page, items: page.items.map((i) => incidentView(i, slas.get(i.id) ?? [])) };
  }

  async viewOf(manager: EntityManager, incident: Incident | string): Promise<IncidentView> {
    const record =
      typeof incident === 'string'
        ? await manager.findOneByOrFail(Incident, { id: incident })
        : incident;
    const slas = await this.slas.viewsOf(manager, [record.id]);
    return incidentView(record, slas.get(record.id) ?? []);
  }

  /**
   * The view of an incident just opened, from what its opening wrote, as of its opening: its clocks
   * have counted nothing yet (and the answer spares the business calendar's arithmetic).
   */
  viewOfOpened({ incident, clocks }: OpenedIncident): IncidentView {
    return incidentView(incident, this.slas.viewsOfRows(clocks, incident.openedAt));
  }
}
