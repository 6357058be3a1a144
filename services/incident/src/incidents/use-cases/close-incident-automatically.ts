import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyTransition } from '../domain/incident-transition';
import type { Incident } from '../incident.entity';
import { IncidentWriter, snapshotOf } from '../incident-writer';

export const AUTO_CLOSE_ACTOR = 'system:auto-close';

/** Closes an incident resolved for longer than the waiting time (for the auto-close timer). */
@Injectable()
export class CloseIncidentAutomatically {
  constructor(private readonly writer: IncidentWriter) {}

  async execute(manager: EntityManager, incident: Incident, now: Date): Promise<void> {
    const before = snapshotOf(incident);
    Object.assign(incident, applyTransition(incident, { to: 'closed' }, now));
    await this.writer.commit(manager, before, incident, {
      actor: AUTO_CLOSE_ACTOR,
      now,
      automatically: true,
    });
  }
}
