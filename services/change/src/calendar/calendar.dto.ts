import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CHANGE_STATES, CHANGE_TYPES } from '@itsm/contracts';
import { commaSeparated, IsTimestamp, Omittable, PageQuery, HasText } from '@itsm/http';
import type { ChangeState, ChangeType } from '../changes/domain/change-states';

/** The filters a calendar and a feed share. */
export class CalendarFilters {
  @ApiPropertyOptional({ format: 'uuid', description: 'Changes on this CI; freezes covering it' })
  @Omittable()
  @IsUUID()
  ci?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Changes whose CIs impact this business service (the CMDB’s answer); freezes on it',
  })
  @Omittable()
  @IsUUID()
  service?: string;

  @ApiPropertyOptional({
    enum: CHANGE_TYPES,
    isArray: true,
    description: 'Change types, comma-separated or repeated',
  })
  @Omittable()
  @Transform(commaSeparated)
  // A feed keeps its filters: a body repeating a type 100,000 times is not stored.
  @ArrayMaxSize(CHANGE_TYPES.length)
  @IsIn(CHANGE_TYPES, { each: true })
  type?: ChangeType[];

  @ApiPropertyOptional({
    enum: CHANGE_STATES,
    isArray: true,
    description: 'Change states, comma-separated or repeated',
  })
  @Omittable()
  @Transform(commaSeparated)
  @ArrayMaxSize(CHANGE_STATES.length)
  @IsIn(CHANGE_STATES, { each: true })
  state?: ChangeState[];
}

export class CalendarQuery extends CalendarFilters {
  @ApiProperty({ format: 'date-time' }) @IsTimestamp() from!: string;
  @ApiProperty({ format: 'date-time', description: 'After from, at most 367 days' })
  @IsTimestamp()
  to!: string;
}

export class CreateFeedRequest extends CalendarFilters {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Network changes' })
  @IsString()
  @HasText()
  @MaxLength(200)
  name!: string;
}

export class FeedQuery {
  @ApiProperty({ description: 'The secret the feed was created with' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

export class ListFeedsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Every user’s feeds, not only the caller’s: change managers only (403 otherwise)',
  })
  @Omittable()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  all?: boolean;
}
