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

export const CONFLICT_KINDS = ['same_ci', 'dependency', 'blackout'] as const;
export const BLACKOUT_SCOPES = ['global', 'cis', 'services'] as const;
const BLACKOUT_ID = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

export const changeConflictsOverridden = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'conflicts_overridden',
  description:
    'A change manager scheduled a change despite its conflicts (other changes on the same or related CIs, freezes) or before the CMDB had answered for its CIs, with a reason.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    reason: Type.String({ minLength: 1 }),
    footprintPending: Type.Boolean({
      description: 'The CMDB had not answered for its CIs: related CIs were not checked',
    }),
    conflicts: Type.Array(
      Type.Object({
        kind: oneOf(CONFLICT_KINDS),
        otherChangeId: Type.Optional(Uuid),
        otherChangeNumber: Type.Optional(recordNumber('CHG')),
        blackoutWindowId: Type.Optional(Uuid),
        ciId: Type.Optional(Uuid),
        serviceId: Type.Optional(Uuid),
      }),
    ),
    overriddenBy: Actor,
    overriddenAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    reason: 'Agreed with the owner of CHG0000305: they finish by 22:30',
    footprintPending: false,
    conflicts: [
      {
        kind: 'dependency',
        otherChangeId: '1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b',
        otherChangeNumber: 'CHG0000305',
        ciId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      },
    ],
    overriddenBy: 'chloe',
    overriddenAt: '2026-11-29T09:00:00.000Z',
  },
});

const blackoutFields = {
  id: Uuid,
  name: Type.String({ minLength: 1 }),
  reason: Type.Optional(Type.String()),
  start: Timestamp,
  end: Timestamp,
  scope: oneOf(BLACKOUT_SCOPES, 'global, or the CIs or business services listed'),
  ciIds: Type.Array(Uuid),
  serviceIds: Type.Array(Uuid),
  version: Type.Integer({ minimum: 1 }),
  changedBy: Actor,
  changedAt: Timestamp,
  affectedChangeIds: Type.Optional(
    Type.Array(Uuid, {
      maxItems: 200,
      description:
        'The changes in Scheduled or Implement the freeze stops as saved (window overlapping, CIs or impacted services in scope), earliest first',
    }),
  ),
  affectedChangesTruncated: Type.Optional(
    Type.Boolean({ description: 'More changes are affected than `affectedChangeIds` lists' }),
  ),
};
const blackoutExample = {
  id: BLACKOUT_ID,
  name: 'Year-end freeze',
  reason: 'Peak season for the online shop',
  start: '2026-12-20T00:00:00.000Z',
  end: '2027-01-04T00:00:00.000Z',
  scope: 'services' as const,
  ciIds: [],
  serviceIds: ['6b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d'],
  version: 1,
  changedBy: 'chloe',
  changedAt: '2026-11-20T10:00:00.000Z',
  affectedChangeIds: ['3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a'],
  affectedChangesTruncated: false,
};

export const blackoutWindowCreated = defineEvent({
  practice: 'change',
  entity: 'blackout_window',
  verb: 'created',
  description:
    'A blackout window (freeze) was declared: no change in it, globally or on its scope.',
  schema: Type.Object(blackoutFields),
  example: blackoutExample,
});

export const blackoutWindowUpdated = defineEvent({
  practice: 'change',
  entity: 'blackout_window',
  verb: 'updated',
  description: 'A blackout window changed: the whole window as it is now.',
  schema: Type.Object(blackoutFields),
  example: { ...blackoutExample, end: '2027-01-06T00:00:00.000Z', version: 2 },
});

export const blackoutWindowDeleted = defineEvent({
  practice: 'change',
  entity: 'blackout_window',
  verb: 'deleted',
  description: 'A blackout window was lifted.',
  schema: Type.Object({ id: Uuid, name: Type.String(), changedBy: Actor, changedAt: Timestamp }),
  example: {
    id: BLACKOUT_ID,
    name: 'Year-end freeze',
    changedBy: 'chloe',
    changedAt: '2026-12-01T10:00:00.000Z',
  },
});

export const CHANGE_CLOSE_CODES = ['successful', 'successful_with_issues', 'unsuccessful'] as const;

export const changeClosed = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'closed',
  description:
    'A change was closed, with how it went, its CIs and its window (flow 6): the CMDB records it in the history of each CI; `closeCode: unsuccessful` announces a failed change, and the incident service links the incidents opened on its CIs during or up to 24 h after its window as "caused by change" candidates.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    type: oneOf(CHANGE_TYPES),
    closeCode: oneOf(CHANGE_CLOSE_CODES),
    closeNotes: Type.String(),
    affectedCiIds: Type.Array(Uuid),
    plannedStart: Type.Optional(Timestamp),
    plannedEnd: Type.Optional(Timestamp),
    actualStart: Type.Optional(Timestamp),
    actualEnd: Type.Optional(Timestamp),
    closedBy: Actor,
    closedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    type: 'normal',
    closeCode: 'unsuccessful',
    closeNotes: 'Replication broke after the upgrade; backed out',
    affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    plannedStart: '2026-12-05T22:00:00.000Z',
    plannedEnd: '2026-12-05T23:30:00.000Z',
    actualStart: '2026-12-05T22:02:00.000Z',
    actualEnd: '2026-12-05T23:10:00.000Z',
    closedBy: 'u-4007',
    closedAt: '2026-12-06T08:00:00.000Z',
  },
});

export const DEPLOYMENT_OUTCOMES = ['succeeded', 'failed'] as const;

export const changeDeploymentRecorded = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'deployment_recorded',
  description:
    'A CI/CD pipeline reported the outcome of a deployment the deployment gate let through under the change.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    deploymentId: Uuid,
    outcome: oneOf(DEPLOYMENT_OUTCOMES),
    pipeline: Type.Optional(
      Type.String({ description: 'The pipeline or job, as the tool names it' }),
    ),
    url: Type.Optional(Type.String({ description: 'Where the run can be seen' })),
    version: Type.Optional(Type.String({ description: 'What was deployed' })),
    ciIds: Type.Array(Uuid, { description: 'The CIs deployed to' }),
    reportedBy: Actor,
    reportedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    deploymentId: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
    outcome: 'succeeded',
    pipeline: 'checkout/deploy-production',
    url: 'https://ci.example.com/checkout/pipelines/4711',
    version: '2.14.0',
    ciIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    reportedBy: 'itsm-deployer',
    reportedAt: '2026-12-05T22:20:00.000Z',
  },
});

/**
 * Flow 5's question asked again without a change to the change: the CMDB's relationships moved
 * near its CIs, so its footprint (related CIs, impacted services) may be stale.
 */
export const changeImpactRequested = defineEvent({
  practice: 'change',
  entity: 'change',
  verb: 'impact_requested',
  description:
    "The change service asks the CMDB to calculate a change's impact again (answered by impact.calculated), because relationships near its CIs were created or removed, or one of them was retired, while the change can still be scheduled.",
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('CHG'),
    affectedCiIds: Type.Array(Uuid),
    causedBy: Type.String({
      description:
        'The type of the CMDB event that made its footprint stale (the first, when several did at once)',
    }),
    requestedBy: Actor,
    requestedAt: Timestamp,
  }),
  example: {
    id: ID,
    number: 'CHG0000310',
    affectedCiIds: ['9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    causedBy: 'itsm.configuration.relationship.created.v1',
    requestedBy: 'system:footprint-refresh',
    requestedAt: '2026-12-05T21:05:00.000Z',
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
  changeConflictsOverridden,
  blackoutWindowCreated,
  blackoutWindowUpdated,
  blackoutWindowDeleted,
  changeClosed,
  changeDeploymentRecorded,
  changeImpactRequested,
];
