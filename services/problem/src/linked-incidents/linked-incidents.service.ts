import { Injectable } from '@nestjs/common';
import { recordScope, type Principal } from '@itsm/auth';
import { decodeCursor, pageOf, type PageQuery } from '@itsm/http';
import { DataSource } from 'typeorm';
import { loadVisibleProblem } from '../problems/visible-problem';
import { IncidentProjection } from './incident-projection';
import { linkedIncidentView } from './linked-incident-view';

/** A problem's incidents with their states: those the caller could see in the incident service. */
@Injectable()
export class LinkedIncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: IncidentProjection,
  ) {}

  async list(problemId: string, query: PageQuery, caller: Principal) {
    const manager = this.dataSource.manager;
    await loadVisibleProblem(manager, problemId, caller);
    const after = query.cursor
      ? decodeCursor(query.cursor, { openedAt: 'timestamp', id: 'uuid' })
      : undefined;
    const rows = await this.projection.linkedTo(
      manager,
      problemId,
      recordScope(caller, 'incident'),
      query.limit + 1,
      after,
    );
    const page = pageOf(rows, query.limit, (incident) => ({
      openedAt: new Date(incident.openedAt).toISOString(),
      id: incident.id,
    }));
    return { ...page, items: page.items.map(linkedIncidentView) };
  }
}
