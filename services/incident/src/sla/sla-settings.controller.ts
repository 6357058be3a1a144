import { Body, Controller, Get, Headers, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import { AnswersWithETag, ApiVersionedChange, expectedVersion, ParseIdPipe } from '@itsm/http';
import { MANAGERS, WORKERS } from '../access';
import { DefinitionRequest, ScheduleRequest } from './sla-settings.dto';
import { SlaSettingsService } from './sla-settings.service';

@ApiTags('sla')
@AnswersWithETag()
@Controller('api/v1')
export class SlaSettingsController {
  constructor(private readonly settings: SlaSettingsService) {}

  @Get('sla-schedules')
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Schedules SLA clocks count on: 24×7, or business hours in a time zone',
  })
  async schedules() {
    return { items: await this.settings.schedules() };
  }

  @Post('sla-schedules')
  @Roles(...MANAGERS)
  createSchedule(@Body() request: ScheduleRequest) {
    return this.settings.saveSchedule(request);
  }

  @Put('sla-schedules/:id')
  @ApiVersionedChange({ answer: 'The schedule as saved' })
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Replace a schedule; the clocks of open incidents are recomputed' })
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
    summary: 'SLA definitions: which priorities, response or resolution, target, schedule',
  })
  async definitions() {
    return { items: await this.settings.definitions() };
  }

  @Post('sla-definitions')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Add an SLA definition; open incidents it applies to get its clock' })
  createDefinition(@Body() request: DefinitionRequest) {
    return this.settings.saveDefinition(request);
  }

  @Put('sla-definitions/:id')
  @ApiVersionedChange({ answer: 'The definition as saved' })
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Replace a definition; the clocks of open incidents are recomputed' })
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
    summary:
      'Whether the SLA clocks of open incidents are still being recomputed after a definition or schedule changed',
  })
  repairStatus() {
    return this.settings.repairStatus();
  }
}
