import { Injectable } from '@nestjs/common';
import type { FieldChange } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { Incident } from '../incidents/incident.entity';
import { OPEN_STATES } from '../incidents/domain/incident-states';

export interface ProjectedCi {
  id: string;
  name: string;
  className: string;
  criticality: number;
  operationalStatus: string;
  ownerGroup: string | null;
  version: number;
}

/** Fields of `ci.updated` the projection keeps, and their columns. */
const KEPT: Record<string, string> = {
  name: 'name',
  criticality: 'criticality',
  ownerGroup: 'owner_group',
  operationalStatus: 'operational_status',
};

/**
 * The incident service's copy of the CMDB's CIs, kept from its events. A CI's version orders its
 * changes, so that a change older than what is kept is never applied over a newer one.
 */
@Injectable()
export class CiProjection {
  async put(manager: EntityManager, ci: ProjectedCi): Promise<void> {
    await manager.query(
      `INSERT INTO ci_projection (id, name, class_name, criticality, operational_status, owner_group, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET name = $2, class_name = $3, criticality = $4,
              operational_status = $5, owner_group = $6, version = $7, updated_at = now()
        WHERE ci_projection.version < $7`,
      [
        ci.id,
        ci.name,
        ci.className,
        ci.criticality,
        ci.operationalStatus,
        ci.ownerGroup,
        ci.version,
      ],
    );
  }

  /** A status change carries what flow 1 needs of the CI; returns the CI as now kept. */
  async putStatus(
    manager: EntityManager,
    ci: {
      id: string;
      name: string;
      className: string;
      criticality: number;
      toStatus: string;
      version: number;
    },
  ): Promise<ProjectedCi | undefined> {
    await manager.query(
      `INSERT INTO ci_projection (id, name, class_name, criticality, operational_status, version)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = $2, class_name = $3, criticality = $4,
              operational_status = $5, version = $6, updated_at = now()
        WHERE ci_projection.version < $6`,
      [ci.id, ci.name, ci.className, ci.criticality, ci.toStatus, ci.version],
    );
    return this.find(manager, ci.id);
  }

  async applyChanges(
    manager: EntityManager,
    id: string,
    version: number,
    changes: readonly FieldChange[],
  ): Promise<void> {
    const kept = changes.filter((change) => KEPT[change.field]);
    const sets = kept.map((change, i) => `${KEPT[change.field]} = $${i + 3}`);
    await manager.query(
      `UPDATE ci_projection SET ${[...sets, 'version = $2', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND version < $2`,
      [id, version, ...kept.map((change) => change.newValue)],
    );
  }

  async markDeleted(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE ci_projection SET deleted = true, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async find(manager: EntityManager, id: string): Promise<ProjectedCi | undefined> {
    const [row] = (await manager.query(
      `SELECT id, name, class_name AS "className", criticality, operational_status AS "operationalStatus",
              owner_group AS "ownerGroup", version
         FROM ci_projection WHERE id = $1 AND NOT deleted`,
      [id],
    )) as ProjectedCi[];
    return row;
  }

  /** The open incidents that name the CI, oldest first. */
  async openIncidentsOf(manager: EntityManager, ciId: string): Promise<Incident[]> {
    return manager
      .createQueryBuilder(Incident, 'i')
      .where('i.configuration_item_id = :ciId AND i.state IN (:...open)', {
        ciId,
        open: OPEN_STATES,
      })
      .orderBy('i.opened_at')
      .getMany();
  }
}
