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
} from './common';

export const INCIDENT_STATES = [
  'new',
  'in_progress',
  'on_hold',
  'resolved',
  'closed',
  'canceled',
] as const;
const Level = Type.Integer({ minimum: 1, maximum: 3 });

export const incidentCreated = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'created',
  description:
    'An incident was opened, by a person, an integration or the platform (a CI went down).',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('INC'),
    shortDescription: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    state: oneOf(INCIDENT_STATES),
    impact: Level,
    urgency: Level,
    priority: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: '1 Critical … 4 Low, 5 Planning',
    }),
    category: Type.Optional(Type.String()),
    callerId: Actor,
    openedBy: Actor,
    openedAt: Timestamp,
    assignmentGroup: Type.Optional(Type.String()),
    assignee: Type.Optional(Type.String()),
    configurationItemId: Type.Optional(Uuid),
    major: Type.Boolean(),
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    shortDescription: 'Checkout page times out',
    state: 'new',
    impact: 1,
    urgency: 2,
    priority: 2,
    callerId: 'u-1042',
    openedBy: 'u-1042',
    openedAt: '2026-11-27T09:14:03.000Z',
    assignmentGroup: 'web-ops',
    major: false,
  },
});

export const incidentUpdated = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'updated',
  description: 'Fields of an incident changed (state changes have their own event).',
  schema: recordUpdatedData('INC'),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 3,
    changedBy: 'u-2001',
    changedAt: '2026-11-27T09:20:00.000Z',
    changes: [{ field: 'assignee', oldValue: null, newValue: 'u-2001' }],
  },
});

export const incidentStateChanged = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'state_changed',
  description:
    'An incident moved in its state model (New, In Progress, On Hold, Resolved, Closed, Canceled).',
  schema: stateChangedData('INC', INCIDENT_STATES),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 4,
    fromState: 'in_progress',
    toState: 'on_hold',
    reason: 'awaiting_vendor',
    changedBy: 'u-2001',
    changedAt: '2026-11-27T10:02:11.000Z',
  },
});

const slaFields = {
  slaId: Uuid,
  definitionId: Uuid,
  definitionName: Type.String(),
  recordType: oneOf(['incident'] as const),
  recordId: Uuid,
  recordNumber: recordNumber('INC'),
  target: oneOf(['response', 'resolution'] as const),
  dueAt: Timestamp,
  elapsedSeconds: Type.Integer({
    minimum: 0,
    description: 'Business time elapsed on the SLA schedule',
  }),
};

export const slaWarning = defineEvent({
  practice: 'incident',
  entity: 'sla',
  verb: 'warning',
  description: 'An SLA clock passed 50 % or 75 % of its target.',
  schema: Type.Object({
    ...slaFields,
    percentElapsed: Type.Integer({ minimum: 1, maximum: 99 }),
    at: Timestamp,
  }),
  example: {
    slaId: '7d1c2a50-5f43-4a0c-8f1e-2b7b9c1d0e11',
    definitionId: '2a9e4f0b-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
    definitionName: 'Priority 2 resolution (1 business day)',
    recordType: 'incident',
    recordId: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    recordNumber: 'INC0001234',
    target: 'resolution',
    dueAt: '2026-11-30T09:14:03.000Z',
    elapsedSeconds: 21600,
    percentElapsed: 75,
    at: '2026-11-27T15:14:03.000Z',
  },
});

export const slaBreached = defineEvent({
  practice: 'incident',
  entity: 'sla',
  verb: 'breached',
  description: 'An SLA clock reached 100 % of its target before the record met it.',
  schema: Type.Object({ ...slaFields, breachedAt: Timestamp }),
  example: {
    slaId: '7d1c2a50-5f43-4a0c-8f1e-2b7b9c1d0e11',
    definitionId: '2a9e4f0b-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
    definitionName: 'Priority 1 resolution (8 hour)',
    recordType: 'incident',
    recordId: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    recordNumber: 'INC0001234',
    target: 'resolution',
    dueAt: '2026-11-27T17:14:03.000Z',
    elapsedSeconds: 28800,
    breachedAt: '2026-11-27T17:14:03.000Z',
  },
});

export const incidentEvents = [
  incidentCreated,
  incidentUpdated,
  incidentStateChanged,
  slaWarning,
  slaBreached,
];
