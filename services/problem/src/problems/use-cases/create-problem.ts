import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { IdempotencyKeys, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { problemView, type ProblemView } from '../problem-view';
import type { CreateProblemRequest } from '../problem.dto';
import { Problem } from '../problem.entity';
import { OpenProblem } from './open-problem';

const idempotencyKeys = new IdempotencyKeys({
  table: 'problem_idempotency_keys',
  recordColumn: 'problem_id',
  recordName: 'problem',
});

export interface CreatedProblem {
  view: ProblemView;
  /** True when an earlier request with the same Idempotency-Key opened it. */
  replayed: boolean;
}

/**
 * Opens a problem through the API, as New; a retry with the same Idempotency-Key returns the
 * problem the first request opened.
 */
@Injectable()
export class CreateProblem {
  constructor(
    private readonly dataSource: DataSource,
    private readonly openProblem: OpenProblem,
  ) {}

  async execute(
    request: CreateProblemRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<CreatedProblem> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await idempotencyKeys.claim(manager, caller.id, idempotencyKey, request);
          if (earlier) {
            const problem = await manager.findOneByOrFail(Problem, { id: earlier });
            return { view: problemView(problem), replayed: true };
          }
        }
        const problem = await this.openProblem.execute(manager, {
          shortDescription: request.shortDescription,
          description: request.description ?? null,
          category: request.category ?? null,
          configurationItemId: request.configurationItemId ?? null,
          serviceId: request.serviceId ?? null,
          assignmentGroup: request.assignmentGroup ?? null,
          assignee: request.assignee ?? null,
          cause: request.cause ?? null,
          causeCategory: request.causeCategory ?? null,
          analysisMethod: request.analysisMethod ?? null,
          analysisNotes: request.analysisNotes ?? null,
          workaround: request.workaround ?? null,
          openedBy: caller.id,
        });
        if (idempotencyKey)
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, problem.id);
        return { view: problemView(problem), replayed: false };
      }),
    );
  }
}
