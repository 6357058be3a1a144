import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event';
import { Actor, oneOf, Timestamp, updatedData, Uuid } from './common';

export const CI_STATUSES = ['operational', 'degraded', 'down', 'retired'] as const;
export const RELATIONSHIP_TYPES = [
  'depends_on',
  'runs_on',
  'hosted_on',
  'contains',
  'connects_to',
] as const;
const CI_ID = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const Criticality = Type.Integer({
  minimum: 1,
  maximum: 4,
  description: '1 most critical … 4 least',
});

export const ciCreated = defineEvent({
  practice: 'configuration',
  entity: 'ci',
  verb: 'created',
  description: 'A configuration item was registered, by hand or by an import.',
  schema: Type.Object({
    id: Uuid,
    classId: Uuid,
    className: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    operationalStatus: oneOf(CI_STATUSES),
    criticality: Criticality,
    environment: Type.Optional(Type.String()),
    ownerGroup: Type.Optional(Type.String()),
    identifiers: Type.Object({
      serialNumber: Type.Optional(Type.String()),
      hostName: Type.Optional(Type.String()),
      fqdn: Type.Optional(Type.String()),
      cloudId: Type.Optional(Type.String()),
    }),
    attributes: Type.Record(Type.String(), Type.Unknown()),
    createdBy: Actor,
    createdAt: Timestamp,
  }),
  example: {
    id: CI_ID,
    classId: '1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b',
    className: 'database',
    name: 'db-checkout-01',
    operationalStatus: 'operational',
    criticality: 1,
    environment: 'production',
    ownerGroup: 'dba',
    identifiers: { hostName: 'db-checkout-01', fqdn: 'db-checkout-01.prod.example.com' },
    attributes: { engine: 'postgresql', version: '16.4' },
    createdBy: 'source:discovery',
    createdAt: '2026-11-01T00:00:00.000Z',
  },
});

export const ciUpdated = defineEvent({
  practice: 'configuration',
  entity: 'ci',
  verb: 'updated',
  description: 'Attributes or fields of a CI changed (operational status has its own event).',
  schema: updatedData(),
  example: {
    id: CI_ID,
    version: 7,
    changedBy: 'source:discovery',
    changedAt: '2026-11-20T04:00:00.000Z',
    changes: [{ field: 'attributes.version', oldValue: '16.4', newValue: '16.6' }],
  },
});

export const ciStatusChanged = defineEvent({
  practice: 'configuration',
  entity: 'ci',
  verb: 'status_changed',
  description:
    'A CI changed operational status; `down` makes the incident service open an incident for it.',
  schema: Type.Object({
    id: Uuid,
    name: Type.String(),
    className: Type.String(),
    criticality: Criticality,
    version: Type.Integer({ minimum: 1 }),
    fromStatus: oneOf(CI_STATUSES),
    toStatus: oneOf(CI_STATUSES),
    changedBy: Actor,
    changedAt: Timestamp,
  }),
  example: {
    id: CI_ID,
    name: 'db-checkout-01',
    className: 'database',
    criticality: 1,
    version: 8,
    fromStatus: 'operational',
    toStatus: 'down',
    changedBy: 'source:monitoring',
    changedAt: '2026-11-27T09:13:40.000Z',
  },
});

export const ciRetired = defineEvent({
  practice: 'configuration',
  entity: 'ci',
  verb: 'retired',
  description:
    'A CI was taken out of service; it stays in the CMDB with its history and relationships.',
  schema: Type.Object({
    id: Uuid,
    name: Type.String(),
    className: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    fromStatus: oneOf(CI_STATUSES),
    retiredBy: Actor,
    retiredAt: Timestamp,
  }),
  example: {
    id: CI_ID,
    name: 'db-checkout-01',
    className: 'database',
    version: 9,
    fromStatus: 'operational',
    retiredBy: 'u-5002',
    retiredAt: '2026-12-01T08:00:00.000Z',
  },
});

export const ciDeleted = defineEvent({
  practice: 'configuration',
  entity: 'ci',
  verb: 'deleted',
  description:
    'A CI was deleted (registered by mistake); its relationships were deleted first, each with its own event.',
  schema: Type.Object({
    id: Uuid,
    name: Type.String(),
    className: Type.String(),
    deletedBy: Actor,
    deletedAt: Timestamp,
  }),
  example: {
    id: CI_ID,
    name: 'db-checkout-01',
    className: 'database',
    deletedBy: 'u-5002',
    deletedAt: '2026-12-01T08:00:00.000Z',
  },
});

const relationshipFields = {
  id: Uuid,
  type: oneOf(
    RELATIONSHIP_TYPES,
    'Named from the source: the source depends_on / runs_on / … the target',
  ),
  sourceId: Uuid,
  targetId: Uuid,
};
const relationshipExample = {
  id: 'aa11bb22-cc33-4d44-8e55-ff6677889900',
  type: 'depends_on' as const,
  sourceId: '6b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d',
  targetId: CI_ID,
};

export const relationshipCreated = defineEvent({
  practice: 'configuration',
  entity: 'relationship',
  verb: 'created',
  description: 'A typed, directed relationship between two CIs was added.',
  schema: Type.Object({ ...relationshipFields, createdBy: Actor, createdAt: Timestamp }),
  example: { ...relationshipExample, createdBy: 'u-5002', createdAt: '2026-11-02T10:00:00.000Z' },
});

export const relationshipUpdated = defineEvent({
  practice: 'configuration',
  entity: 'relationship',
  verb: 'updated',
  description: 'Attributes of a relationship changed.',
  schema: updatedData(),
  example: {
    id: relationshipExample.id,
    version: 2,
    changedBy: 'u-5002',
    changedAt: '2026-11-03T10:00:00.000Z',
    changes: [{ field: 'attributes.port', oldValue: 5432, newValue: 6432 }],
  },
});

export const relationshipDeleted = defineEvent({
  practice: 'configuration',
  entity: 'relationship',
  verb: 'deleted',
  description: 'A relationship was removed (also when one of its CIs was deleted).',
  schema: Type.Object({ ...relationshipFields, deletedBy: Actor, deletedAt: Timestamp }),
  example: { ...relationshipExample, deletedBy: 'u-5002', deletedAt: '2026-11-04T10:00:00.000Z' },
});

export const impactCalculated = defineEvent({
  practice: 'configuration',
  entity: 'impact',
  verb: 'calculated',
  description:
    'The CMDB computed which business services the CIs of an incident or a change affect.',
  schema: Type.Object({
    recordType: oneOf(['incident', 'change'] as const),
    recordId: Uuid,
    ciIds: Type.Array(Uuid),
    impactedServices: Type.Array(
      Type.Object({
        id: Uuid,
        name: Type.String(),
        criticality: Criticality,
        depth: Type.Integer({ minimum: 0 }),
      }),
    ),
    impactedCiCount: Type.Integer({ minimum: 0 }),
    relatedCis: Type.Optional(
      Type.Array(
        Type.Object({
          id: Uuid,
          direction: oneOf(['impact', 'dependencies'] as const),
          depth: Type.Integer({ minimum: 1 }),
          path: Type.Array(Uuid, {
            minItems: 2,
            description: 'From one of the record’s CIs to this one, both included',
          }),
        }),
        {
          description:
            'For a change: the CIs that depend on its CIs (impact) or that they depend on (dependencies), up to relatedDepth, nearest first, for conflict detection',
        },
      ),
    ),
    relatedDepth: Type.Optional(
      Type.Integer({ minimum: 0, description: 'How far relatedCis looked, in relationships' }),
    ),
    relatedTruncated: Type.Optional(
      Type.Boolean({
        description: 'relatedCis stopped at its limit: some related CIs are missing',
      }),
    ),
    unknownCiIds: Type.Optional(
      Type.Array(Uuid, {
        description:
          'Those of ciIds the CMDB does not know (never registered, or deleted; a retired CI is still known): they impact nothing. Absent from answers made before this field existed',
      }),
    ),
    calculatedAt: Timestamp,
  }),
  example: {
    recordType: 'incident',
    recordId: '0b6f8f8e-4c1e-4b8e-9a51-3f1c2d9e7a10',
    ciIds: [CI_ID],
    impactedServices: [
      { id: '6b5a4938-2716-4a5b-8c9d-0e1f2a3b4c5d', name: 'Online shop', criticality: 1, depth: 2 },
    ],
    impactedCiCount: 14,
    unknownCiIds: [],
    calculatedAt: '2026-11-27T09:14:04.000Z',
  },
});

export const ciProvisioningAnswered = defineEvent({
  practice: 'configuration',
  entity: 'ci',
  verb: 'provisioning_answered',
  description:
    "Flow 7: the CMDB's answer to a requested item's `provisioning_requested`: the CI created, or why it was refused (an unknown class, attributes its schema refuses, an identifier taken).",
  schema: Type.Object({
    requestedItemId: Uuid,
    requestId: Uuid,
    outcome: oneOf(['created', 'refused'] as const),
    ciId: Type.Optional(Uuid),
    ciName: Type.String(),
    className: Type.String(),
    reason: Type.Optional(Type.String({ description: 'Why the CMDB refused, naming each field' })),
    answeredAt: Timestamp,
  }),
  example: {
    requestedItemId: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e',
    requestId: '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a',
    outcome: 'created',
    ciId: CI_ID,
    ciName: 'vm-web7',
    className: 'linux_server',
    answeredAt: '2026-11-28T09:00:01.000Z',
  },
});

export const configurationEvents = [
  ciCreated,
  ciUpdated,
  ciStatusChanged,
  ciRetired,
  ciDeleted,
  relationshipCreated,
  relationshipUpdated,
  relationshipDeleted,
  impactCalculated,
  ciProvisioningAnswered,
];
