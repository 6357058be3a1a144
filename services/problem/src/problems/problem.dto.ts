import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { PROBLEM_STATES } from '@itsm/contracts';
import { Omittable, OneOf, PageQuery, HasText } from '@itsm/http';
import { CmdbId, StatesFilter } from './problem-filters';
import { RESOLUTION_CODES, type ProblemState, type ResolutionCode } from './domain/problem-states';
import {
  ANALYSIS_METHODS,
  CAUSE_CATEGORIES,
  type AnalysisMethod,
  type CauseCategory,
} from './domain/root-cause';

/** A name (group, user, category): never empty, so that nothing is routed to nobody. */
const Name = (max: number) =>
  applyDecorators(ApiPropertyOptional(), IsOptional(), IsString(), HasText(), MaxLength(max));
/** Free text up to `max` characters; null clears it. */
const Text = (max: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: max, ...(description ? { description } : {}) }),
    IsOptional(),
    IsString(),
    MaxLength(max),
  );
/** The root-cause documentation, the same on creating and changing a problem. */
class RootCauseFields {
  @Text(20000, 'The root cause found') cause?: string | null;

  @ApiPropertyOptional({ enum: CAUSE_CATEGORIES })
  @IsOptional()
  @OneOf(CAUSE_CATEGORIES)
  causeCategory?: CauseCategory | null;

  @ApiPropertyOptional({ enum: ANALYSIS_METHODS, description: 'How the cause was found' })
  @IsOptional()
  @OneOf(ANALYSIS_METHODS)
  analysisMethod?: AnalysisMethod | null;

  @Text(50000) analysisNotes?: string | null;
  @Text(20000, 'How to restore service until the fix') workaround?: string | null;
}

export class CreateProblemRequest extends RootCauseFields {
  @ApiProperty({ example: 'Recurring timeouts on the checkout database', maxLength: 160 })
  @IsString()
  @HasText()
  @MaxLength(160)
  shortDescription!: string;

  @Text(20000) description?: string;
  @Name(64) category?: string;
  @Name(128) assignmentGroup?: string;
  @Name(128) assignee?: string;
  @CmdbId('The CI at fault') configurationItemId?: string;
  @CmdbId('The business service it hurts') serviceId?: string;
}

export class UpdateProblemRequest extends RootCauseFields {
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

  @Text(20000) description?: string | null;
  @Name(64) category?: string | null;
  @Name(128) assignmentGroup?: string | null;
  @Name(128) assignee?: string | null;
  @CmdbId('The CI at fault') configurationItemId?: string | null;
  @CmdbId('The business service it hurts') serviceId?: string | null;
}

export class TransitionProblemRequest {
  @ApiProperty({ enum: PROBLEM_STATES })
  @OneOf(PROBLEM_STATES)
  to!: ProblemState;

  @ApiPropertyOptional({
    enum: RESOLUTION_CODES,
    description: 'Resolving, or closing an open problem; risk_accepted and canceled: managers only',
  })
  @IsOptional()
  @OneOf(RESOLUTION_CODES)
  resolutionCode?: ResolutionCode;

  @Text(20000, 'What was done, or why not') resolutionNotes?: string;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

const bool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListProblemsQuery extends PageQuery {
  @StatesFilter(['assess', 'root_cause_analysis']) state?: ProblemState[];
  @CmdbId('The CI at fault') ci?: string;
  @CmdbId('The business service') service?: string;

  @Name(64) category?: string;
  @Name(128) assignmentGroup?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() knownError?: boolean;

  @ApiPropertyOptional({
    description:
      'Words anywhere in the problem (web-search syntax: "quoted phrase", or, -not), or its number',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;
}
