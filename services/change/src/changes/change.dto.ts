import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CHANGE_STATES, CHANGE_TYPES } from '@itsm/contracts';
import { commaSeparated, IsTimestamp, Omittable, OneOf, PageQuery, HasText } from '@itsm/http';
import { CLOSE_CODES } from './domain/change-transition';
import type { ChangeState, ChangeType } from './domain/change-states';
import { RISKS, type Risk } from './change.entity';
import { ConflictOverrideDto } from '../conflicts/conflict-override.dto';
import { UuidList } from '../uuid-list';

export const MAX_AFFECTED_CIS = 100;
const lowerCased = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

/** A person's or group's id. */
const Name = () => applyDecorators(IsString(), HasText(), MaxLength(128));
/** A plan or a justification: free text. */
const Text = () => applyDecorators(IsString(), MaxLength(20000));
const ShortDescription = () => applyDecorators(IsString(), HasText(), MaxLength(160));

const AffectedCis = () =>
  UuidList({ description: 'CIs of the CMDB the change touches', maxItems: MAX_AFFECTED_CIS });

export class CreateChangeRequest {
  @ApiProperty({ enum: CHANGE_TYPES, description: 'A standard change needs `templateId`' })
  @OneOf(CHANGE_TYPES)
  type!: ChangeType;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Standard changes only: the template whose published version it copies',
  })
  @Omittable()
  @Transform(lowerCased)
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({
    maxLength: 160,
    example: 'Upgrade PostgreSQL on db-checkout-01 to 17.2',
    description: "Required, except for a standard change (the template's, unless given)",
  })
  @Omittable()
  @ShortDescription()
  shortDescription?: string;

  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @Text() description?: string;

  @ApiPropertyOptional({
    maxLength: 20000,
    description: 'Not for standard changes: the template’s',
  })
  @Omittable()
  @Text()
  justification?: string;

  @ApiPropertyOptional({
    maxLength: 20000,
    description: 'Not for standard changes: the template’s',
  })
  @Omittable()
  @Text()
  implementationPlan?: string;

  @ApiPropertyOptional({
    maxLength: 20000,
    description: 'Not for standard changes: the template’s',
  })
  @Omittable()
  @Text()
  backoutPlan?: string;

  @ApiPropertyOptional({
    maxLength: 20000,
    description: 'Not for standard changes: the template’s',
  })
  @Omittable()
  @Text()
  testPlan?: string;

  @ApiPropertyOptional({ format: 'date-time' }) @Omittable() @IsTimestamp() plannedStart?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'After plannedStart' })
  @Omittable()
  @IsTimestamp()
  plannedEnd?: string;

  @AffectedCis() affectedCiIds?: string[];

  @ApiPropertyOptional({
    maxLength: 128,
    description: 'Agents name one of their groups; a standard change defaults to its template’s',
  })
  @Omittable()
  @Name()
  assignmentGroup?: string;

  @ApiPropertyOptional({ maxLength: 128 }) @Omittable() @Name() assignee?: string;

  @ApiPropertyOptional({
    maxLength: 128,
    description: 'Who the change is for; the caller if left out',
  })
  @Omittable()
  @Name()
  requestedBy?: string;
}

/** Null clears a field; a field a state requires cannot be cleared while the change is in it. */
export class UpdateChangeRequest {
  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 160 })
  @Omittable()
  @ShortDescription()
  shortDescription?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Text() description?: string | null;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Text() justification?: string | null;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Text() implementationPlan?:
    string | null;

  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Text() backoutPlan?: string | null;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Text() testPlan?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsTimestamp() plannedStart?:
    string | null;

  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsTimestamp() plannedEnd?:
    string | null;

  @AffectedCis() affectedCiIds?: string[];
  @ApiPropertyOptional({ maxLength: 128 }) @IsOptional() @Name() assignmentGroup?: string | null;
  @ApiPropertyOptional({ maxLength: 128 }) @IsOptional() @Name() assignee?: string | null;
  @ApiPropertyOptional({ maxLength: 128 }) @Omittable() @Name() requestedBy?: string;

  @ApiPropertyOptional({
    type: ConflictOverrideDto,
    description:
      'When moving the window of a scheduled change: a change manager moves it despite its conflicts, with a reason',
  })
  @Omittable()
  @ValidateNested()
  @Type(() => ConflictOverrideDto)
  override?: ConflictOverrideDto;
}

export class TransitionRequestDto {
  @ApiProperty({ enum: CHANGE_STATES })
  @OneOf(CHANGE_STATES)
  to!: ChangeState;

  @ApiPropertyOptional({ enum: CLOSE_CODES, description: 'Required to close' })
  @Omittable()
  @OneOf(CLOSE_CODES)
  closeCode?: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'Required to close' })
  @Omittable()
  @Text()
  closeNotes?: string;

  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'Required to cancel, or to send the change back to New',
  })
  @Omittable()
  @IsString()
  @MaxLength(5000)
  reason?: string;

  @ApiPropertyOptional({
    type: ConflictOverrideDto,
    description:
      'Into Scheduled only: a change manager schedules the change despite its conflicts (GET /changes/{id}/conflicts), with a reason',
  })
  @Omittable()
  @ValidateNested()
  @Type(() => ConflictOverrideDto)
  override?: ConflictOverrideDto;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListChangesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'States, comma-separated or repeated', example: ['new'] })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(CHANGE_STATES, { each: true })
  state?: ChangeState[];

  @ApiPropertyOptional({ description: 'Types, comma-separated or repeated', example: ['normal'] })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(CHANGE_TYPES, { each: true })
  type?: ChangeType[];

  @ApiPropertyOptional({ description: 'Risks, comma-separated or repeated', example: ['high'] })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(RISKS, { each: true })
  risk?: Risk[];

  @ApiPropertyOptional({ format: 'uuid', description: 'An affected CI' })
  @IsOptional()
  @Transform(lowerCased)
  @IsUUID()
  ci?: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  assignmentGroup?: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestedBy?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Made from this template' })
  @IsOptional()
  @Transform(lowerCased)
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Planned windows that end after this instant',
  })
  @IsOptional()
  @IsTimestamp()
  windowFrom?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Planned windows that start before this instant',
  })
  @IsOptional()
  @IsTimestamp()
  windowTo?: string;

  @ApiPropertyOptional({ description: 'Words in the short description, or the number' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}
