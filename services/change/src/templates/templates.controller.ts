import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiProblem,
  ApiVersionedChange,
  ETAG_HEADER,
  expectedVersion,
  ParseIdPipe,
} from '@itsm/http';
import { MANAGERS, READERS } from '../access';
import {
  CreateTemplateRequest,
  EditTemplateRequest,
  ListTemplatesQuery,
  TemplateLifecycleRequest,
} from './template.dto';
import { TemplateResponse } from './template.response';
import { TemplatesService } from './templates.service';
import { CreateTemplate } from './use-cases/create-template';
import { EditTemplate } from './use-cases/edit-template';
import { PublishTemplate } from './use-cases/publish-template';
import { RetireTemplate } from './use-cases/retire-template';

@ApiTags('change templates')
@AnswersWithETag()
@Controller('api/v1/change-templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly createTemplate: CreateTemplate,
    private readonly editTemplate: EditTemplate,
    private readonly publishTemplate: PublishTemplate,
    private readonly retireTemplate: RetireTemplate,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'createChangeTemplate',
    summary: 'Add a standard-change template: version 1, a draft until published',
  })
  @ApiResponse({ status: 201, type: TemplateResponse, headers: ETAG_HEADER })
  @ApiProblem(409, 'Another template has this name')
  create(@Body() request: CreateTemplateRequest, @CurrentUser() caller: Principal) {
    return this.createTemplate.execute(request, caller);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listChangeTemplates',
    summary: 'Templates by name, with their versions',
  })
  @ApiPage(TemplateResponse, 'One page of templates, by name')
  list(@Query() query: ListTemplatesQuery) {
    return this.templates.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getChangeTemplate', summary: 'A template with all its versions' })
  @ApiOkResponse({ type: TemplateResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.templates.get(id);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The template, its draft edited (a new draft version when none was open)',
    conflicts: 'another template has the name',
    type: TemplateResponse,
  })
  @ApiOperation({
    operationId: 'editChangeTemplate',
    summary: 'Rename it or edit its draft; a published version never changes',
  })
  edit(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: EditTemplateRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.editTemplate.execute(
      id,
      request,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The template with its draft published',
    conflicts: 'it has no draft',
    type: TemplateResponse,
  })
  @ApiOperation({
    operationId: 'publishChangeTemplate',
    summary: 'Publish the draft; the version published before retires',
  })
  publish(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: TemplateLifecycleRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.publishTemplate.execute(id, expectedVersion(ifMatch, request.version), caller);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The template with no published version',
    conflicts: 'no version is published',
    type: TemplateResponse,
  })
  @ApiOperation({
    operationId: 'retireChangeTemplate',
    summary: 'Retire the published version: no new standard change is made from the template',
  })
  retire(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: TemplateLifecycleRequest,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.retireTemplate.execute(id, expectedVersion(ifMatch, request.version));
  }
}
