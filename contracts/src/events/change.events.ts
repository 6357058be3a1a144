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

export const CHANGE_STATES = [
  'new',
  'assess',
  'authorize',
  'scheduled',
  'implement',
  'review',
  'closed',
  'canceled',
] as const;
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
const ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';

export const changeCreated = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'created',
  description: 'A change request was raised (a standard change may come from a catalog item).',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    type: oneOf(CHANGE_TYPES),
    shortDescription: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    state: oneOf(CHANGE_STATES),
    plannedStart: Type.Optional(Timestamp),
    plannedEnd: Type.Optional(Timestamp),
    affectedCiIds: Type.Array(Uuid),
    templateId: Type.Optional(Uuid),
    templateVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The template version a standard change copied' }),
    ),
    assignmentGroup: Type.Optional(Type.String()),
    requestedBy: Actor,
    openedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    type: 'normal',
    shortDescription: 'Upgrade PostgreSQL on db-checkout-01 to 17.2',
    state: 'new',
    plannedStart: '2026-12-05T22:00:00.000Z',
    plannedEnd: '2026-12-05T23:30:00.000Z',
    affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    requestedBy: 'u-4007',
    openedAt: '2026-11-27T13:45:00.000Z',
  },
});

export const changeUpdated = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'updated',
  description: 'Fields of a change changed, e.g. its window, plans or computed risk.',
  schema: recordUpdatedData('CHG'),
  example: {
    id: ID,
    number: 'CHG0000310',
    version: 2,
    changedBy: 'system:risk',
    changedAt: '2026-11-27T13:45:02.000Z',
    changes: [{ field: 'risk', oldValue: null, newValue: 'moderate' }],
  },
});

export const changeStateChanged = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'state_changed',
  description: 'A change moved in its state model; `reason` carries the close code when it closes.',
  schema: stateChangedData('CHG', CHANGE_STATES),
  example: {
    id: ID,
    number: 'CHG0000310',
    version: 9,
    fromState: 'review',
    toState: 'closed',
    reason: 'successful',
    changedBy: 'u-4007',
    changedAt: '2026-12-06T08:00:00.000Z',
  },
});

export const CHANGE_RISKS = ['low', 'moderate', 'high', 'very_high'] as const;
export const CHANGE_APPROVAL_BOARDS = ['change_manager', 'cab', 'emergency_cab'] as const;

export const changeRiskAssessed = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'risk_assessed',
  description:
    'The risk of a change was (re)assessed: on entering assessment, when the CMDB answered for its CIs, when a CI was added or removed. Every factor with its value and weight.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    version: Type.Integer({ minimum: 1 }),
    risk: oneOf(CHANGE_RISKS),
    score: Type.Integer({ minimum: 0 }),
    factors: Type.Array(
      Type.Object({
        factor: Type.String({ description: 'change_type, impacted_services, recent_incidents, …' }),
        value: Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
        weight: Type.Integer({ minimum: 0 }),
        explanation: Type.String(),
      }),
    ),
    affectedCiIds: Type.Array(Uuid),
    assessedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    version: 3,
    risk: 'moderate',
    score: 30,
    factors: [
      { factor: 'change_type', value: 'normal', weight: 10, explanation: 'A normal change' },
      {
        factor: 'impacted_services',
        value: 1,
        weight: 20,
        explanation: 'Impacts Online shop (criticality 1)',
      },
      {
        factor: 'recent_incidents',
        value: 0,
        weight: 0,
        explanation: '0 incident(s) on these CIs in the last 30 days',
      },
      {
        factor: 'past_change_failure_rate',
        value: 0,
        weight: 0,
        explanation: 'No past change on these CIs',
      },
      {
        factor: 'outside_business_hours',
        value: false,
        weight: 0,
        explanation: 'The window lies within business hours',
      },
    ],
    affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    assessedAt: '2026-11-27T13:45:02.000Z',
  },
});

export const changeApprovalRecorded = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'approval_recorded',
  description: 'A member of the deciding board approved or rejected a change in Authorize.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    approver: Actor,
    board: oneOf(CHANGE_APPROVAL_BOARDS),
    decision: oneOf(['approved', 'rejected'] as const),
    comment: Type.String({ minLength: 1 }),
    decidedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    approver: 'carl',
    board: 'cab',
    decision: 'approved',
    comment: 'Backout plan tested on staging',
    decidedAt: '2026-11-28T10:00:00.000Z',
  },
});

export const changeApprovalDecided = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'approval_decided',
  description:
    'The approvals a change needs are complete (approved: it may be scheduled) or one rejected it.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    outcome: oneOf(['approved', 'rejected'] as const),
    board: oneOf(CHANGE_APPROVAL_BOARDS),
    approvals: Type.Integer({ minimum: 0, description: 'Approvals counted for the board' }),
    approvalsNeeded: Type.Integer({ minimum: 1 }),
    decidedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    outcome: 'approved',
    board: 'cab',
    approvals: 2,
    approvalsNeeded: 2,
    decidedAt: '2026-11-28T10:05:00.000Z',
  },
});

export const changeProvisioningAnswered = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'provisioning_answered',
  description:
    "Flow 7: the change service's answer to a requested item's `provisioning_requested`: the standard change raised from the published template, or why it was refused (no such template, none published).",
  schema: Type.Object({
    requestedItemId: Uuid,
    requestId: Uuid,
    outcome: oneOf(['created', 'refused'] as const),
    changeId: Type.Optional(Uuid),
    changeNumber: Type.Optional(recordNumber('CHG')),
    templateId: Uuid,
    reason: Type.Optional(Type.String({ description: 'Why the change service refused' })),
    answeredAt: Timestamp,
  }),
  example: {
    requestedItemId: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e',
    requestId: '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a',
    outcome: 'created',
    changeId: '1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b',
    changeNumber: 'CHG0000420',
    templateId: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
    answeredAt: '2026-11-28T09:00:01.000Z',
  },
});

export const changeEvents = [
  changeCreated,
  changeUpdated,
  changeStateChanged,
  changeRiskAssessed,
  changeApprovalRecorded,
  changeApprovalDecided,
  changeProvisioningAnswered,
];
