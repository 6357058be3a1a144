import { Body, Controller, Get, Headers, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { AnswersWithETag, ApiVersionedChange, ETAG_HEADER, expectedVersion } from '@itsm/http';
import { DataSource } from 'typeorm';
import { MANAGERS } from '../access';
import { DetectionSettingsStore, type StoredDetectionSettings } from './detection-settings.store';
import { DetectionSettingsRequest, DetectionSettingsResponse } from './detection-settings.dto';

const view = (settings: StoredDetectionSettings): DetectionSettingsResponse => ({
  threshold: settings.threshold,
  windowMinutes: settings.windowMinutes,
  groupingKeys: settings.groupingKeys,
  version: settings.version,
  updatedBy: settings.updatedBy,
  updatedAt: new Date(settings.updatedAt).toISOString(),
});

/** Proactive detection's settings: the practice's to decide, so problem managers only. */
@ApiTags('problem detection')
@AnswersWithETag()
@Controller('api/v1/problem-detection')
export class DetectionSettingsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DetectionSettingsStore,
  ) {}

  @Get()
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'getProblemDetection',
    summary: 'How many incidents, within which window, grouped how, open a problem',
  })
  @ApiOkResponse({ type: DetectionSettingsResponse, headers: ETAG_HEADER })
  async get() {
    return view(await this.store.read(this.dataSource.manager));
  }

  @Put()
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The settings as replaced',
    conflicts: 'they changed since they were read',
    type: DetectionSettingsResponse,
  })
  @ApiOperation({
    operationId: 'replaceProblemDetection',
    summary: 'Replace the detection settings; they apply to the incidents that come next',
  })
  async replace(
    @Body() request: DetectionSettingsRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    const version = expectedVersion(ifMatch, request.version);
    const settings = { ...request, groupingKeys: request.groupingKeys };
    return view(
      await this.dataSource.transaction((manager) =>
        this.store.replace(manager, settings, version, caller.id),
      ),
    );
  }
}
