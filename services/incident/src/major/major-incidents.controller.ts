import { Body, Controller, Get, Headers, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiVersionedChange,
  OneOf,
  PROBLEM_CONTENT,
  ParseIdPipe,
  expectedVersion,
  HasText,
} from '@itsm/http';
import { ANYONE, MANAGERS, WORKERS } from '../access';
import { IncidentResponse } from '../incidents/incident.response';
import {
  AUDIENCES,
  CommunicationListResponse,
  CommunicationResponse,
} from './major-incident.response';
import { MajorIncidentsService, type Audience } from './major-incidents.service';

class DeclareMajorRequest {
  @ApiProperty({ example: 'Checkout down for all customers' })
  @IsString()
  @HasText()
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The version read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

class LogCommunicationRequest {
  @ApiProperty({ enum: [...AUDIENCES] })
  @OneOf(AUDIENCES)
  audience!: Audience;

  @ApiProperty({ example: 'A fix is being deployed; next update at 10:30' })
  @IsString()
  @HasText()
  @MaxLength(5000)
  message!: string;
}

@ApiTags('major incidents')
@AnswersWithETag()
@Controller('api/v1/incidents/:id')
export class MajorIncidentsController {
  constructor(private readonly major: MajorIncidentsService) {}

  @Post('major')
  @ApiVersionedChange({
    answer: 'The incident, now major',
    status: HttpStatus.CREATED,
    conflicts: 'it is major already or not open',
    type: IncidentResponse,
  })
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'declareMajorIncident',
    summary: 'Declare the incident a major incident (announced on the bus)',
  })
  async declare(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: DeclareMajorRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.major.declare(
      id,
      request.reason,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }

  @Post('communications')
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'logMajorIncidentCommunication',
    summary: "Log a message in a major incident's communication log",
  })
  @ApiCreatedResponse({ type: CommunicationResponse, description: 'The message as logged' })
  @ApiConflictResponse({
    description: 'The incident is not a major incident',
    content: PROBLEM_CONTENT,
  })
  log(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: LogCommunicationRequest,
    @CurrentUser() caller: Principal,
  ) {
    return this.major.log(id, request, caller);
  }

  @Get('communications')
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listMajorIncidentCommunications',
    summary: "A major incident's communication log, oldest first",
  })
  @ApiOkResponse({ type: CommunicationListResponse })
  communications(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.major.communications(id, caller);
  }
}
