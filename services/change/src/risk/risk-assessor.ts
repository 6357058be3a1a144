import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CHANGE_CONFIG, type ChangeConfig } from '../change-config';
import type { Change } from '../changes/change.entity';
import { assessRisk } from './domain/change-risk';
import { outsideBusinessHours } from './domain/business-hours';
import { impactFor } from './domain/impact-match';

/** "Incidents on those CIs in the last 30 days" (DOMAIN.md). */
const INCIDENT_HISTORY_MS = 30 * 24 * 3600 * 1000;

/**
 * Gathers what the risk of a change is computed from (the CMDB's last answer kept on the change,
 * the incident projection, past changes on the same CIs, the window against business hours) and
 * writes the assessment onto the change; the writer publishes it as `risk_assessed`.
 */
@Injectable()
export class RiskAssessor {
  constructor(@Inject(CHANGE_CONFIG) private readonly config: ChangeConfig) {}

  async assess(manager: EntityManager, change: Change, now: Date): Promise<void> {
    const ciIds = change.affectedCiIds;
    const [incidents] = (await manager.query(
      `SELECT count(*)::int AS n FROM incident_projection
        WHERE configuration_item_id = ANY($1::uuid[]) AND opened_at > $2`,
      [ciIds, new Date(now.getTime() - INCIDENT_HISTORY_MS)],
    )) as Array<{ n: number }>;
    const [past] = (await manager.query(
      `SELECT count(*)::int AS closed, count(*) FILTER (WHERE close_code = 'unsuccessful')::int AS failed
         FROM changes WHERE state = 'closed' AND affected_ci_ids && $1::uuid[] AND id <> $2`,
      [ciIds, change.id],
    )) as Array<{ closed: number; failed: number }>;
    const { plannedStart, plannedEnd } = change;
    const assessment = assessRisk({
      type: change.type,
      impactedServices: impactFor(change.impact, ciIds)?.impactedServices ?? null,
      recentIncidents: incidents!.n,
      pastChanges: past!,
      outsideBusinessHours:
        plannedStart !== null &&
        plannedEnd !== null &&
        outsideBusinessHours(this.config.CHANGE_BUSINESS_HOURS, plannedStart, plannedEnd),
    });
    change.risk = assessment.level;
    change.riskScore = assessment.score;
    change.riskFactors = assessment.factors;
    change.riskAssessedAt = now;
  }
}
