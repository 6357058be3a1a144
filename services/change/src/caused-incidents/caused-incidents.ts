import { Injectable } from '@nestjs/common';
import { decodeCursor, pageOf, type Page, type PageQuery } from '@itsm/http';
import type { EntityManager } from 'typeorm';

export interface CausedIncident {
  incidentId: string;
  incidentNumber: string;
  configurationItemId: string;
  shortDescription: string;
  openedAt: string;
  linkedAt: string;
}

/**
 * The incidents the incident service linked to a change as "caused by change" candidates (flow 6),
 * projected from its `incident.change_candidate_linked`: one row per incident and change, so that a
 * redelivered link adds nothing.
 */
@Injectable()
export class CausedIncidents {
  async put(manager: EntityManager, changeId: string, incident: CausedIncident): Promise<void> {
    await manager.query(
      `INSERT INTO change_caused_incidents (change_id, incident_id, incident_number,
              configuration_item_id, short_description, opened_at, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (change_id, incident_id) DO NOTHING`,
      [
        changeId,
        incident.incidentId,
        incident.incidentNumber,
        incident.configurationItemId,
        incident.shortDescription,
        incident.openedAt,
        incident.linkedAt,
      ],
    );
  }

  /** A page of a change's candidates, in the order the incidents were opened. */
  async page(
    manager: EntityManager,
    changeId: string,
    query: PageQuery,
  ): Promise<Page<CausedIncident>> {
    const after = query.cursor
      ? decodeCursor(query.cursor, { openedAt: 'timestamp', number: 'text' })
      : undefined;
    const rows = (await manager.query(
      `SELECT incident_id AS "incidentId", incident_number AS "incidentNumber",
              configuration_item_id AS "configurationItemId", short_description AS "shortDescription",
              opened_at AS "openedAt", linked_at AS "linkedAt"
         FROM change_caused_incidents
        WHERE change_id = $1
          AND ($2::timestamptz IS NULL OR (opened_at, incident_number) > ($2, $3))
        ORDER BY opened_at, incident_number
        LIMIT $4`,
      [changeId, after?.openedAt ?? null, after?.number ?? null, query.limit + 1],
    )) as Array<Omit<CausedIncident, 'openedAt' | 'linkedAt'> & { openedAt: Date; linkedAt: Date }>;
    const incidents = rows.map((row) => ({
      ...row,
      openedAt: row.openedAt.toISOString(),
      linkedAt: row.linkedAt.toISOString(),
    }));
    return pageOf(incidents, query.limit, (incident) => ({
      openedAt: incident.openedAt,
      number: incident.incidentNumber,
    }));
  }
}
