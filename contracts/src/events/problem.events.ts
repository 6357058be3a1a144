import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event';
import {
  Actor,
  oneOf,
  recordNumber,
  stateChangedData,
  Timestamp,
  recordUpdatedData,
  Uuid,
  Version,
} from './common';

export const PROBLEM_STATES = [
  'new',
  'assess',
  'root_cause_analysis',
  'fix_in_progress',
  'resolved',
  'closed',
] as const;
const ID = '5e0d9b7c-2f1a-4c3b-9d8e-7f6a5b4c3d2e';

export const problemCreated = defineEvent({
  practice: 'problem',
  entity: 'problem',
  verb: 'created',
  description:
    'A problem was opened, by a problem manager or by proactive detection of recurring incidents.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('PRB'),
    shortDescription: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    state: oneOf(PROBLEM_STATES),
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    configurationItemId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    category: Type.Optional(Type.String()),
    assignmentGroup: Type.Optional(Type.String()),
    linkedIncidentIds: Type.Array(Uuid),
    openedBy: Actor,
    openedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'PRB0000042',
    shortDescription: 'Recurring timeouts on the checkout database',
    state: 'new',
    configurationItemId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    linkedIncidentIds: ['0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10'],
    openedBy: 'system:proactive-detection',
    openedAt: '2026-11-27T11:00:00.000Z',
  },
});

export const problemUpdated = defineEvent({
  practice: 'problem',
  entity: 'problem',
  verb: 'updated',
  description: 'Fields of a problem changed, e.g. its root cause or workaround was documented.',
  schema: recordUpdatedData('PRB'),
  example: {
    id: ID,
    number: 'PRB0000042',
    version: 5,
    changedBy: 'u-3001',
    changedAt: '2026-11-27T12:30:00.000Z',
    changes: [{ field: 'workaround', oldValue: null, newValue: 'Restart the connection pool' }],
  },
});

export const problemStateChanged = defineEvent({
  practice: 'problem',
  entity: 'problem',
  verb: 'state_changed',
  description:
    'A problem moved in its state model; `reason` carries the resolution code when it closes.',
  schema: stateChangedData('PRB', PROBLEM_STATES),
  example: {
    id: ID,
    number: 'PRB0000042',
    version: 6,
    fromState: 'fix_in_progress',
    toState: 'resolved',
    reason: 'fix_applied',
    changedBy: 'u-3001',
    changedAt: '2026-11-28T08:00:00.000Z',
  },
});

export const knownErrorPublished = defineEvent({
  practice: 'problem',
  entity: 'known_error',
  verb: 'published',
  description:
    'A problem became a known error, or the cause or workaround of one changed (`republished`): the workaround that agents apply to its incidents until the fix.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('PRB'),
    version: Version,
    shortDescription: Type.String({ minLength: 1 }),
    cause: Type.String({ minLength: 1 }),
    causeCategory: Type.Optional(Type.String()),
    workaround: Type.String({ minLength: 1 }),
    configurationItemId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    republished: Type.Boolean({
      description:
        'False the first time; true when the cause or workaround of a known error changed',
    }),
    publishedBy: Actor,
    publishedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'PRB0000042',
    version: 7,
    shortDescription: 'Recurring timeouts on the checkout database',
    cause: 'The connection pool leaks connections when a query times out',
    causeCategory: 'software',
    workaround: 'Restart the connection pool from the admin console',
    configurationItemId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    republished: false,
    publishedBy: 'u-3001',
    publishedAt: '2026-11-27T13:00:00.000Z',
  },
});

const linkFields = {
  id: Uuid,
  number: recordNumber('PRB'),
  incidentId: Uuid,
  incidentNumber: Type.Optional(recordNumber('INC')),
};

export const problemIncidentLinked = defineEvent({
  practice: 'problem',
  entity: 'problem',
  verb: 'incident_linked',
  description:
    'An incident was linked to the problem (by a person, or by proactive detection): the incident records its problem.',
  schema: Type.Object({
    ...linkFields,
    detected: Type.Boolean({ description: 'True when proactive detection linked it' }),
    linkedBy: Actor,
    linkedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'PRB0000042',
    incidentId: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    incidentNumber: 'INC0001234',
    detected: true,
    linkedBy: 'system:proactive-detection',
    linkedAt: '2026-11-27T11:00:00.000Z',
  },
});

export const problemIncidentUnlinked = defineEvent({
  practice: 'problem',
  entity: 'problem',
  verb: 'incident_unlinked',
  description:
    'An incident was unlinked from the problem: the incident forgets it, if it still names this problem.',
  schema: Type.Object({ ...linkFields, unlinkedBy: Actor, unlinkedAt: Timestamp }),
  example: {
    id: ID,
    number: 'PRB0000042',
    incidentId: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    incidentNumber: 'INC0001234',
    unlinkedBy: 'u-3001',
    unlinkedAt: '2026-11-27T12:00:00.000Z',
  },
});

export const problemEvents = [
  problemCreated,
  problemUpdated,
  problemStateChanged,
  knownErrorPublished,
  problemIncidentLinked,
  problemIncidentUnlinked,
];
