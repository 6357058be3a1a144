import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { IsTimestamp, Omittable, OneOf, PageQuery, HasText } from '@itsm/http';
import { BLACKOUT_SCOPES, type BlackoutScope } from '../conflicts/domain/conflict-rules';
import { UuidList } from '../uuid-list';

export const MAX_SCOPED_IDS = 500;
const Ids = (description: string) => UuidList({ description, maxItems: MAX_SCOPED_IDS });
const Name = () => applyDecorators(IsString(), HasText(), MaxLength(200));

export class CreateBlackoutRequest {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Year-end freeze' })
  @Name()
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiProperty({ format: 'date-time' }) @IsTimestamp() start!: string;
  @ApiProperty({ format: 'date-time', description: 'After start' }) @IsTimestamp() end!: string;

  @ApiProperty({
    enum: BLACKOUT_SCOPES,
    description: 'global; cis: the CIs in ciIds; services: the business services in serviceIds',
  })
  @OneOf(BLACKOUT_SCOPES)
  scope!: BlackoutScope;

  @Ids('The frozen CIs (scope cis)') ciIds?: string[];
  @Ids('The frozen business services (scope services)') serviceIds?: string[];
}

/** Any field of the freeze; null clears the reason. */
export class UpdateBlackoutRequest {
  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @Omittable() @Name() name?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @ApiPropertyOptional({ format: 'date-time' }) @Omittable() @IsTimestamp() start?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @Omittable() @IsTimestamp() end?: string;

  @ApiPropertyOptional({ enum: BLACKOUT_SCOPES })
  @Omittable()
  @OneOf(BLACKOUT_SCOPES)
  scope?: BlackoutScope;

  @Ids('The frozen CIs (scope cis)') ciIds?: string[];
  @Ids('The frozen business services (scope services)') serviceIds?: string[];
}

/** The version of a freeze lifted (or send it as If-Match). */
export class DeleteBlackoutQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Or send If-Match' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListBlackoutsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Windows ending after this' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting before this' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Freezes covering this CI (and global ones)',
  })
  @IsOptional()
  @IsUUID()
  ci?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Freezes covering this business service (and global ones)',
  })
  @IsOptional()
  @IsUUID()
  service?: string;
}
