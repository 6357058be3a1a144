import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable, OneOf, PageQuery, HasText } from '@itsm/http';
import type { ProblemState } from '../problems/domain/problem-states';
import { CmdbId, StatesFilter } from '../problems/problem-filters';
import { CAUSE_CATEGORIES, type CauseCategory } from '../problems/domain/root-cause';

/** The documentation a known error is published with; what is left out is taken from the problem. */
export class PublishKnownErrorRequest {
  @ApiPropertyOptional({ maxLength: 20000, description: 'The root cause; else the one documented' })
  @Omittable()
  @IsString()
  @HasText()
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
  @HasText()
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

  @CmdbId('The CI at fault') ci?: string;
  @CmdbId('The business service') service?: string;
  @StatesFilter(['root_cause_analysis', 'fix_in_progress']) state?: ProblemState[];
}
