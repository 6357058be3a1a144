import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CI_STATUSES } from '@itsm/contracts';
import { Omittable, OneOf, PageQuery, HasText } from '@itsm/http';
import type { CiStatus } from './domain/ci';

const lowerCased = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/** Optional, but not nullable: `null` is refused with the field's rule, not left to the database. */

const ASSIGNABLE_STATUSES = CI_STATUSES.filter((status) => status !== 'retired');

export class CiFieldsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 4, description: '1 most critical … 4 least' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(4)
  criticality?: number;

  @ApiPropertyOptional({ enum: ASSIGNABLE_STATUSES, description: 'Retire with POST …/retire' })
  @Omittable()
  @OneOf(ASSIGNABLE_STATUSES)
  operationalStatus?: Exclude<CiStatus, 'retired'>;

  @ApiPropertyOptional({ example: 'production' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  environment?: string | null;

  @ApiPropertyOptional({ example: 'database' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  ownerGroup?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) serialNumber?: string | null;
  @ApiPropertyOptional({ description: 'Kept in lower case: DNS names ignore case' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsString()
  @MaxLength(255)
  hostName?: string | null;

  @ApiPropertyOptional({ description: 'Kept in lower case: DNS names ignore case' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsString()
  @MaxLength(255)
  fqdn?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cloudId?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Validated against the class's attribute schema; on update, null removes one",
  })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}

export class CreateCiRequest extends CiFieldsDto {
  @ApiProperty({ example: 'linux_server' })
  @IsString()
  className!: string;

  @ApiProperty({ example: 'db-checkout-01' })
  @IsString()
  @HasText()
  @MaxLength(255)
  name!: string;
}

export class UpdateCiRequest extends CiFieldsDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @HasText()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class VersionedActionRequest {
  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListCisQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A class; its subclasses are included' })
  @IsOptional()
  @IsString()
  className?: string;

  @ApiPropertyOptional({ enum: CI_STATUSES })
  @IsOptional()
  @OneOf(CI_STATUSES)
  status?: CiStatus;

  @ApiPropertyOptional() @IsOptional() @IsString() environment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() ownerGroup?: string;

  @ApiPropertyOptional({ description: 'Part of the name, or an exact identifier' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  q?: string;

  @ApiPropertyOptional({
    description: 'name:value, repeatable; all must hold, e.g. attribute=engine:postgresql',
    type: [String],
  })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : [value]))
  @Matches(/^[a-zA-Z][a-zA-Z0-9_]*:.+$/, { each: true, message: 'attribute must be name:value' })
  attribute?: string[];
}

export class DeleteCiQuery {
  @ApiPropertyOptional({
    enum: ['refuse', 'delete'],
    description: 'What to do with its relationships: refuse (409 when it has any) or delete them',
  })
  @IsOptional()
  @OneOf(['refuse', 'delete'])
  relationships: 'refuse' | 'delete' = 'refuse';
}

export class DepthQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  maxDepth: number = 6;

  @ApiPropertyOptional({ minimum: 1, maximum: 200000, default: 50000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200_000)
  limit: number = 50_000;

  @ApiPropertyOptional({
    enum: ['services', 'all'],
    default: 'services',
    description:
      'Whole paths for the business services only (every CI has `via`, its path one hop back), or for every CI: ten thousand paths make the answer twice as large',
  })
  @IsOptional()
  @OneOf(['services', 'all'])
  paths: 'services' | 'all' = 'services';
}
