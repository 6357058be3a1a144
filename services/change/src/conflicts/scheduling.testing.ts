import type { impactCalculated } from '@itsm/contracts';
import type { EventOf } from '@itsm/messaging';
import type { ServiceUnderTest } from '@itsm/testing';
import type { RelatedCi } from './domain/footprint';
import { FootprintInputsController } from './footprint-inputs.controller';

export interface ChangeRef {
  id: string;
  number: string;
  version: number;
}

/**
 * Standard changes for conflict tests (they go from New to Scheduled without votes), and the CMDB's
 * answers about their CIs, delivered as the consumer delivers them.
 */
export class SchedulingFixture {
  private templateId!: string;

  constructor(private readonly api: ServiceUnderTest) {}

  async publishTemplate(): Promise<void> {
    const created = await this.api.call('POST', '/api/v1/change-templates', {
      as: 'chloe',
      payload: {
        name: `Conflict probe ${Math.random()}`,
        shortDescription: 'Patch a server',
        justification: 'j',
        implementationPlan: 'i',
        backoutPlan: 'b',
        testPlan: 't',
        assignmentGroup: 'network',
      },
    });
    const template = created.json();
    await this.api.call('POST', `/api/v1/change-templates/${template.id}/publish`, {
      as: 'chloe',
      headers: { 'if-match': `W/"${template.version}"` },
    });
    this.templateId = template.id;
  }

  async raise(ciIds: string[], start: string, end: string): Promise<ChangeRef> {
    const raised = await this.api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: {
        type: 'standard',
        templateId: this.templateId,
        affectedCiIds: ciIds,
        plannedStart: start,
        plannedEnd: end,
      },
    });
    if (raised.statusCode !== 201) throw new Error(`raise: ${raised.statusCode} ${raised.body}`);
    return raised.json();
  }

  /** The CMDB's answer for `ciIds` of the change, as `impact.calculated` carries it. */
  answer(
    changeId: string,
    ciIds: string[],
    related: RelatedCi[] = [],
    serviceIds: string[] = [],
    calculatedAt = new Date(),
  ): Promise<void> {
    const handler = this.api.app.get(FootprintInputsController);
    return this.api.dataSource.transaction((manager) =>
      handler.impact(
        {
          data: {
            recordType: 'change',
            recordId: changeId,
            ciIds,
            impactedServices: serviceIds.map((id) => ({ id, name: 'S', criticality: 2, depth: 1 })),
            impactedCiCount: related.length,
            relatedCis: related,
            relatedDepth: 5,
            relatedTruncated: false,
            calculatedAt: calculatedAt.toISOString(),
          },
        } as EventOf<typeof impactCalculated>,
        { manager, subscription: 'cmdb-footprint', attempt: 1 },
      ),
    );
  }

  schedule(change: ChangeRef, as = 'nina', override?: { reason: string }) {
    return this.api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
      as,
      payload: { to: 'scheduled', ...(override && { override }) },
      headers: { 'if-match': `W/"${change.version}"` },
    });
  }

  async conflicts(change: { id: string }, as = 'nina') {
    return (await this.api.call('GET', `/api/v1/changes/${change.id}/conflicts`, { as })).json();
  }
}
