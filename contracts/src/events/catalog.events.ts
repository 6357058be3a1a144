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

/** ServiceNow's request states, so that integrators can map their data. */
export const REQUEST_STATES = [
  'requested',
  'in_process',
  'closed_complete',
  'closed_incomplete',
  'closed_cancelled',
  'closed_rejected',
] as const;
export const REQUESTED_ITEM_STATES = [
  'requested',
  'pending_approval',
  'approved',
  'in_fulfilment',
  'fulfilled',
  'rejected',
  'cancelled',
] as const;
export const CATALOG_TASK_STATES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type CatalogTaskState = (typeof CATALOG_TASK_STATES)[number];
const REQ_ID = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';
const RITM_ID = '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e';

export const requestCreated = defineEvent({
  practice: 'catalog',
  entity: 'request',
  verb: 'created',
  description: 'An employee submitted a request (REQ) for one or more catalog items.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('REQ'),
    state: oneOf(REQUEST_STATES),
    requestedFor: Actor,
    requestedBy: Actor,
    itemCount: Type.Integer({ minimum: 1 }),
    openedAt: Timestamp,
  }),
  example: {
    id: REQ_ID,
    number: 'REQ0000777',
    state: 'requested',
    requestedFor: 'u-1042',
    requestedBy: 'u-1042',
    itemCount: 1,
    openedAt: '2026-11-27T14:00:00.000Z',
  },
});

export const requestUpdated = defineEvent({
  practice: 'catalog',
  entity: 'request',
  verb: 'updated',
  description: 'Fields of a request changed.',
  schema: recordUpdatedData('REQ'),
  example: {
    id: REQ_ID,
    number: 'REQ0000777',
    version: 2,
    changedBy: 'u-1042',
    changedAt: '2026-11-27T14:05:00.000Z',
    changes: [{ field: 'requestedFor', oldValue: 'u-1042', newValue: 'u-1043' }],
  },
});

export const requestStateChanged = defineEvent({
  practice: 'catalog',
  entity: 'request',
  verb: 'state_changed',
  description: 'A request moved in its state model.',
  schema: stateChangedData('REQ', REQUEST_STATES),
  example: {
    id: REQ_ID,
    number: 'REQ0000777',
    version: 3,
    fromState: 'requested',
    toState: 'in_process',
    changedBy: 'system:fulfilment',
    changedAt: '2026-11-27T14:10:00.000Z',
  },
});

export const requestedItemCreated = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'created',
  description: 'A requested item (RITM) of a request, with the variables submitted on its form.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('RITM'),
    requestId: Uuid,
    catalogItemId: Uuid,
    catalogItemName: Type.String(),
    catalogItemVersion: Type.Integer({ minimum: 1 }),
    quantity: Type.Integer({ minimum: 1 }),
    variables: Type.Record(Type.String(), Type.Unknown()),
    state: oneOf(REQUESTED_ITEM_STATES),
    requestedFor: Actor,
    openedAt: Timestamp,
  }),
  example: {
    id: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    catalogItemId: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
    catalogItemName: 'New VM',
    catalogItemVersion: 3,
    quantity: 1,
    variables: { cpu: 4, memoryGb: 16, environment: 'staging' },
    state: 'requested',
    requestedFor: 'u-1042',
    openedAt: '2026-11-27T14:00:00.000Z',
  },
});

export const requestedItemUpdated = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'updated',
  description: 'Fields of a requested item changed.',
  schema: recordUpdatedData('RITM'),
  example: {
    id: RITM_ID,
    number: 'RITM0001001',
    version: 2,
    changedBy: 'u-6001',
    changedAt: '2026-11-27T15:00:00.000Z',
    changes: [{ field: 'assignmentGroup', oldValue: null, newValue: 'cloud-platform' }],
  },
});

export const requestedItemStateChanged = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'state_changed',
  description:
    'A requested item moved in its state model; `fulfilled` when all of its tasks are done.',
  schema: stateChangedData('RITM', REQUESTED_ITEM_STATES),
  example: {
    id: RITM_ID,
    number: 'RITM0001001',
    version: 6,
    fromState: 'in_fulfilment',
    toState: 'fulfilled',
    changedBy: 'system:fulfilment',
    changedAt: '2026-11-28T09:00:00.000Z',
  },
});

const SCTASK_ID = '2f3e4d5c-6b7a-4890-8a1b-2c3d4e5f6a7b';
const ITEM_ID = '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d';

export const catalogTaskCreated = defineEvent({
  practice: 'catalog',
  entity: 'catalog_task',
  verb: 'created',
  description:
    'A fulfilment task (SCTASK) of a requested item, made for a group when its stage of the plan starts.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('SCTASK'),
    requestedItemId: Uuid,
    requestId: Uuid,
    stage: Type.Integer({ minimum: 1, description: 'Tasks of one stage run in parallel' }),
    shortDescription: Type.String(),
    assignmentGroup: Type.String({ minLength: 1 }),
    state: oneOf(CATALOG_TASK_STATES),
    openedAt: Timestamp,
  }),
  example: {
    id: SCTASK_ID,
    number: 'SCTASK0002001',
    requestedItemId: RITM_ID,
    requestId: REQ_ID,
    stage: 1,
    shortDescription: 'Create the VM',
    assignmentGroup: 'cloud-platform',
    state: 'open',
    openedAt: '2026-11-27T14:00:00.000Z',
  },
});

export const catalogTaskStateChanged = defineEvent({
  practice: 'catalog',
  entity: 'catalog_task',
  verb: 'state_changed',
  description: 'A catalog task moved in its state model (`open → in_progress → done | cancelled`).',
  schema: stateChangedData('SCTASK', CATALOG_TASK_STATES),
  example: {
    id: SCTASK_ID,
    number: 'SCTASK0002001',
    version: 3,
    fromState: 'in_progress',
    toState: 'done',
    changedBy: 'u-6001',
    changedAt: '2026-11-28T08:30:00.000Z',
  },
});

const catalogItemVersionData = Type.Object({
  id: Uuid,
  name: Type.String({ minLength: 1 }),
  itemVersion: Type.Integer({
    minimum: 1,
    description: 'The version of the item published or retired',
  }),
  changedBy: Actor,
  changedAt: Timestamp,
});

export const catalogItemPublished = defineEvent({
  practice: 'catalog',
  entity: 'catalog_item',
  verb: 'published',
  description:
    'A version of a catalog item was published: requests are made from it from now on; the version published before retired.',
  schema: catalogItemVersionData,
  example: {
    id: ITEM_ID,
    name: 'New VM',
    itemVersion: 3,
    changedBy: 'u-7001',
    changedAt: '2026-11-20T10:00:00.000Z',
  },
});

export const catalogItemRetired = defineEvent({
  practice: 'catalog',
  entity: 'catalog_item',
  verb: 'retired',
  description:
    'A catalog item was withdrawn: nobody can order it; requests made from it keep their version.',
  schema: catalogItemVersionData,
  example: {
    id: ITEM_ID,
    name: 'New VM',
    itemVersion: 3,
    changedBy: 'u-7001',
    changedAt: '2026-12-20T10:00:00.000Z',
  },
});

const ProvisionedCi = Type.Object({
  className: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  attributes: Type.Record(Type.String(), Type.Unknown()),
});

export const requestedItemProvisioningRequested = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'provisioning_requested',
  description:
    'Flow 7: the tasks of a requested item whose catalog item provisions are done; the CMDB creates the CI (`ci`), the change service raises the standard change from the template (`change`), and each answers with `provisioning_answered`. The item is fulfilled when both are created.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('RITM'),
    requestId: Uuid,
    catalogItemName: Type.String(),
    requestedFor: Actor,
    ci: Type.Optional(ProvisionedCi),
    change: Type.Optional(
      Type.Object({
        templateId: Uuid,
        shortDescription: Type.String({ minLength: 1 }),
      }),
    ),
    requestedAt: Timestamp,
  }),
  example: {
    id: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    catalogItemName: 'New VM',
    requestedFor: 'u-1042',
    ci: { className: 'linux_server', name: 'vm-web7', attributes: { cpu_count: 4 } },
    change: {
      templateId: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
      shortDescription: 'New VM for RITM0001001',
    },
    requestedAt: '2026-11-28T09:00:00.000Z',
  },
});

export const PROVISIONING_PARTS = ['ci', 'change'] as const;
export const PROVISIONING_OUTCOMES = ['created', 'refused'] as const;

export const requestedItemProvisioningRecorded = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'provisioning_recorded',
  description:
    "A requested item recorded the CMDB's or the change service's answer: the CI or change created, or the refusal, after which the item needs attention (it stays in_fulfilment until it is cancelled).",
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('RITM'),
    requestId: Uuid,
    part: oneOf(PROVISIONING_PARTS),
    outcome: oneOf(PROVISIONING_OUTCOMES),
    ciId: Type.Optional(Uuid),
    ciName: Type.Optional(Type.String()),
    changeId: Type.Optional(Uuid),
    changeNumber: Type.Optional(recordNumber('CHG')),
    reason: Type.Optional(Type.String({ description: 'Why it was refused' })),
    needsAttention: Type.Boolean({ description: 'A part was refused: somebody has to act' }),
    recordedAt: Timestamp,
  }),
  example: {
    id: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    part: 'ci',
    outcome: 'created',
    ciId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    ciName: 'vm-web7',
    needsAttention: false,
    recordedAt: '2026-11-28T09:00:02.000Z',
  },
});

export const requestedItemProvisioningWithdrawn = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'provisioning_withdrawn',
  description:
    'Flow 7: a requested item whose provisioning was asked for was cancelled. The CMDB retires the CI it created for the item (`ci`), the change service cancels the standard change it raised for it (`change`) unless the change is already being implemented. Keyed by the request like `provisioning_requested`, so a service reads the request before its withdrawal.',
  schema: Type.Object({
    id: Uuid,
    number: recordNumber('RITM'),
    requestId: Uuid,
    ci: Type.Boolean({ description: 'The CMDB was asked for a CI' }),
    change: Type.Boolean({ description: 'The change service was asked for a standard change' }),
    withdrawnBy: Actor,
    withdrawnAt: Timestamp,
  }),
  example: {
    id: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    ci: true,
    change: true,
    withdrawnBy: 'u-1042',
    withdrawnAt: '2026-11-28T09:05:00.000Z',
  },
});

const deliverySlaFields = {
  slaId: Uuid,
  definitionId: Uuid,
  definitionName: Type.String(),
  recordType: oneOf(['requested_item'] as const),
  recordId: Uuid,
  recordNumber: recordNumber('RITM'),
  requestId: Uuid,
  target: oneOf(['delivery'] as const),
  dueAt: Timestamp,
  elapsedSeconds: Type.Integer({
    minimum: 0,
    description: 'Business time elapsed on the SLA schedule',
  }),
};

export const deliverySlaWarning = defineEvent({
  practice: 'catalog',
  entity: 'sla',
  verb: 'warning',
  description: "A requested item's delivery clock passed 50 % or 75 % of its item's target.",
  schema: Type.Object({
    ...deliverySlaFields,
    percentElapsed: Type.Integer({ minimum: 1, maximum: 99 }),
    at: Timestamp,
  }),
  example: {
    slaId: '6c1d2a50-5f43-4a0c-8f1e-2b7b9c1d0e12',
    definitionId: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
    definitionName: 'New VM delivery (40 hours)',
    recordType: 'requested_item',
    recordId: RITM_ID,
    recordNumber: 'RITM0001001',
    requestId: REQ_ID,
    target: 'delivery',
    dueAt: '2026-12-01T16:00:00.000Z',
    elapsedSeconds: 108000,
    percentElapsed: 75,
    at: '2026-11-30T12:00:00.000Z',
  },
});

export const deliverySlaBreached = defineEvent({
  practice: 'catalog',
  entity: 'sla',
  verb: 'breached',
  description: "A requested item was not delivered within its item's delivery target.",
  schema: Type.Object({ ...deliverySlaFields, breachedAt: Timestamp }),
  example: {
    slaId: '6c1d2a50-5f43-4a0c-8f1e-2b7b9c1d0e12',
    definitionId: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
    definitionName: 'New VM delivery (40 hours)',
    recordType: 'requested_item',
    recordId: RITM_ID,
    recordNumber: 'RITM0001001',
    requestId: REQ_ID,
    target: 'delivery',
    dueAt: '2026-12-01T16:00:00.000Z',
    elapsedSeconds: 144000,
    breachedAt: '2026-12-01T16:00:00.000Z',
  },
});

const APPROVAL_ID = '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const approvalFields = {
  id: Uuid,
  requestedItemId: Uuid,
  number: recordNumber('RITM'),
  requestId: Uuid,
};

export const requestedItemApprovalRequested = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'approval_requested',
  description:
    "A requested item waits for its approval: the manager of the person it is for (`approver`), or `quorum` members of a group. `id` is the approval's.",
  schema: Type.Object({
    ...approvalFields,
    kind: oneOf(['manager', 'group'] as const),
    approver: Type.Union([Actor, Type.Null()], { description: '`manager`: who approves' }),
    group: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
    quorum: Type.Integer({ minimum: 1 }),
    requestedAt: Timestamp,
  }),
  example: {
    id: APPROVAL_ID,
    requestedItemId: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    kind: 'manager',
    approver: 'u-2001',
    group: null,
    quorum: 1,
    requestedAt: '2026-11-27T14:00:00.000Z',
  },
});

export const requestedItemApprovalRecorded = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'approval_recorded',
  description: 'An approver approved or rejected a requested item, with their comment.',
  schema: Type.Object({
    ...approvalFields,
    approver: Actor,
    decision: oneOf(['approved', 'rejected'] as const),
    comment: Type.String({ minLength: 1 }),
    decidedAt: Timestamp,
  }),
  example: {
    id: APPROVAL_ID,
    requestedItemId: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    approver: 'u-2001',
    decision: 'approved',
    comment: 'Fine within the team budget',
    decidedAt: '2026-11-27T16:00:00.000Z',
  },
});

export const requestedItemApprovalDecided = defineEvent({
  practice: 'catalog',
  entity: 'requested_item',
  verb: 'approval_decided',
  description:
    "A requested item's approval ended: approved (fulfilment starts), rejected (by any rejection) or cancelled with the item.",
  schema: Type.Object({
    ...approvalFields,
    outcome: oneOf(['approved', 'rejected', 'cancelled'] as const),
    approvals: Type.Integer({ minimum: 0, description: 'Approvals cast' }),
    quorum: Type.Integer({ minimum: 1 }),
    decidedBy: Actor,
    decidedAt: Timestamp,
  }),
  example: {
    id: APPROVAL_ID,
    requestedItemId: RITM_ID,
    number: 'RITM0001001',
    requestId: REQ_ID,
    outcome: 'approved',
    approvals: 1,
    quorum: 1,
    decidedBy: 'u-2001',
    decidedAt: '2026-11-27T16:00:00.000Z',
  },
});

export const catalogEvents = [
  requestCreated,
  requestUpdated,
  requestStateChanged,
  requestedItemCreated,
  requestedItemUpdated,
  requestedItemStateChanged,
  catalogTaskCreated,
  catalogTaskStateChanged,
  catalogItemPublished,
  catalogItemRetired,
  requestedItemProvisioningRequested,
  requestedItemProvisioningRecorded,
  requestedItemProvisioningWithdrawn,
  deliverySlaWarning,
  deliverySlaBreached,
  requestedItemApprovalRequested,
  requestedItemApprovalRecorded,
  requestedItemApprovalDecided,
];
