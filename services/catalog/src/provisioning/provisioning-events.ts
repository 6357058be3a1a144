import {
  requestedItemProvisioningRecorded,
  requestedItemProvisioningRequested,
  requestedItemProvisioningWithdrawn,
  type EventData,
} from '@itsm/contracts';
import type { OutboxEvent } from '../requests/request-events';
import type { RequestedItem } from '../requests/requested-item.entity';
import { ciToProvision, type ProvisioningRule } from './domain/provisioning-rule';
import { provisioningStatus, type Answer, type Provisioning } from './domain/provisioning-outcome';

/** Flow 7's events of a requested item, keyed by its request like all of the request's events. */
export const provisioningEvents = {
  requested: (item: RequestedItem, rule: ProvisioningRule, at: Date): OutboxEvent => ({
    definition: requestedItemProvisioningRequested,
    aggregateId: item.requestId,
    data: {
      id: item.id,
      number: item.number,
      requestId: item.requestId,
      catalogItemName: item.catalogItemName,
      requestedFor: item.requestedFor,
      ...(rule.ci && { ci: ciToProvision(rule.ci, item.variables) }),
      ...(rule.change && {
        change: {
          templateId: rule.change.templateId,
          shortDescription: `${item.catalogItemName} for ${item.number}`,
        },
      }),
      requestedAt: at.toISOString(),
    } satisfies EventData<typeof requestedItemProvisioningRequested>,
  }),

  recorded: (
    item: RequestedItem,
    answer: Answer,
    provisioning: Provisioning,
    at: Date,
  ): OutboxEvent => ({
    definition: requestedItemProvisioningRecorded,
    aggregateId: item.requestId,
    data: {
      id: item.id,
      number: item.number,
      requestId: item.requestId,
      part: answer.part,
      outcome: answer.status,
      ...(answer.part === 'ci'
        ? { ...(answer.ciId && { ciId: answer.ciId }), ciName: answer.ciName }
        : {
            ...(answer.changeId && { changeId: answer.changeId }),
            ...(answer.changeNumber && { changeNumber: answer.changeNumber }),
          }),
      ...(answer.status === 'refused' && { reason: answer.reason ?? 'refused' }),
      needsAttention: provisioningStatus(provisioning) === 'needs_attention',
      recordedAt: at.toISOString(),
    } satisfies EventData<typeof requestedItemProvisioningRecorded>,
  }),

  /** A cancelled item's provisioning, asked for: what the CMDB and change service made is undone. */
  withdrawn: (
    item: RequestedItem,
    provisioning: Provisioning,
    actor: string,
    at: Date,
  ): OutboxEvent => ({
    definition: requestedItemProvisioningWithdrawn,
    aggregateId: item.requestId,
    data: {
      id: item.id,
      number: item.number,
      requestId: item.requestId,
      ci: provisioning.ci !== undefined,
      change: provisioning.change !== undefined,
      withdrawnBy: actor,
      withdrawnAt: at.toISOString(),
    } satisfies EventData<typeof requestedItemProvisioningWithdrawn>,
  }),
};
