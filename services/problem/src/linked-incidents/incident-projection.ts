import { Injectable } from '@nestjs/common';
import { scopeCondition, type RecordScope } from '@itsm/auth/rules';
import type { EntityManager } from 'typeorm';
import type { Cluster } from '../detection/domain/clusters';
import {
  PROJECTED_FIELDS,
  serviceIdsOf,
  type IncidentState,
  type LinkedIncident,
} from './domain/linked-incident';

const COLUMNS = `id::text, number, short_description AS "shortDescription", state, category,
  configuration_item_id::text AS "configurationItemId", service_ids::text[] AS "serviceIds",
  caller_id AS "callerId", opened_by AS "openedBy", assignment_group AS "assignmentGroup", assignee,
  problem_id::text AS "problemId", opened_at AS "openedAt", version`;

/** The problem service's copy of the incidents (from their events): never a call to the incident service. */
@Injectable()
export class IncidentProjection {
  async put(manager: EntityManager, incident: LinkedIncident): Promise<LinkedIncident> {
    const [row] = (await manager.query(
      `INSERT INTO incident_projection (id, number, short_description, state, category,
         configuration_item_id, service_ids, caller_id, opened_by, assignment_group, assignee,
         problem_id, opened_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (id) DO UPDATE SET id = incident_projection.id
       RETURNING ${COLUMNS}`,
      [
        incident.id,
        incident.number,
        incident.shortDescription,
        incident.state,
        incident.category,
        incident.configurationItemId,
        incident.serviceIds,
        incident.callerId,
        incident.openedBy,
        incident.assignmentGroup,
        incident.assignee,
        incident.problemId,
        incident.openedAt,
        incident.version,
      ],
    )) as LinkedIncident[];
    return row!;
  }

  /**
   * Applies an `incident.updated` event's changes; an event older than the copy (its version) is
   * history. `updated` and `state_changed` of one change share a version, hence `<=`.
   */
  async applyChanges(
    manager: EntityManager,
    id: string,
    version: number,
    changes: ReadonlyArray<{ field: string; newValue?: unknown }>,
  ): Promise<LinkedIncident | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [id, version];
    for (const { field, newValue } of changes) {
      const column = PROJECTED_FIELDS[field as keyof typeof PROJECTED_FIELDS];
      if (!column) continue;
      values.push(column === 'service_ids' ? serviceIdsOf(newValue) : (newValue ?? null));
      sets.push(`${column} = $${values.length}`);
    }
    return this.update(manager, sets, values);
  }

  applyState(manager: EntityManager, id: string, version: number, state: IncidentState) {
    return this.update(manager, ['state = $3'], [id, version, state]);
  }

  async find(
    manager: EntityManager,
    id: string,
    { locked = false } = {},
  ): Promise<LinkedIncident | undefined> {
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM incident_projection WHERE id = $1 ${locked ? 'FOR UPDATE' : ''}`,
      [id],
    )) as LinkedIncident[];
    return row;
  }

  async setProblem(manager: EntityManager, ids: readonly string[], problemId: string | null) {
    await manager.query(
      `UPDATE incident_projection SET problem_id = $2, updated_at = now() WHERE id = ANY($1)`,
      [ids, problemId],
    );
  }

  /**
   * A problem's incidents that the caller's incident scope shows, in opening order, from after the
   * (openedAt, id) cursor.
   */
  linkedTo(
    manager: EntityManager,
    problemId: string,
    scope: RecordScope,
    limit: number,
    after?: { openedAt: string | number; id: string | number },
  ): Promise<LinkedIncident[]> {
    const visible = scopeCondition(scope, {
      requesters: ['caller_id', 'opened_by'],
      assignmentGroup: 'assignment_group',
      assignee: 'assignee',
    });
    const [sql, values] = manager.connection.driver.escapeQueryWithParameters(
      `SELECT ${COLUMNS} FROM incident_projection
        WHERE problem_id = :problemId ${visible ? `AND ${visible.where}` : ''}
          ${after ? 'AND (opened_at, id) > (:openedAt::timestamptz, :afterId::uuid)' : ''}
        ORDER BY opened_at, id LIMIT :limit`,
      {
        problemId,
        limit,
        ...visible?.parameters,
        ...(after && { openedAt: after.openedAt, afterId: after.id }),
      },
      {},
    );
    return manager.query(sql, values);
  }

  /**
   * The incidents of a cluster opened since `since` that no problem covers yet, canceled ones
   * apart (a mistake recurs nothing).
   */
  unlinkedOfCluster(manager: EntityManager, cluster: Cluster, since: Date) {
    const where = cluster.configurationItemId
      ? 'configuration_item_id = $2::uuid'
      : '$2::uuid = ANY(service_ids) AND category = $3';
    const values = cluster.configurationItemId
      ? [since, cluster.configurationItemId]
      : [since, cluster.serviceId, cluster.category];
    return manager.query(
      `SELECT ${COLUMNS} FROM incident_projection
        WHERE ${where} AND problem_id IS NULL AND state <> 'canceled' AND opened_at >= $1
        ORDER BY opened_at, id`,
      values,
    ) as Promise<LinkedIncident[]>;
  }

  private async update(
    manager: EntityManager,
    sets: string[],
    values: unknown[],
  ): Promise<LinkedIncident | undefined> {
    const [rows] = (await manager.query(
      `UPDATE incident_projection SET ${[...sets, 'version = $2', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND version <= $2 RETURNING ${COLUMNS}`,
      values,
    )) as [LinkedIncident[], number];
    return rows[0];
  }
}
