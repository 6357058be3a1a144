import { HttpStatus, Injectable } from '@nestjs/common';
import { problem } from '@itsm/http';
import { DataSource, type EntityManager } from 'typeorm';
import { ClassesService, type Hierarchy } from '../classes/classes.service';
import { GraphSync } from './graph-sync';
import type { CiSummary, Direction } from './domain/impact-graph';
import { writeImpactAnswer } from './domain/impact-answer';
import { combineImpacts, type CiImpact, type ImpactedService } from './domain/impacted-services';
import { nearestRelated, relatedWalkCutShort, type RelatedCi } from './domain/related-cis';

export type { Direction };

/** How far the impact of an incident's or a change's CIs is followed. */
const RECORD_IMPACT_WALK = { maxDepth: 10, limit: 100_000 };
/**
 * How far the CIs near a change's CIs are listed for its conflict check, both ways. The change
 * service looks at most this far (its `CHANGE_CONFLICT_DEPTH` is at most 5); the limit keeps the
 * answer well inside one Kafka message (a path is at most six ids).
 */
export const CHANGE_RELATED_WALK = { maxDepth: 5, limit: 2000 };

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

  /** The answer of `GET /cis/{id}/impact` or `/dependencies`, written as JSON bytes. */
  async answer(id: string, direction: Direction, options: WalkOptions): Promise<Buffer> {
    const [graph, hierarchy] = await Promise.all([
      this.graphs.current(),
      this.classes.hierarchy(this.dataSource.manager),
    ]);
    const start = graph.ci(id);
    const reach = graph.reach(id, direction, options);
    if (!start || !reach) {
      throw problem(HttpStatus.NOT_FOUND, 'not-found', 'CI not found', `No CI ${id}`);
    }
    const head = {
      ci: this.summaryOf(start, hierarchy),
      direction,
      maxDepth: options.maxDepth,
      truncated: reach.more || reach.count > options.limit,
    };
    return writeImpactAnswer(graph, reach, head, options, classInfo(hierarchy));
  }

  /**
   * The business services the CIs an incident or a change names impact together. A CI the CMDB
   * does not know (never registered, or deleted) impacts nothing and is named in `unknownCiIds`; a
   * retired CI is still known. Only business services are read out of the graph; the other CIs
   * reached are only counted.
   */
  async servicesImpactedBy(manager: EntityManager, ciIds: readonly string[]) {
    const [graph, hierarchy] = await Promise.all([
      this.graphs.current(),
      this.classes.hierarchy(manager),
    ]);
    const classes = classInfo(hierarchy);
    const impacts: CiImpact[] = [];
    const unknownCiIds: string[] = [];
    for (const id of ciIds) {
      const start = graph.ci(id);
      const reach = graph.reach(id, 'impact', RECORD_IMPACT_WALK);
      if (!start || !reach) {
        unknownCiIds.push(id);
        continue;
      }
      const count = Math.min(reach.count, RECORD_IMPACT_WALK.limit);
      const services: ImpactedService[] = [];
      const reached: string[] = [];
      for (let i = 0; i < count; i++) {
        const slot = reach.slots[i]!;
        reached.push(graph.idAt(slot));
        if (!classes(graph.classIdOfNumber(graph.classNumberOf(slot))).businessService) continue;
        const { name, criticality } = graph.summaryAt(slot);
        services.push({ id: graph.idAt(slot), name, criticality, depth: reach.depths[i]! });
      }
      impacts.push({
        ci: { ...this.summaryOf(start, hierarchy), depth: 0 },
        services,
        reached,
      });
    }
    return { ...combineImpacts(impacts), unknownCiIds };
  }

  /**
   * The CIs that depend on the named CIs and those they depend on, up to `CHANGE_RELATED_WALK`,
   * each with one shortest path: what the change service checks conflicts against.
   */
  async relatedTo(ciIds: readonly string[]): Promise<{ related: RelatedCi[]; truncated: boolean }> {
    const graph = await this.graphs.current();
    const found: RelatedCi[] = [];
    let truncated = false;
    for (const id of ciIds) {
      for (const direction of ['impact', 'dependencies'] as const) {
        const reach = graph.reach(id, direction, CHANGE_RELATED_WALK);
        if (!reach) continue;
        truncated ||= relatedWalkCutShort(reach, CHANGE_RELATED_WALK);
        const count = Math.min(reach.count, CHANGE_RELATED_WALK.limit);
        for (let i = 0; i < count; i++) {
          const slot = reach.slots[i]!;
          found.push({
            id: graph.idAt(slot),
            direction,
            depth: reach.depths[i]!,
            path: reach.pathOf(slot).map((s) => graph.idAt(s)),
          });
        }
      }
    }
    const nearest = nearestRelated(ciIds, found, CHANGE_RELATED_WALK.limit);
    return { related: nearest.related, truncated: truncated || nearest.truncated };
  }

  private summaryOf(ci: CiSummary, hierarchy: Hierarchy) {
    return {
      id: ci.id,
      name: ci.name,
      className: hierarchy.get(ci.classId)?.name ?? 'unknown',
      operationalStatus: ci.status,
      criticality: ci.criticality,
      businessService: hierarchy.isA(ci.classId, 'business_service'),
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
