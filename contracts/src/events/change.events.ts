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

export const changeEvents = [changeCreated, changeUpdated, changeStateChanged];
