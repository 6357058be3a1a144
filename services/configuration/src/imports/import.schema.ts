import { Type, type Static } from '@sinclair/typebox';
import { CI_STATUSES } from '@itsm/contracts';
import type { CiStatus } from '../cis/domain/ci';
import { RELATIONSHIP_TYPES } from '../relationships/domain/relationship-types';

/** The most records one import takes; a discovery run of a large estate sends several batches. */
export const MAX_IMPORT_RECORDS = 20_000;

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const closed = { additionalProperties: false } as const;

const Identifiers = Type.Object(
  {
    serialNumber: Type.Optional(text(255)),
    hostName: Type.Optional(text(255)),
    fqdn: Type.Optional(text(255)),
    cloudId: Type.Optional(text(512)),
  },
  closed,
);

const Target = Type.Object(
  { className: text(63), name: Type.Optional(text(255)), identifiers: Type.Optional(Identifiers) },
  { ...closed, description: 'Found by its identifiers, in the batch or the CMDB' },
);

const ImportRecord = Type.Object(
  {
    className: text(63),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'Required to create a CI; may be omitted to update one',
      }),
    ),
    identifiers: Type.Optional(Identifiers),
    operationalStatus: Type.Optional(
      Type.Unsafe<Exclude<CiStatus, 'retired'>>({
        type: 'string',
        enum: CI_STATUSES.filter((s) => s !== 'retired'),
      }),
    ),
    criticality: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    environment: Type.Optional(text(64)),
    ownerGroup: Type.Optional(text(128)),
    attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    relationships: Type.Optional(
      Type.Array(
        Type.Object(
          {
            type: Type.Unsafe<(typeof RELATIONSHIP_TYPES)[number]>({
              type: 'string',
              enum: [...RELATIONSHIP_TYPES],
            }),
            target: Target,
          },
          closed,
        ),
        { maxItems: 100 },
      ),
    ),
  },
  closed,
);

/**
 * `POST /api/v1/imports`, as a JSON Schema: it documents the endpoint and validates a 10,000-record
 * body in milliseconds.
 */
export const ImportRequestSchema = Type.Object(
  {
    dataSource: Type.String({
      minLength: 1,
      description: 'A data source of GET /api/v1/data-sources',
    }),
    dryRun: Type.Optional(
      Type.Boolean({ description: 'Report what would happen, and change nothing' }),
    ),
    records: Type.Array(ImportRecord, { minItems: 1, maxItems: MAX_IMPORT_RECORDS }),
  },
  closed,
);

export type ImportRequest = Static<typeof ImportRequestSchema>;
export type ImportRecord = ImportRequest['records'][number];
export type ImportTarget = NonNullable<ImportRecord['relationships']>[number]['target'];
