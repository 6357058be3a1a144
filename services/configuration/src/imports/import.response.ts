import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldChangeResponse } from '../cis/ci.response';
import type { DataSourceRank } from './data-source.entity';
import type { Outcome, RecordResult } from './domain/import-plan';
import type { RunImport } from './run-import';

type ImportAnswer = Awaited<ReturnType<RunImport['execute']>>;
type ImportSummary = ImportAnswer['summary'];
type RecordRelationships = NonNullable<RecordResult['relationships']>;

const count = (description: string) => ({ type: 'integer' as const, minimum: 0, description });

export class ImportSummaryResponse implements ImportSummary {
  @ApiProperty(count('Records that created a CI'))
  created!: number;

  @ApiProperty(count('Records that changed a CI'))
  updated!: number;

  @ApiProperty(count('Records that matched a CI and changed nothing'))
  unchanged!: number;

  @ApiProperty(count('Records refused, each with its reasons'))
  rejected!: number;

  @ApiProperty(count('Relationships the batch created'))
  relationshipsCreated!: number;
}

export class KeptFieldResponse {
  @ApiProperty({ example: 'environment' })
  field!: string;

  @ApiProperty({ example: 'manual', description: 'The stronger data source that owns it' })
  owner!: string;
}

export class RecordRelationshipsResponse implements RecordRelationships {
  @ApiProperty(count('Relationships of the record created'))
  created!: number;

  @ApiProperty(count('Relationships of the record that existed already'))
  unchanged!: number;

  @ApiProperty({ type: [String], description: 'Why each refused relationship was refused' })
  rejected!: string[];
}

export class RecordResultResponse implements RecordResult {
  @ApiProperty({ type: 'integer', minimum: 0, description: "The record's place in the batch" })
  index!: number;

  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'rejected'] })
  outcome!: Outcome;

  @ApiPropertyOptional({ format: 'uuid', description: 'The CI the record created or matched' })
  ciId?: string;

  @ApiProperty({ example: 'linux_server' })
  className!: string;

  @ApiPropertyOptional({ example: 'db-checkout-01' })
  name?: string;

  @ApiPropertyOptional({ type: [FieldChangeResponse] })
  changes?: FieldChangeResponse[];

  @ApiPropertyOptional({
    type: [KeptFieldResponse],
    description: 'Fields left as they were because a stronger data source owns them',
  })
  kept?: KeptFieldResponse[];

  @ApiPropertyOptional({ type: [String], description: 'Why the record was rejected' })
  reasons?: string[];

  @ApiPropertyOptional({ type: RecordRelationshipsResponse })
  relationships?: RecordRelationshipsResponse;
}

export class ImportResponse implements ImportAnswer {
  @ApiProperty({ example: 'discovery' })
  dataSource!: string;

  @ApiProperty({ description: 'true: nothing was changed, the answer says what would be' })
  dryRun!: boolean;

  @ApiProperty({ type: ImportSummaryResponse })
  summary!: ImportSummaryResponse;

  @ApiProperty({ type: [RecordResultResponse], description: 'One per record, in batch order' })
  records!: RecordResultResponse[];
}

export class DataSourceResponse implements DataSourceRank {
  @ApiProperty({ example: 'discovery', pattern: '^[a-z][a-z0-9_-]{0,62}$' })
  name!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 1_000_000,
    description: 'Higher wins a field over lower',
  })
  rank!: number;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;
}

export class DataSourceListResponse {
  @ApiProperty({ type: [DataSourceResponse], description: 'By rank, highest first' })
  items!: DataSourceResponse[];
}
