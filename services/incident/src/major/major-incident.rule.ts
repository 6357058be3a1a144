import { Inject, Injectable } from '@nestjs/common';
import { majorIncidentDeclared } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import { withAuditActor } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { isOpen } from '../incidents/domain/incident-states';
import type { Incident } from '../incidents/incident.entity';
import { automaticMajorReason } from './domain/major-incident-policy';

export const MAJOR_RULE_ACTOR = 'system:major-incident-rule';

/** Declares incidents major: by the automatic rule, or by hand (an incident manager). */
@Injectable()
export class MajorIncidentRule {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  /** Applies the automatic rule to an open incident that is not major yet. */
  async apply(manager: EntityManager, incident: Incident, now: Date): Promise<void> {
    if (incident.major || !isOpen(incident.state)) return;
    const reason = automaticMajorReason(incident.priority, incident.impactedServices);
    if (reason)
      await this.declare(manager, incident, {
        actor: MAJOR_RULE_ACTOR,
        reason,
        automatic: true,
        now,
      });
  }

  async declare(
    manager: EntityManager,
    incident: Incident,
    how: { actor: string; reason: string; automatic: boolean; now: Date },
  ): Promise<Incident> {
    return withAuditActor(how.actor, async () => {
      incident.major = true;
      incident.majorDeclaredAt = how.now;
      incident.majorDeclaredBy = how.actor;
      incident.majorReason = how.reason;
      const saved = await manager.save(incident);
      await this.outbox.publish(manager, majorIncidentDeclared, {
        aggregateId: saved.id,
        data: {
          id: saved.id,
          number: saved.number,
          version: saved.version,
          shortDescription: saved.shortDescription,
          priority: saved.priority,
          automatic: how.automatic,
          reason: how.reason,
          impactedServices: saved.impactedServices.map(({ id, name, criticality }) => ({
            id,
            name,
            criticality,
          })),
          declaredBy: how.actor,
          declaredAt: how.now.toISOString(),
        },
      });
      return saved;
    });
  }
}
