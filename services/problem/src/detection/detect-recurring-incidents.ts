import { Injectable } from '@nestjs/common';
import { withAuditActor } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { OPEN_STATES } from '../problems/domain/problem-states';
import { Problem } from '../problems/problem.entity';
import { OpenProblem } from '../problems/use-cases/open-problem';
import {
  OPEN_INCIDENT_STATES,
  type LinkedIncident,
} from '../linked-incidents/domain/linked-incident';
import { IncidentLinks } from '../linked-incidents/incident-links';
import { IncidentProjection } from '../linked-incidents/incident-projection';
import {
  clustersOf,
  detectedProblemTitle,
  isRecurring,
  windowStart,
  type Cluster,
} from './domain/clusters';
import { DetectionSettingsStore } from './detection-settings.store';

export const DETECTION_ACTOR = 'system:proactive-detection';

/**
 * Flow 3: an open incident no problem covers joins the open problem of its cluster, or, when its
 * cluster has recurred often enough within the window, a problem opened for it with the cluster's
 * incidents. Each cluster is decided under a transaction-scoped advisory lock on its key, so that
 * replicas and concurrent partitions decide one at a time and see each other's problem; the unique
 * index on the open detected problems' keys backs the lock up.
 */
@Injectable()
export class DetectRecurringIncidents {
  constructor(
    private readonly settings: DetectionSettingsStore,
    private readonly projection: IncidentProjection,
    private readonly links: IncidentLinks,
    private readonly openProblem: OpenProblem,
  ) {}

  async execute(manager: EntityManager, incident: LinkedIncident): Promise<void> {
    if (incident.problemId !== null || !OPEN_INCIDENT_STATES.includes(incident.state)) return;
    const settings = await this.settings.read(manager);
    const clusters = clustersOf(incident, settings.groupingKeys);
    if (clusters.length === 0) return;
    for (const cluster of clusters) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [cluster.key]);
    }
    const now = new Date();
    const link = { actor: DETECTION_ACTOR, detected: true, now };
    for (const cluster of clusters) {
      const covering = await this.coveringProblem(manager, cluster);
      if (covering) return this.links.link(manager, covering, [incident], link);
    }
    const since = windowStart(new Date(incident.openedAt), settings);
    for (const cluster of clusters) {
      const members = await this.projection.unlinkedOfCluster(manager, cluster, since);
      if (!isRecurring(members.length, settings)) continue;
      const problem = await this.open(manager, cluster, members);
      return this.links.link(manager, problem, members, link);
    }
  }

  /**
   * The open problem that covers a cluster: the one detected for it, else the oldest open problem
   * somebody opened for its CI (or for its category on its service).
   */
  private coveringProblem(manager: EntityManager, cluster: Cluster) {
    const builder = manager
      .createQueryBuilder(Problem, 'p')
      .where('p.state IN (:...open)', { open: OPEN_STATES })
      .orderBy('CASE WHEN p.detection_key = :key THEN 0 ELSE 1 END', 'ASC')
      .addOrderBy('p.opened_at', 'ASC')
      .setParameter('key', cluster.key);
    if (cluster.configurationItemId) {
      builder.andWhere('(p.detection_key = :key OR p.configuration_item_id = :ci)', {
        ci: cluster.configurationItemId,
      });
    } else {
      builder.andWhere(
        '(p.detection_key = :key OR (p.service_id = :service AND p.category = :category))',
        { service: cluster.serviceId, category: cluster.category },
      );
    }
    return builder.getOne();
  }

  private open(manager: EntityManager, cluster: Cluster, members: LinkedIncident[]) {
    const numbers = members.map((member) => member.number).join(', ');
    return withAuditActor(DETECTION_ACTOR, () =>
      this.openProblem.execute(
        manager,
        {
          shortDescription: detectedProblemTitle(
            cluster,
            members.length,
            members[0]!.shortDescription,
          ),
          description: `Opened by proactive detection for the recurring incidents ${numbers}.`,
          category: cluster.category,
          configurationItemId: cluster.configurationItemId,
          serviceId: cluster.serviceId,
          assignmentGroup: null,
          assignee: null,
          cause: null,
          causeCategory: null,
          analysisMethod: null,
          analysisNotes: null,
          workaround: null,
          openedBy: DETECTION_ACTOR,
          detectionKey: cluster.key,
        },
        members.map((member) => member.id),
      ),
    );
  }
}
