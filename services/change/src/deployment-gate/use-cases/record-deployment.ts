import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { changeDeploymentRecorded, type EventData } from '@itsm/contracts';
import { problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { IdempotencyKeys, withAuditActor, writeAuditEntries } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { Change, CHANGE_ROW_LOCK } from '../../changes/change.entity';
import type { DeploymentRequest } from '../deployment-gate.dto';
import { deploymentReport, REPORTING_STATES } from '../domain/deployment-report';
import type { DeploymentResponse } from '../deployment-gate.response';

const idempotencyKeys = new IdempotencyKeys({
  table: 'deployment_idempotency_keys',
  recordColumn: 'deployment_id',
  recordName: 'deployment',
});

/**
 * Records a pipeline's report of a deployment on the change: a row of its deployments, a line of
 * its history and `change.deployment_recorded`, in one transaction. The change's fields (and its
 * version, which people editing it hold) stay as they are. A pipeline's retry with the same
 * Idempotency-Key answers the first report, whatever state the change has moved to since.
 */
@Injectable()
export class RecordDeployment {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  execute(
    id: string,
    request: DeploymentRequest,
    caller: Principal,
    idempotencyKey?: string,
  ): Promise<{ deployment: DeploymentResponse; replayed: boolean }> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        if (idempotencyKey) {
          const earlier = await idempotencyKeys.claim(manager, caller.id, idempotencyKey, {
            changeId: id,
            ...request,
          });
          if (earlier)
            return { deployment: await recordedDeployment(manager, earlier), replayed: true };
        }
        const change = await manager.findOne(Change, {
          where: { id },
          lock: { mode: CHANGE_ROW_LOCK },
        });
        if (!change) throw recordNotFound('Change', id);
        const report = deploymentReport(change, request.ciIds);
        if (!report.accepted && report.kind === 'not-implementing') {
          throw problem(
            HttpStatus.CONFLICT,
            'change-not-implementing',
            'The change is not being implemented',
            `${change.number} is in ${change.state}: deployments are reported in implement or review`,
            { currentState: change.state, allowedStates: REPORTING_STATES },
          );
        }
        if (!report.accepted) {
          throw validationProblem([
            {
              field: 'ciIds',
              message: `${change.number} does not cover ${report.foreign.join(', ')}`,
            },
          ]);
        }
        const { ciIds } = report;
        const reportedAt = new Date();
        const [row] = (await manager.query(
          `INSERT INTO change_deployments
             (change_id, outcome, pipeline, url, version, ci_ids, reported_by, reported_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            change.id,
            request.outcome,
            request.pipeline ?? null,
            request.url ?? null,
            request.version ?? null,
            ciIds,
            caller.id,
            reportedAt,
          ],
        )) as Array<{ id: string }>;
        const deployment: DeploymentResponse = {
          id: row!.id,
          changeId: change.id,
          changeNumber: change.number,
          outcome: request.outcome,
          pipeline: request.pipeline ?? null,
          url: request.url ?? null,
          version: request.version ?? null,
          ciIds,
          reportedBy: caller.id,
          reportedAt: reportedAt.toISOString(),
        };
        const { outcome, pipeline, url, version } = deployment;
        await writeAuditEntries(manager, [
          {
            entityType: 'change',
            entityId: change.id,
            operation: 'update',
            field: 'deployments',
            oldValue: null,
            newValue: { deploymentId: deployment.id, outcome, pipeline, url, version, ciIds },
          },
        ]);
        const data: EventData<typeof changeDeploymentRecorded> = {
          id: change.id,
          number: change.number,
          deploymentId: deployment.id,
          outcome,
          ...(pipeline === null ? {} : { pipeline }),
          ...(url === null ? {} : { url }),
          ...(version === null ? {} : { version }),
          ciIds,
          reportedBy: caller.id,
          reportedAt: deployment.reportedAt,
        };
        await this.outbox.publish(manager, changeDeploymentRecorded, {
          aggregateId: change.id,
          data,
        });
        if (idempotencyKey) {
          await idempotencyKeys.record(manager, caller.id, idempotencyKey, deployment.id);
        }
        return { deployment, replayed: false };
      }),
    );
  }
}

/** A deployment as it was recorded, answered again to a retry. */
async function recordedDeployment(manager: EntityManager, id: string): Promise<DeploymentResponse> {
  const [row] = (await manager.query(
    `SELECT d.id, d.change_id, c.number, d.outcome, d.pipeline, d.url, d.version, d.ci_ids,
            d.reported_by, d.reported_at
       FROM change_deployments d JOIN changes c ON c.id = d.change_id WHERE d.id = $1`,
    [id],
  )) as Array<Record<string, unknown>>;
  return {
    id: row!.id as string,
    changeId: row!.change_id as string,
    changeNumber: row!.number as string,
    outcome: row!.outcome as DeploymentResponse['outcome'],
    pipeline: row!.pipeline as string | null,
    url: row!.url as string | null,
    version: row!.version as string | null,
    ciIds: row!.ci_ids as string[],
    reportedBy: row!.reported_by as string,
    reportedAt: (row!.reported_at as Date).toISOString(),
  };
}
