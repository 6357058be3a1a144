import { ApiProperty } from '@nestjs/swagger';
import type { IsoWeekday, Schedule, WorkingPeriod } from '@itsm/calendar';
import type { SlaSettingsService } from './sla-settings.service';

type RepairStatusView = Awaited<ReturnType<SlaSettingsService['repairStatus']>>;

export class WorkingPeriodResponse implements WorkingPeriod {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  day!: IsoWeekday;

  @ApiProperty({ example: '08:00', description: 'HH:mm, wall-clock time in the time zone' })
  start!: string;

  @ApiProperty({ example: '17:00', description: "HH:mm; '24:00' for the end of the day" })
  end!: string;
}

/** An SLA schedule as stored. A 24×7 schedule keeps the hours and holidays it was given, unused. */
export class SlaScheduleResponse implements Schedule {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Business hours London' })
  name!: string;

  @ApiProperty({ enum: ['24x7', 'business_hours'] })
  kind!: Schedule['kind'];

  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone' })
  timeZone!: string;

  @ApiProperty({ type: [WorkingPeriodResponse] })
  hours!: WorkingPeriodResponse[];

  @ApiProperty({
    type: [String],
    example: ['2026-12-25'],
    description: 'Local dates (YYYY-MM-DD) without working time',
  })
  holidays!: string[];

  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match (or `version`)' })
  version!: number;
}

export class SlaScheduleListResponse {
  @ApiProperty({ type: [SlaScheduleResponse], description: 'By name' })
  items!: SlaScheduleResponse[];
}

export class SlaDefinitionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Priority 2 resolution (1 business day)' })
  name!: string;

  @ApiProperty({ enum: ['response', 'resolution'] })
  target!: 'response' | 'resolution';

  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 5 },
    minItems: 1,
    example: [2],
    description: 'Applies to incidents of these priorities',
  })
  priorities!: number[];

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 32400,
    description: 'Working seconds on the schedule',
  })
  durationSeconds!: number;

  @ApiProperty({ format: 'uuid' })
  scheduleId!: string;

  @ApiProperty({ description: 'Whether the clock pauses while the incident is on hold' })
  pauseOnHold!: boolean;

  @ApiProperty({ description: 'Inactive definitions start no clocks' })
  active!: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match (or `version`)' })
  version!: number;
}

export class SlaDefinitionListResponse {
  @ApiProperty({ type: [SlaDefinitionResponse] })
  items!: SlaDefinitionResponse[];
}

export class SlaRepairStatusResponse implements RepairStatusView {
  @ApiProperty({ description: 'Whether clocks still wait to be recomputed' })
  pending!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the pending repair was requested; null when none is pending',
  })
  requestedAt!: Date | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    description: 'Incidents a change held when the repair came to them; it comes back to them',
  })
  deferredIncidentIds!: string[];
}
