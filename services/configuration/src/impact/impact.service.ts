import { HttpStatus, Injectable } from '@nestjs/common';
import { problem } from '@itsm/http';
import { DataSource, type EntityManager } from 'typeorm';
import { ClassesService, type Hierarchy } from '../classes/classes.service';
import { GraphSync } from './graph-sync';
import type { Direction } from './impact-graph';
import { combineImpacts, type CiImpact } from './impacted-services';

export type { Direction };

export interface ImpactedCi {
  id: string;
  name: string;
  className: string;
  operationalStatus: string;
  criticality: number;
  depth: number;
  /** The CI it was reached from, one hop nearer the start: following `via`s gives its path. */
  via: string;
  /** The whole path, start first: always for business services, for every CI on request. */
  path?: string[];
  businessService: boolean;
}

export interface WalkOptions {
  maxDepth: number;
  limit: number;
  paths?: 'services' | 'all';
}

@Injectable()
export class ImpactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    private readonly graphs: GraphSync,
  ) {}

  async analyse(
    id: string,
    direction: Direction,
    options: WalkOptions,
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
    options: WalkOptions,
    manager: EntityManager,
  ) {
    const [graph, hierarchy] = await Promise.all([
      this.graphs.current(),
      this.classes.hierarchy(manager),
    ]);
    const start = graph.ci(id);
    if (!start) return undefined;
    const { rows, more, pathTo } = graph.walk(id, direction, options);
    const reached = rows.slice(0, options.limit);
    const classes = classInfo(hierarchy);
    const items = reached.map((row): ImpactedCi => {
      const { className, businessService } = classes(row.classId);
      return {
        id: row.id,
        name: row.name,
        className,
        operationalStatus: row.status,
        criticality: row.criticality,
        depth: row.depth,
        via: row.via,
        path: businessService || options.paths === 'all' ? pathTo(row.id) : undefined,
        businessService,
      };
    });
    return {
      ci: {
        id: start.id,
        name: start.name,
        className: hierarchy.get(start.classId)?.name ?? 'unknown',
        operationalStatus: start.status,
        criticality: start.criticality,
        businessService: hierarchy.isA(start.classId, 'business_service'),
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

/** Each class's name and whether it is a business service, worked out once per answer. */
function classInfo(hierarchy: Hierarchy) {
  const known = new Map<string, { className: string; businessService: boolean }>();
  return (classId: string) => {
    let info = known.get(classId);
    if (!info) {
      info = {
        className: hierarchy.get(classId)?.name ?? 'unknown',
        businessService: hierarchy.isA(classId, 'business_service'),
      };
      known.set(classId, info);
    }
    return info;
  };
}
