import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Omittable, PageQuery } from '@itsm/http';
import { MAX_VARIABLES } from '../catalog-items/domain/variables';
import { USER_ID, USER_ID_RULE } from '../people/person.dto';
import {
  CATALOG_TASK_STATES,
  REQUEST_STATES,
  type CatalogTaskState,
  type RequestState,
} from './domain/fulfilment-states';

/** More answers than a form can have are refused at once, not each as a variable the form lacks. */
const AtMostAnswers = () =>
  ValidateBy({
    name: 'atMostAnswers',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'object' || value === null || Object.keys(value).length <= MAX_VARIABLES,
      defaultMessage: () => `variables holds at most ${MAX_VARIABLES} answers, as a form`,
    },
  });

/** One line of the cart. */
export class CartLine {
  @ApiProperty({ format: 'uuid' }) @IsUUID() catalogItemId!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100)
  quantity?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    maxProperties: MAX_VARIABLES,
    description:
      "Answers to the item's form (`GET /api/v1/catalog-items/{id}/form`), by variable name",
  })
  @Omittable()
  @IsObject()
  @AtMostAnswers()
  variables?: Record<string, unknown>;
}

export class SubmitRequestRequest {
  @ApiProperty({ type: [CartLine], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CartLine)
  items!: CartLine[];

  @ApiPropertyOptional({
    pattern: USER_ID.source,
    description:
      'Who it is for, when not the caller (service desk agents, catalog managers): the items must be orderable by them, and they see it as theirs',
  })
  @Omittable()
  @Matches(USER_ID, { message: USER_ID_RULE })
  requestedFor?: string;
}

/** Cancelling changes nothing but states: only the version read. */
export class CancelRequestRequest {
  @ApiPropertyOptional({ description: 'The version read; or If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATES })
  @IsOptional()
  @IsIn(REQUEST_STATES)
  state?: RequestState;
}

export const TASK_TARGETS = ['in_progress', 'done'] as const;

export class TransitionTaskRequest {
  @ApiProperty({ enum: TASK_TARGETS, description: 'A task is cancelled only with its item' })
  @IsIn(TASK_TARGETS)
  to!: (typeof TASK_TARGETS)[number];

  @ApiPropertyOptional({ description: 'The version read; or If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CATALOG_TASK_STATES })
  @IsOptional()
  @IsIn(CATALOG_TASK_STATES)
  state?: CatalogTaskState;
}
