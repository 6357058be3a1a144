import { JSON_VALUE } from '@itsm/http';
import { ApiProperty } from '@nestjs/swagger';
import { CI_STATUSES } from '@itsm/contracts';
import type { CiView } from './ci-view';
import type { CiStatus, FieldChange } from './domain/ci';

type CiIdentifiers = CiView['identifiers'];

export class CiIdentifiersResponse implements CiIdentifiers {
  @ApiProperty({ type: String, nullable: true, example: 'SN-4711' })
  serialNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'db-checkout-01' })
  hostName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'db-checkout-01.prod.example.com' })
  fqdn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  cloudId!: string | null;
}

export class CiResponse implements CiView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: 'database',
    description: "The CI's class (`unknown` only if the class was removed)",
  })
  className!: string;

  @ApiProperty({ example: 'db-checkout-01' })
  name!: string;

  @ApiProperty({ enum: CI_STATUSES })
  operationalStatus!: CiStatus;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 4,
    description: '1 most critical … 4 least',
  })
  criticality!: number;

  @ApiProperty({ type: String, nullable: true, example: 'production' })
  environment!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'database' })
  ownerGroup!: string | null;

  @ApiProperty({ type: CiIdentifiersResponse })
  identifiers!: CiIdentifiersResponse;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "Values of the class's attributes",
    example: { engine: 'postgresql', version: '16.4' },
  })
  attributes!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The data source that last set each field (`attributes.<name>` for an attribute)',
    example: { name: 'manual', 'attributes.version': 'discovery' },
  })
  fieldSources!: Record<string, string>;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt!: Date | null;

  @ApiProperty({ description: 'User id, or source:<data source> for an import' })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Send it back as If-Match' })
  version!: number;
}

export class FieldChangeResponse implements FieldChange {
  @ApiProperty({ example: 'attributes.version', description: '`attributes.<name>` for one' })
  field!: string;

  @ApiProperty(JSON_VALUE)
  oldValue!: unknown;

  @ApiProperty(JSON_VALUE)
  newValue!: unknown;
}
