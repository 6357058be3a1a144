import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PROBLEM_STATES } from '@itsm/contracts';
import { Omittable, OneOf, PageQuery } from '@itsm/http';
import type { ProblemState } from '../problems/domain/problem-states';
import { CAUSE_CATEGORIES, type CauseCategory } from '../problems/domain/root-cause';

const lowerCased = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;
const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

/** The documentation a known error is published with; what is left out is taken from the problem. */
export class PublishKnownErrorRequest {
  @ApiPropertyOptional({ maxLength: 20000, description: 'The root cause; else the one documented' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  cause?: string;

  @ApiPropertyOptional({ enum: CAUSE_CATEGORIES })
  @Omittable()
  @OneOf(CAUSE_CATEGORIES)
  causeCategory?: CauseCategory;

  @ApiPropertyOptional({
    maxLength: 20000,
    description: 'How to restore service until the fix; else the one documented',
  })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  workaround?: string;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SearchKnownErrorsQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'Words of the symptom, cause or workaround, web-search syntax ("quoted phrase", or, -not): ranked, best first, with highlighted snippets; without it, the newest known errors first',
    example: 'checkout timeout',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The CI at fault' })
  @IsOptional()
  @Transform(lowerCased)
  @IsUUID()
  ci?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The business service' })
  @IsOptional()
  @Transform(lowerCased)
  @IsUUID()
  service?: string;

  @ApiPropertyOptional({
    description: 'States of the problem, comma-separated or repeated',
    example: ['root_cause_analysis', 'fix_in_progress'],
  })
  @IsOptional()
  @Transform(csv)
  @IsIn(PROBLEM_STATES, { each: true })
  state?: ProblemState[];
}
