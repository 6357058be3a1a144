import { Inject, Injectable } from '@nestjs/common';
import { problemCreated } from '@itsm/contracts';
import { Outbox } from '@itsm/messaging';
import type { EntityManager } from 'typeorm';
import type { AnalysisMethod, CauseCategory } from '../domain/root-cause';
import { problemEvents } from '../problem-events';
import { Problem } from '../problem.entity';

export interface NewProblem {
  shortDescription: string;
  description: string | null;
  category: string | null;
  configurationItemId: string | null;
  serviceId: string | null;
  assignmentGroup: string | null;
  assignee: string | null;
  cause: string | null;
  causeCategory: CauseCategory | null;
  analysisMethod: AnalysisMethod | null;
  analysisNotes: string | null;
  workaround: string | null;
  openedBy: string;
  /** The cluster proactive detection opened it for (one open problem per cluster). */
  detectionKey?: string | null;
}

/**
 * Opens a problem in the caller's transaction and publishes `created`: the API's create, and
 * proactive detection (opened by `system:proactive-detection` with the incidents it links).
 */
@Injectable()
export class OpenProblem {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  async execute(
    manager: EntityManager,
    fields: NewProblem,
    linkedIncidentIds: readonly string[] = [],
  ): Promise<Problem> {
    const problem = manager.create(Problem, {
      ...fields,
      state: 'new',
      knownError: false,
      openedAt: new Date(),
    });
    const saved = await manager.save(problem);
    await this.outbox.publish(manager, problemCreated, {
      aggregateId: saved.id,
      data: problemEvents.created(saved, linkedIncidentIds),
    });
    return saved;
  }
}
