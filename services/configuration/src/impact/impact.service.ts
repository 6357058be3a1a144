import { HttpStatus, Injectable } from '@nestjs/common';
import { problem } from '@itsm/http';
import { DataSource, type EntityManager } from 'typeorm';
import { ClassesService } from '../classes/classes.service';
import { traverse, type NextLevel } from './impact-traversal';

export type Direction = 'impact' | 'dependencies';

/** Impact: who needs this CI (walk target → source). Dependencies: what it needs (source → target). */
const NEXT_LEVEL_SQL: Record<Direction, string> = {
  impact:
    'SELECT target_id AS "from", source_id AS "to" FROM relationships WHERE target_id = ANY($1::uuid[])',
  dependencies:
    'SELECT source_id AS "from", target_id AS "to" FROM relationships WHERE source_id = ANY($1::uuid[])',
};

export interface ImpactedCi {
  id: string;
  name: string;
  className: string;
  operationalStatus: string;
  criticality: number;
  depth: number;
  path: string[];
  businessService: boolean;
}

@Injectable()
export class ImpactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
  ) {}

  async analyse(
    id: string,
    direction: Direction,
    options: { maxDepth: number; limit: number },
    manager: EntityManager = this.dataSource.manager,
  ) {
    const [start] = (await manager.query(
      `SELECT ci.id, ci.name, ci.operational_status, ci.criticality, ci.class_id
         FROM configuration_items ci WHERE ci.id = $1`,
      [id],
    )) as Array<Record<string, string>>;
    if (!start) throw problem(HttpStatus.NOT_FOUND, 'not-found', 'CI not found', `No CI ${id}`);

    const next: NextLevel = async (frontier) =>
      (
        (await manager.query(NEXT_LEVEL_SQL[direction], [frontier])) as Array<{
          from: string;
          to: string;
        }>
      ).map((edge) => [edge.from, edge.to]);
    const result = await traverse(id, next, options);
    const hierarchy = await this.classes.hierarchy(manager);
    const details = new Map(
      (
        (await manager.query(
          `SELECT id, name, operational_status, criticality, class_id
           FROM configuration_items WHERE id = ANY($1::uuid[])`,
          [result.reached.map((ci) => ci.id)],
        )) as Array<{
          id: string;
          name: string;
          operational_status: string;
          criticality: number;
          class_id: string;
        }>
      ).map((row) => [row.id, row]),
    );
    const items: ImpactedCi[] = result.reached.map((reached) => {
      const row = details.get(reached.id)!;
      return {
        id: reached.id,
        name: row.name,
        className: hierarchy.get(row.class_id)?.name ?? 'unknown',
        operationalStatus: row.operational_status,
        criticality: row.criticality,
        depth: reached.depth,
        path: reached.path,
        businessService: hierarchy.isA(row.class_id, 'business_service'),
      };
    });
    return {
      ci: {
        id: start.id!,
        name: start.name!,
        className: hierarchy.get(start.class_id!)?.name ?? 'unknown',
        operationalStatus: start.operational_status!,
        criticality: Number(start.criticality),
      },
      direction,
      maxDepth: options.maxDepth,
      count: items.length,
      truncated: result.truncatedAtDepth || result.truncatedAtLimit,
      businessServices: items.filter((item) => item.businessService),
      items,
    };
  }
}
