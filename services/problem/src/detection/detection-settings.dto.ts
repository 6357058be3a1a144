import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import {
  DEFAULT_DETECTION,
  GROUPING_KEYS,
  THRESHOLD_RANGE,
  WINDOW_RANGE,
  type GroupingKey,
} from './domain/detection-settings';

/** The detection settings, replaced as a whole. */
export class DetectionSettingsRequest {
  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({
    type: 'integer',
    minimum: THRESHOLD_RANGE.min,
    maximum: THRESHOLD_RANGE.max,
    example: DEFAULT_DETECTION.threshold,
    description: 'How many incidents of one cluster open a problem',
  })
  @IsInt()
  @Min(THRESHOLD_RANGE.min)
  @Max(THRESHOLD_RANGE.max)
  threshold!: number;

  @ApiProperty({
    type: 'integer',
    minimum: WINDOW_RANGE.min,
    maximum: WINDOW_RANGE.max,
    example: DEFAULT_DETECTION.windowMinutes,
    description: 'Within how many minutes of each other they were opened',
  })
  @IsInt()
  @Min(WINDOW_RANGE.min)
  @Max(WINDOW_RANGE.max)
  windowMinutes!: number;

  @ApiProperty({
    enum: GROUPING_KEYS,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    description:
      'How incidents cluster: `configuration_item` (the same CI), `service_category` (the same category on one business service)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...GROUPING_KEYS], {
    each: true,
    message: `groupingKeys must each be one of: ${GROUPING_KEYS.join(', ')}`,
    context: { allowed: GROUPING_KEYS },
  })
  groupingKeys!: GroupingKey[];
}

export class DetectionSettingsResponse {
  @ApiProperty({ type: 'integer' }) threshold!: number;
  @ApiProperty({ type: 'integer' }) windowMinutes!: number;
  @ApiProperty({ enum: GROUPING_KEYS, isArray: true }) groupingKeys!: GroupingKey[];
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}
