import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OneOf, HasText } from '@itsm/http';
import type { IsoWeekday } from '@itsm/calendar';

class WorkingPeriodDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  day!: IsoWeekday;

  @ApiProperty({ example: '08:00' }) @IsString() start!: string;
  @ApiProperty({ example: '17:00', description: "'24:00' for the end of the day" })
  @IsString()
  end!: string;
}

export class ScheduleRequest {
  @ApiProperty({ example: 'Business hours London' })
  @IsString()
  @HasText()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ['24x7', 'business_hours'] })
  @OneOf(['24x7', 'business_hours'])
  kind!: '24x7' | 'business_hours';

  @ApiProperty({ example: 'Europe/London' }) @IsString() timeZone!: string;

  @ApiPropertyOptional({ type: [WorkingPeriodDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WorkingPeriodDto)
  hours?: WorkingPeriodDto[];

  @ApiPropertyOptional({ example: ['2026-12-25'], description: 'Local dates without working time' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  holidays?: string[];

  @ApiPropertyOptional({ description: 'When replacing: the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class DefinitionRequest {
  @ApiProperty({ example: 'Priority 2 resolution (1 business day)' })
  @IsString()
  @HasText()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ['response', 'resolution'] })
  @OneOf(['response', 'resolution'])
  target!: 'response' | 'resolution';

  @ApiProperty({ example: [2], description: 'Applies to incidents of these priorities' })
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(5, { each: true })
  priorities!: Array<1 | 2 | 3 | 4 | 5>;

  @ApiProperty({ example: 32400, description: 'Working seconds on the schedule' })
  @IsInt()
  @Min(1)
  @Max(366 * 24 * 3600)
  durationSeconds!: number;

  @ApiProperty({ format: 'uuid' }) @IsUUID() scheduleId!: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() pauseOnHold?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;

  @ApiPropertyOptional({ description: 'When replacing: the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
