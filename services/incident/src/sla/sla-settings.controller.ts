import { Body, Controller, Get, Headers, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiVersionedChange,
  ETAG_HEADER,
  ParseIdPipe,
  expectedVersion,
} from '@itsm/http';
import { MANAGERS, WORKERS } from '../access';
import { DefinitionRequest, ScheduleRequest } from './sla-settings.dto';
import {
  SlaDefinitionListResponse,
  SlaDefinitionResponse,
  SlaRepairStatusResponse,
  SlaScheduleListResponse,
  SlaScheduleResponse,
} from './sla-settings.response';
import { SlaSettingsService } from './sla-settings.service';

const link = (operationId: string) => ({ operationId, parameters: { id: '$response.body#/id' } });

@ApiTags('sla')
@AnswersWithETag()
@Controller('api/v1')
export class SlaSettingsController {
  constructor(private readonly settings: SlaSettingsService) {}

  @Get('sla-schedules')
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'listSlaSchedules',
    summary: 'Schedules SLA clocks count on: 24×7, or business hours in a time zone',
  })
  @ApiOkResponse({ type: SlaScheduleListResponse })
  async schedules() {
    return { items: await this.settings.schedules() };
  }

  @Post('sla-schedules')
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'createSlaSchedule',
    summary: 'Add a schedule; SLA definitions name it to count working time on it',
  })
  @ApiCreatedResponse({
    type: SlaScheduleResponse,
    description: 'The schedule as saved',
    headers: ETAG_HEADER,
    links: { replaceSlaSchedule: link('replaceSlaSchedule') },
  })
  createSchedule(@Body() request: ScheduleRequest) {
    return this.settings.saveSchedule(request);
  }

  @Put('sla-schedules/:id')
  @ApiVersionedChange({ answer: 'The schedule as saved', type: SlaScheduleResponse })
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'replaceSlaSchedule',
    summary: 'Replace a schedule; the clocks of open incidents are recomputed',
  })
  replaceSchedule(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: ScheduleRequest,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.settings.saveSchedule(request, id, expectedVersion(ifMatch, request.version));
  }

  @Get('sla-definitions')
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'listSlaDefinitions',
    summary: 'SLA definitions: which priorities, response or resolution, target, schedule',
  })
  @ApiOkResponse({ type: SlaDefinitionListResponse })
  async definitions() {
    return { items: await this.settings.definitions() };
  }

  @Post('sla-definitions')
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'createSlaDefinition',
    summary: 'Add an SLA definition; open incidents it applies to get its clock',
  })
  @ApiCreatedResponse({
    type: SlaDefinitionResponse,
    description: 'The definition as saved',
    headers: ETAG_HEADER,
    links: { replaceSlaDefinition: link('replaceSlaDefinition') },
  })
  createDefinition(@Body() request: DefinitionRequest) {
    return this.settings.saveDefinition(request);
  }

  @Put('sla-definitions/:id')
  @ApiVersionedChange({ answer: 'The definition as saved', type: SlaDefinitionResponse })
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'replaceSlaDefinition',
    summary: 'Replace a definition; the clocks of open incidents are recomputed',
  })
  replaceDefinition(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: DefinitionRequest,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.settings.saveDefinition(request, id, expectedVersion(ifMatch, request.version));
  }

  @Get('sla-repair')
  @Roles(...WORKERS)
  @ApiOperation({
    operationId: 'getSlaRepairStatus',
    summary:
      'Whether the SLA clocks of open incidents are still being recomputed after a definition or schedule changed',
  })
  @ApiOkResponse({ type: SlaRepairStatusResponse })
  repairStatus() {
    return this.settings.repairStatus();
  }
}
