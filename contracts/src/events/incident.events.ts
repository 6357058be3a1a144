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
    parentId: Type.Optional(Uuid),
    channel: Type.Optional(
      oneOf(
        ['self_service', 'service_desk', 'integration', 'monitoring'] as const,
        'How it was raised: monitoring means the platform opened it for a CI that went down',
      ),
    ),
    tags: Type.Optional(Type.Array(Type.String(), { description: 'Free labels, lower case' })),
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

const recordFields = { id: Uuid, number: recordNumber('INC'), version: Version };
const PriorityValue = Type.Integer({ minimum: 1, maximum: 5 });

export const incidentAssigned = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'assigned',
  description: 'The assignment group or the assignee of an incident changed.',
  schema: Type.Object({
    ...recordFields,
    fromGroup: Type.Union([Type.String(), Type.Null()]),
    toGroup: Type.Union([Type.String(), Type.Null()]),
    fromAssignee: Type.Union([Type.String(), Type.Null()]),
    toAssignee: Type.Union([Type.String(), Type.Null()]),
    changedBy: Actor,
    changedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 2,
    fromGroup: 'service-desk',
    toGroup: 'web-ops',
    fromAssignee: null,
    toAssignee: 'u-2001',
    changedBy: 'u-3001',
    changedAt: '2026-11-27T09:16:00.000Z',
  },
});

export const incidentPriorityChanged = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'priority_changed',
  description:
    'The priority of an incident changed (from impact and urgency, or set by a manager); SLAs are re-evaluated.',
  schema: Type.Object({
    ...recordFields,
    fromPriority: PriorityValue,
    toPriority: PriorityValue,
    impact: Level,
    urgency: Level,
    changedBy: Actor,
    changedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 3,
    fromPriority: 3,
    toPriority: 1,
    impact: 1,
    urgency: 1,
    changedBy: 'u-3001',
    changedAt: '2026-11-27T09:30:00.000Z',
  },
});

export const incidentResolved = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'resolved',
  description: 'An incident was resolved, with its resolution code and notes.',
  schema: Type.Object({
    ...recordFields,
    resolutionCode: Type.String({ minLength: 1 }),
    resolutionNotes: Type.String({ minLength: 1 }),
    resolvedBy: Actor,
    resolvedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 6,
    resolutionCode: 'solved_permanently',
    resolutionNotes: 'Connection pool raised to 50',
    resolvedBy: 'u-2001',
    resolvedAt: '2026-11-27T11:02:00.000Z',
  },
});

export const incidentClosed = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'closed',
  description:
    'A resolved incident was closed, by a person or automatically after the waiting time.',
  schema: Type.Object({
    ...recordFields,
    automatically: Type.Boolean(),
    closedBy: Actor,
    closedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 7,
    automatically: true,
    closedBy: 'system:auto-close',
    closedAt: '2026-12-04T11:02:00.000Z',
  },
});

export const incidentReopened = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'reopened',
  description: 'The caller (or an agent) reopened a resolved incident: it is In Progress again.',
  schema: Type.Object({
    ...recordFields,
    reason: Type.String({ minLength: 1 }),
    reopenCount: Type.Integer({ minimum: 1 }),
    reopenedBy: Actor,
    reopenedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 7,
    reason: 'Still timing out after 18:00',
    reopenCount: 1,
    reopenedBy: 'u-1042',
    reopenedAt: '2026-11-27T18:20:00.000Z',
  },
});

const ImpactedService = Type.Object({
  id: Uuid,
  name: Type.String(),
  criticality: Type.Integer({ minimum: 1, maximum: 4 }),
});

export const majorIncidentDeclared = defineEvent({
  practice: 'incident',
  entity: 'major_incident',
  verb: 'declared',
  description:
    'An incident became a major incident: by hand, or automatically (priority 1 on a critical business service).',
  schema: Type.Object({
    ...recordFields,
    shortDescription: Type.String(),
    priority: PriorityValue,
    automatic: Type.Boolean(),
    reason: Type.String({ minLength: 1 }),
    impactedServices: Type.Array(ImpactedService),
    declaredBy: Actor,
    declaredAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 4,
    shortDescription: 'Checkout page times out',
    priority: 1,
    automatic: true,
    reason: 'Priority 1 on the critical business service Online shop',
    impactedServices: [
      { id: '6b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d', name: 'Online shop', criticality: 1 },
    ],
    declaredBy: 'system:major-incident-rule',
    declaredAt: '2026-11-27T09:14:05.000Z',
  },
});

export const majorIncidentCommunication = defineEvent({
  practice: 'incident',
  entity: 'major_incident',
  verb: 'communication_logged',
  description:
    "A message of a major incident's communication log (stakeholder update, status page text).",
  schema: Type.Object({
    ...recordFields,
    communicationId: Uuid,
    audience: oneOf(['stakeholders', 'customers', 'internal'] as const),
    message: Type.String({ minLength: 1 }),
    author: Actor,
    loggedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 5,
    communicationId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99',
    audience: 'customers',
    message: 'Checkout is slow; a fix is being deployed. Next update at 10:30.',
    author: 'u-3001',
    loggedAt: '2026-11-27T09:45:00.000Z',
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

export const incidentNoteAdded = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'note_added',
  description:
    'A comment (the caller sees it: send it on by e-mail or chat) or a work note (internal to the people working the incident) was added.',
  schema: Type.Object({
    ...recordFields,
    noteId: Type.String({
      description: 'The note (a UUID, as the incident lists it); order notes by addedAt, not by id',
    }),
    kind: oneOf(['comment', 'work_note'] as const),
    body: Type.String({ minLength: 1 }),
    author: Actor,
    callerId: Actor,
    addedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    version: 4,
    noteId: '5d2c7a41-9e3b-4f60-8a17-c4b2e9d0f385',
    kind: 'comment',
    body: 'We are restarting the payment gateway; expect a fix within the hour.',
    author: 'u-2001',
    callerId: 'u-1042',
    addedAt: '2026-11-27T09:40:00.000Z',
  },
});

export const incidentChangeCandidateLinked = defineEvent({
  practice: 'incident',
  entity: 'incident',
  verb: 'change_candidate_linked',
  description:
    'An incident on a CI of an unsuccessful change, opened during or up to 24 h after its window, was linked to it as a "caused by change" candidate (flow 6); once per incident and change.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('INC'),
    changeId: Uuid,
    changeNumber: recordNumber('CHG'),
    configurationItemId: Uuid,
    openedAt: Timestamp,
    shortDescription: Type.String({ minLength: 1 }),
    windowStart: Type.Optional(Timestamp),
    windowEnd: Type.Optional(Timestamp),
    linkedAt: Timestamp,
  }),
  example: {
    id: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    number: 'INC0001234',
    changeId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f',
    changeNumber: 'CHG0000310',
    configurationItemId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    openedAt: '2026-12-05T23:40:00.000Z',
    shortDescription: 'Checkout orders stuck in pending',
    windowStart: '2026-12-05T22:00:00.000Z',
    windowEnd: '2026-12-05T23:30:00.000Z',
    linkedAt: '2026-12-06T08:00:01.000Z',
  },
});

export const incidentEvents = [
  incidentCreated,
  incidentUpdated,
  incidentStateChanged,
  incidentAssigned,
  incidentPriorityChanged,
  incidentResolved,
  incidentClosed,
  incidentReopened,
  incidentNoteAdded,
  majorIncidentDeclared,
  majorIncidentCommunication,
  slaWarning,
  slaBreached,
  incidentChangeCandidateLinked,
];
