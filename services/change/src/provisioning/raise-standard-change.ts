import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { changeProvisioningAnswered, type EventData } from '@itsm/contracts';
import { problem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { ProvisioningLedger, withAuditActor } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { createdEvent } from '../changes/change-events';
import { Change } from '../changes/change.entity';
import { TemplatesService } from '../templates/templates.service';
import { standardChangeSummary } from './domain/standard-change-summary';

export const PROVISIONING_ACTOR = 'system:catalog-provisioning';

/** The standard change raised for each requested item, and the items withdrawn. */
export const PROVISIONED_CHANGES = new ProvisioningLedger('provisioned_changes', 'change_id');

export interface StandardChangeRequest {
  requestedItemId: string;
  requestId: string;
  templateId: string;
  shortDescription: string;
  requestedFor: string;
}

/**
 * Flow 7: raises the standard change a fulfilled requested item asks for, in New, from the
 * published version of its template (as `POST /changes` does for a standard change), and answers
 * with its number, or with the refusal (no such template, none published) for the item to show. A
 * summary longer than a change's short description holds is cut to fit (`standardChangeSummary`).
 */
@Injectable()
export class RaiseStandardChange {
  private readonly logger = new Logger(RaiseStandardChange.name);

  constructor(
    private readonly templates: TemplatesService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(manager: EntityManager, request: StandardChangeRequest, now: Date): Promise<void> {
    const answer = {
      requestedItemId: request.requestedItemId,
      requestId: request.requestId,
      templateId: request.templateId,
      answeredAt: now.toISOString(),
    };
    let data: EventData<typeof changeProvisioningAnswered>;
    try {
      const withdrawn = await PROVISIONED_CHANGES.withdrawal(
        manager,
        request.requestedItemId,
        'standard change',
      );
      if (withdrawn)
        throw problem(HttpStatus.CONFLICT, 'provisioning-withdrawn', 'Withdrawn', withdrawn);
      const change = await withAuditActor(PROVISIONING_ACTOR, () =>
        this.raise(manager, request, now),
      );
      await PROVISIONED_CHANGES.recordMade(manager, request.requestedItemId, change.id, now);
      data = { ...answer, outcome: 'created', changeId: change.id, changeNumber: change.number };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const body = error.getResponse() as { detail?: unknown };
      const reason = typeof body.detail === 'string' ? body.detail : error.message;
      this.logger.warn(
        `Standard change refused for requested item ${request.requestedItemId}: ${reason}`,
      );
      data = { ...answer, outcome: 'refused', reason };
    }
    await this.outbox.publish(manager, changeProvisioningAnswered, {
      aggregateId: request.requestId,
      data,
    });
  }

  private async raise(manager: EntityManager, request: StandardChangeRequest, now: Date) {
    const template = await this.templates.published(manager, request.templateId);
    const change = await manager.save(
      manager.create(Change, {
        type: 'standard',
        state: 'new',
        shortDescription: standardChangeSummary(request.shortDescription),
        description: template.description,
        justification: template.justification,
        implementationPlan: template.implementationPlan,
        backoutPlan: template.backoutPlan,
        testPlan: template.testPlan,
        plannedStart: null,
        plannedEnd: null,
        affectedCiIds: [],
        assignmentGroup: template.assignmentGroup,
        assignee: null,
        requestedBy: request.requestedFor,
        openedBy: PROVISIONING_ACTOR,
        openedAt: now,
        templateId: template.templateId,
        templateVersion: template.version,
      }),
    );
    await this.outbox.publishMany(manager, [createdEvent(change)]);
    return change;
  }
}
