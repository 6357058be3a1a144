import { Body, Controller, Get, Headers, Put } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, Min } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { AnswersWithETag, ApiVersionedChange, ETAG_HEADER, expectedVersion } from '@itsm/http';
import { ANYONE, MANAGERS } from '../access';
import { PriorityMatrixResponse } from './priority-matrix.response';
import { PriorityMatrixService } from './priority-matrix.service';

class ReplaceMatrixRequest {
  @ApiProperty({
    description: 'matrix[impact − 1][urgency − 1] = priority 1–4',
    example: [
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 4],
    ],
  })
  @IsArray()
  matrix!: unknown;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

@ApiTags('priority')
@AnswersWithETag()
@Controller('api/v1/priority-matrix')
export class PriorityMatrixController {
  constructor(private readonly matrix: PriorityMatrixService) {}

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'getPriorityMatrix',
    summary: 'The impact × urgency → priority lookup in force',
  })
  @ApiOkResponse({ type: PriorityMatrixResponse, headers: ETAG_HEADER })
  get() {
    return this.matrix.view();
  }

  @Put()
  @ApiVersionedChange({ answer: 'The matrix in force', type: PriorityMatrixResponse })
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'replacePriorityMatrix',
    summary:
      'Replace the lookup; open incidents keep their priority until impact or urgency change',
  })
  async replace(
    @Body() request: ReplaceMatrixRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.matrix.replace(
      request.matrix,
      expectedVersion(ifMatch, request.version),
      caller.id,
    );
  }
}
