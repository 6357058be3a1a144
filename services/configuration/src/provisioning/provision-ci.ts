import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ciProvisioningAnswered, type EventData } from '@itsm/contracts';
import { problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { ProvisioningLedger, withAuditActor } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { CisService } from '../cis/cis.service';
import { ConfigurationItem } from '../cis/configuration-item.entity';
import { provisionedNameErrors } from './domain/provisioned-name';
import { refusalReason } from './domain/refusal-reason';

export const PROVISIONING_ACTOR = 'system:catalog-provisioning';

/** The CI made for each requested item, and the items withdrawn. */
const PROVISIONED_CIS = new ProvisioningLedger('provisioned_cis', 'ci_id');

export interface CiRequest {
  requestedItemId: string;
  requestId: string;
  className: string;
  name: string;
  attributes: Record<string, unknown>;
}

/**
 * Flow 7: creates the CI a fulfilled requested item asks for, checked as a CI created through the
 * API is (its class, its attributes against the class's schema, its identifiers), and answers with
 * the CI or with the refusal naming each wrong field. The CI is written in a savepoint, so that a
 * refusal leaves nothing behind but the answer.
 */
@Injectable()
export class ProvisionCi {
  private readonly logger = new Logger(ProvisionCi.name);

  constructor(
    private readonly cis: CisService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(manager: EntityManager, request: CiRequest, now: Date): Promise<void> {
    const answer = { requestedItemId: request.requestedItemId, requestId: request.requestId };
    let data: EventData<typeof ciProvisioningAnswered>;
    try {
      const { className, name, attributes } = request;
      const withdrawn = await PROVISIONED_CIS.withdrawal(manager, request.requestedItemId, 'CI');
      if (withdrawn)
        throw problem(HttpStatus.CONFLICT, 'provisioning-withdrawn', 'Withdrawn', withdrawn);
      const nameErrors = provisionedNameErrors(name);
      if (nameErrors.length > 0) throw validationProblem(nameErrors);
      const ci = await withAuditActor(PROVISIONING_ACTOR, () =>
        manager.transaction((inner) =>
          this.cis.createIn(inner, { className, name, attributes }, PROVISIONING_ACTOR),
        ),
      );
      await PROVISIONED_CIS.recordMade(manager, request.requestedItemId, ci.id, now);
      data = {
        ...answer,
        outcome: 'created',
        ciId: ci.id,
        ciName: ci.name,
        className: request.className,
        answeredAt: now.toISOString(),
      };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const reason = refusalReason(error.getResponse(), error.message);
      this.logger.warn(
        `CI ${request.name} refused for requested item ${request.requestedItemId}: ${reason}`,
      );
      data = {
        ...answer,
        outcome: 'refused',
        ciName: request.name,
        className: request.className,
        reason,
        answeredAt: now.toISOString(),
      };
    }
    await this.outbox.publish(manager, ciProvisioningAnswered, {
      aggregateId: request.requestId,
      data,
    });
  }
}

/**
 * Flow 7 undone: the CI created for a requested item whose request was cancelled is retired (its
 * history says by whom and why), with `ci.retired`. Nothing was created (refused, or not asked):
 * nothing to do but remember the withdrawal; retired already: nothing more.
 */
@Injectable()
export class WithdrawProvisionedCi {
  private readonly logger = new Logger(WithdrawProvisionedCi.name);

  constructor(private readonly cis: CisService) {}

  async execute(manager: EntityManager, requestedItemId: string, number: string): Promise<void> {
    const ciId = await PROVISIONED_CIS.recordWithdrawal(manager, requestedItemId);
    if (!ciId) return;
    const ci = await manager.findOne(ConfigurationItem, {
      where: { id: ciId },
      lock: { mode: 'pessimistic_write' },
    });
    // Deleted meanwhile, as a CI registered by mistake may be: nothing left to retire.
    if (!ci) return;
    await withAuditActor(PROVISIONING_ACTOR, () =>
      this.cis.retireIn(manager, ci, PROVISIONING_ACTOR),
    );
    this.logger.log(`CI ${ci.name} retired: ${number} was cancelled`);
  }
}
