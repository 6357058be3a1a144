import { commaSeparated } from '@itsm/http';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PROBLEM_STATES } from '@itsm/contracts';
import type { ProblemState } from './domain/problem-states';

/** A UUID in any case, handed on in lower case, as the API issues and stores them. */
export const lowerCased = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

/** The `state` filter of the problem lists: comma-separated or repeated. */
export const StatesFilter = (example: ProblemState[]) =>
  applyDecorators(
    ApiPropertyOptional({ description: 'States, comma-separated or repeated', example }),
    IsOptional(),
    Transform(commaSeparated),
    IsIn(PROBLEM_STATES, { each: true }),
  );

/** A CMDB record's id (a CI, a business service), in any case. */
export const CmdbId = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uuid', description }),
    IsOptional(),
    Transform(lowerCased),
    IsUUID(),
  );
