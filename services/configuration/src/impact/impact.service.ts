import { HttpStatus, Injectable } from '@nestjs/common';
import { problem } from '@itsm/http';
import { DataSource, type EntityManager } from 'typeorm';
import { ClassesService } from '../classes/classes.service';
import { pathsOf, walk, type Direction } from './impact-walk';
import { combineImpacts, type CiImpact } from './impacted-services';

export type { Direction };

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
    const analysis = await this.analyseIfKnown(id, direction, options, manager);
    if (!analysis) throw problem(HttpStatus.NOT_FOUND, 'not-found', 'CI not found', `No CI ${id}`);
    return analysis;
  }

  /**
   * The business services the CIs an incident or a change names impact together. A CI the CMDB
   * does not know impacts nothing it knows of.
   */
  async servicesImpactedBy(manager: EntityManager, ciIds: readonly string[]) {
    const impacts: CiImpact[] = [];
    for (const id of ciIds) {
      const analysis = await this.analyseIfKnown(
        id,
        'impact',
        { maxDepth: 10, limit: 100_000 },
        manager,
      );
      if (analysis) impacts.push({ ci: { ...analysis.ci, depth: 0 }, items: analysis.items });
    }
    return combineImpacts(impacts);
  }

  private async analyseIfKnown(
    id: string,
    direction: Direction,
    options: { maxDepth: number; limit: number },
    manager: EntityManager,
  ) {
    const [start] = (await manager.query(
      `SELECT ci.id, ci.name, ci.operational_status, ci.criticality, ci.class_id
         FROM configuration_items ci WHERE ci.id = $1`,
      [id],
    )) as Array<Record<string, string>>;
    if (!start) return undefined;

    const [{ rows, more }, hierarchy] = await Promise.all([
      walk(manager, start.id!, direction, options),
      this.classes.hierarchy(manager),
    ]);
    const reached = rows.slice(0, options.limit);
    const paths = pathsOf(start.id!, reached);
    const items: ImpactedCi[] = reached.map((row) => ({
      id: row.id,
      name: row.name,
      className: hierarchy.get(row.classId)?.name ?? 'unknown',
      operationalStatus: row.status,
      criticality: row.criticality,
      depth: row.depth,
      path: paths.get(row.id)!,
      businessService: hierarchy.isA(row.classId, 'business_service'),
    }));
    return {
      ci: {
        id: start.id!,
        name: start.name!,
        className: hierarchy.get(start.class_id!)?.name ?? 'unknown',
        operationalStatus: start.operational_status!,
        criticality: Number(start.criticality),
        businessService: hierarchy.isA(start.class_id!, 'business_service'),
      },
      direction,
      maxDepth: options.maxDepth,
      count: items.length,
      truncated: more || rows.length > options.limit,
      businessServices: items.filter((item) => item.businessService),
      items,
    };
  }
}
