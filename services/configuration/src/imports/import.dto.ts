import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CI_STATUSES } from '@itsm/contracts';
import { OneOf } from '@itsm/http';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../relationships/relationship-types';

/** The most records one import takes; a discovery run of a large estate sends several batches. */
export const MAX_IMPORT_RECORDS = 20_000;

const STATUSES = CI_STATUSES.filter((status) => status !== 'retired');

export class IdentifiersDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) serialNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) hostName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) fqdn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cloudId?: string;
}

export class ImportTargetDto {
  @ApiProperty() @IsString() className!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;

  @ApiProperty({ type: IdentifiersDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentifiersDto)
  identifiers: IdentifiersDto = {};
}

export class ImportRelationshipDto {
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  @OneOf(RELATIONSHIP_TYPES)
  type!: RelationshipType;

  @ApiProperty({
    type: ImportTargetDto,
    description: 'Found by its identifiers, in the batch or the CMDB',
  })
  @ValidateNested()
  @Type(() => ImportTargetDto)
  target!: ImportTargetDto;
}

export class ImportRecordDto {
  @ApiProperty({ example: 'linux_server' }) @IsString() className!: string;

  @ApiPropertyOptional({ description: 'Required to create a CI; may be omitted to update one' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name?: string;

  @ApiProperty({ type: IdentifiersDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentifiersDto)
  identifiers: IdentifiersDto = {};

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @OneOf(STATUSES)
  operationalStatus?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(4) criticality?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) environment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) ownerGroup?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [ImportRelationshipDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ImportRelationshipDto)
  relationships?: ImportRelationshipDto[];
}

export class ImportRequest {
  @ApiProperty({ example: 'discovery', description: 'A data source of GET /api/v1/data-sources' })
  @IsString()
  dataSource!: string;

  @ApiPropertyOptional({ description: 'Report what would happen, and change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;

  @ApiProperty({ type: [ImportRecordDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => ImportRecordDto)
  records!: ImportRecordDto[];
}
