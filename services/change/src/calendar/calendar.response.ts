import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_STATES, CHANGE_TYPES } from '@itsm/contracts';
import { BLACKOUT_SCOPES } from '../conflicts/domain/conflict-rules';
import { RISKS } from '../changes/change.entity';
import type { CalendarBlackout, CalendarChange } from './domain/calendar-entries';

const time = { type: String, format: 'date-time' };

class CalendarChangeResponse implements CalendarChange {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ pattern: '^CHG\\d{7,}$' }) number!: string;
  @ApiProperty({ enum: [...CHANGE_TYPES] }) type!: string;
  @ApiProperty({ enum: [...CHANGE_STATES] }) state!: string;
  @ApiProperty() shortDescription!: string;
  @ApiProperty({ type: String, enum: [...RISKS], nullable: true }) risk!: string | null;
  @ApiProperty(time) plannedStart!: Date;
  @ApiProperty(time) plannedEnd!: Date;
  @ApiProperty({ type: [String], format: 'uuid' }) affectedCiIds!: string[];
  @ApiProperty(time) updatedAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}

class CalendarBlackoutResponse implements CalendarBlackout {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ enum: BLACKOUT_SCOPES }) scope!: string;
  @ApiProperty(time) start!: Date;
  @ApiProperty(time) end!: Date;
  @ApiProperty(time) updatedAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}

export class CalendarResponse {
  @ApiProperty(time) from!: Date;
  @ApiProperty(time) to!: Date;
  @ApiProperty({
    type: [CalendarChangeResponse],
    description: 'Changes whose planned window overlaps the range, by start',
  })
  changes!: CalendarChangeResponse[];

  @ApiProperty({ type: [CalendarBlackoutResponse], description: 'Freezes over the range' })
  blackoutWindows!: CalendarBlackoutResponse[];

  @ApiProperty({ description: 'More than 5,000 changes overlap: narrow the range or filter' })
  truncated!: boolean;
}

class FeedFiltersResponse {
  @ApiPropertyOptional({ format: 'uuid' }) ci?: string;
  @ApiPropertyOptional({ format: 'uuid' }) service?: string;
  @ApiPropertyOptional({ enum: [...CHANGE_TYPES], isArray: true }) type?: string[];
  @ApiPropertyOptional({ enum: [...CHANGE_STATES], isArray: true }) state?: string[];
}

export class FeedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Who created it: the feed shows what they could see then' })
  ownerId!: string;

  @ApiProperty({ type: FeedFiltersResponse }) filters!: FeedFiltersResponse;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty({
    ...time,
    description: 'From then on its URL answers 404 (CHANGE_CALENDAR_FEED_DAYS after its creation)',
  })
  expiresAt!: Date;
}

export class CreatedFeedResponse extends FeedResponse {
  @ApiProperty({
    description:
      'The feed’s address, secret token included, to subscribe to from a calendar client (prefix it with the service’s public URL); shown only now',
    example: '/api/v1/calendar/feeds/6f1c….ics?token=…',
  })
  url!: string;

  @ApiProperty({ description: 'The secret, shown only now: only its hash is kept' })
  token!: string;
}

/** The 409 of one feed too many (`calendar-feed-limit`). */
export const FEED_LIMIT_SCHEMA = {
  allOf: [
    { $ref: '#/components/schemas/Problem' },
    {
      type: 'object',
      required: ['limit', 'active'],
      properties: {
        limit: {
          type: 'integer',
          description: 'The most working feeds one person may hold (CHANGE_CALENDAR_FEED_LIMIT)',
        },
        active: {
          type: 'integer',
          description: 'How many the caller holds that are neither expired nor revoked',
        },
      },
    },
  ],
};
