import { randomUUID } from 'node:crypto';
import type { incidentCreated, incidentStateChanged, incidentUpdated } from '@itsm/contracts';
import type { EventContext, EventOf } from '@itsm/messaging';
import type { ServiceUnderTest } from '@itsm/testing';
import { IncidentEventsController } from './incident-events.controller';

let sequence = 0;
type Created = EventOf<typeof incidentCreated>['data'];

/** The incident events as the consumer applies them: each handler in its own transaction. */
export function incidentEvents(api: ServiceUnderTest) {
  const handlers = api.app.get(IncidentEventsController);
  const deliver = (handle: (ctx: EventContext) => Promise<void>) =>
    api.dataSource.transaction((manager) =>
      handle({ manager, subscription: 'incident', attempt: 1 }),
    );
  return {
    async created(fields: Partial<Created> = {}): Promise<Created> {
      sequence += 1;
      const data: Created = {
        id: randomUUID(),
        number: `INC${String(9_000_000 + sequence).padStart(7, '0')}`,
        shortDescription: 'Checkout page times out',
        state: 'new',
        impact: 2,
        urgency: 2,
        priority: 3,
        callerId: 'alice',
        openedBy: 'alice',
        openedAt: new Date().toISOString(),
        assignmentGroup: 'service-desk',
        major: false,
        ...fields,
      };
      await deliver((ctx) => handlers.created({ data } as EventOf<typeof incidentCreated>, ctx));
      return data;
    },
    updated(id: string, version: number, changes: Array<{ field: string; newValue: unknown }>) {
      const data = {
        id,
        number: 'INC0000001',
        version,
        changedBy: 'sam',
        changedAt: new Date().toISOString(),
        changes: changes.map((change) => ({ oldValue: null, ...change })),
      };
      return deliver((ctx) => handlers.updated({ data } as EventOf<typeof incidentUpdated>, ctx));
    },
    stateChanged(id: string, version: number, fromState: string, toState: string) {
      const data = {
        id,
        number: 'INC0000001',
        version,
        fromState,
        toState,
        changedBy: 'sam',
        changedAt: new Date().toISOString(),
      };
      return deliver((ctx) =>
        handlers.stateChanged({ data } as EventOf<typeof incidentStateChanged>, ctx),
      );
    },
  };
}
