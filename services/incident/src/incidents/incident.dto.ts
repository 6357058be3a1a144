import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { INCIDENT_STATES } from '@itsm/contracts';
import {
  commaSeparated,
  commaSeparatedNumbers,
  IsTimestamp,
  Omittable,
  OneOf,
  PageQuery,
  HasText,
} from '@itsm/http';
import type { Level, Priority } from '../priority/domain/priority-matrix';
import { CHANNELS, type Channel } from './incident.entity';
import { ON_HOLD_REASONS, RESOLUTION_CODES, type IncidentState } from './domain/incident-states';

/** Optional, but not nullable: `null` is refused with the field's rule, not left to the database. */
const lowerCased = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

export const MAX_TAGS = 20;
const TAG = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const TAG_RULE =
  'each tag is 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit';
const normalisedTags = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [...new Set(value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)))]
    : value;

/** Free tags (case-insensitive, each once): set on create, replaced as a whole on update. */
function Tags(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['vpn', 'emea'] }),
    Omittable(),
    Transform(normalisedTags),
    IsArray(),
    ArrayMaxSize(MAX_TAGS),
    Matches(TAG, { each: true, message: TAG_RULE }),
  );
}

class LevelsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3, description: '1 high … 3 low' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(3)
  impact?: Level;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, description: '1 high … 3 low' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(3)
  urgency?: Level;
}

export class CreateIncidentRequest extends LevelsDto {
  @ApiProperty({ example: 'Checkout page times out', maxLength: 160 })
  @IsString()
  @HasText()
  @MaxLength(160)
  shortDescription!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional({ example: 'software' })
  @IsOptional()
  @IsString()
  @HasText()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ description: 'Agents raise incidents on behalf of a caller' })
  @IsOptional()
  @IsString()
  @HasText()
  @MaxLength(128)
  callerId?: string;

  @ApiPropertyOptional({ enum: CHANNELS.filter((c) => c !== 'monitoring') })
  @IsOptional()
  @OneOf(CHANNELS.filter((c) => c !== 'monitoring'))
  channel?: Exclude<Channel, 'monitoring'>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @HasText()
  @MaxLength(128)
  assignmentGroup?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @HasText() @MaxLength(128) assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  configurationItemId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The parent incident' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  parentId?: string;

  @Tags() tags?: string[];
}

export class UpdateIncidentRequest extends LevelsDto {
  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 160 })
  @Omittable()
  @IsString()
  @HasText()
  @MaxLength(160)
  shortDescription?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @HasText() @MaxLength(64) category?:
    string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @HasText()
  @MaxLength(128)
  assignmentGroup?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @HasText() @MaxLength(128) assignee?:
    string | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    description: 'Managers only: overrides the matrix (5 Planning is never computed)',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(5)
  priority?: Priority;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  configurationItemId?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  parentId?: string | null;

  @Tags() tags?: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  problemId?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  causedByChangeId?: string | null;
}

export class TransitionRequestDto {
  @ApiProperty({ enum: INCIDENT_STATES })
  @OneOf(INCIDENT_STATES)
  to!: IncidentState;

  @ApiPropertyOptional({ enum: ON_HOLD_REASONS })
  @IsOptional()
  @IsString()
  onHoldReason?: string;

  @ApiPropertyOptional({ enum: RESOLUTION_CODES })
  @IsOptional()
  @IsString()
  resolutionCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) resolutionNotes?: string;
  @ApiPropertyOptional({ description: 'Why it is reopened or canceled' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

const bool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'States, comma-separated or repeated',
    example: ['new', 'in_progress'],
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsIn(INCIDENT_STATES, { each: true })
  state?: IncidentState[];

  @ApiPropertyOptional({
    description: 'Priorities, comma-separated or repeated',
    example: [1, 2],
  })
  @IsOptional()
  @Transform(commaSeparatedNumbers)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  priority?: number[];

  @ApiPropertyOptional() @IsOptional() @IsString() assignmentGroup?: string;
  @ApiPropertyOptional({ description: 'A user id, or `none` for unassigned' })
  @IsOptional()
  @IsString()
  assignee?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() callerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Affected CI' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  ci?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Children of this incident' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An impacted business service' })
  @IsOptional()
  @Transform(({ value }) => lowerCased(value))
  @IsUUID()
  service?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() major?: boolean;

  @ApiPropertyOptional({
    description: 'Tags it has all of, comma-separated or repeated',
    example: ['vpn'],
  })
  @IsOptional()
  @Transform(({ value }) => normalisedTags({ value: commaSeparated({ value }) }))
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @Matches(TAG, { each: true, message: TAG_RULE })
  tag?: string[];

  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsTimestamp() openedFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive' })
  @IsOptional()
  @IsTimestamp()
  openedTo?: string;

  @ApiPropertyOptional({ description: 'Words in the short description or the number' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}
