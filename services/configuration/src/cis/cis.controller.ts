import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiProblem,
  ApiVersionedChange,
  ParseIdPipe,
  expectedVersion,
} from '@itsm/http';
import type { FastifyReply } from 'fastify';
import { READERS, WRITERS } from '../access';
import { CiResponse } from './ci.response';
import { CisService } from './cis.service';
import {
  CreateCiRequest,
  DeleteCiQuery,
  ListCisQuery,
  UpdateCiRequest,
  VersionedActionRequest,
} from './ci.dto';

const VERSION_ETAG = {
  description: "The CI's version, for If-Match",
  schema: { type: 'string' },
};

const NEW_CI = { id: '$response.body#/id' };

/** Where a client (and a stateful fuzzer) goes from a new CI. */
const CI_LINKS = {
  GetCi: { operationId: 'getCi', parameters: NEW_CI },
  UpdateCi: {
    operationId: 'updateCi',
    parameters: { ...NEW_CI, 'header.If-Match': '$response.header.ETag' },
  },
  RetireCi: {
    operationId: 'retireCi',
    parameters: { ...NEW_CI, 'header.If-Match': '$response.header.ETag' },
  },
  DeleteCi: { operationId: 'deleteCi', parameters: NEW_CI },
  CiHistory: { operationId: 'listCiHistory', parameters: NEW_CI },
  CiRelationships: { operationId: 'listCiRelationships', parameters: NEW_CI },
  CiImpact: { operationId: 'getCiImpact', parameters: NEW_CI },
  CiDependencies: { operationId: 'getCiDependencies', parameters: NEW_CI },
};

@ApiTags('cis')
@AnswersWithETag()
@Controller('api/v1/cis')
export class CisController {
  constructor(private readonly cis: CisService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listCis',
    summary: 'CIs by class (with subclasses), status, environment, owner group, attributes, text',
  })
  @ApiPage(CiResponse, 'One page of CIs, by name')
  list(@Query() query: ListCisQuery) {
    return this.cis.list(query);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'createCi',
    summary: "Register a CI; its attributes are validated against its class's schema",
  })
  @ApiCreatedResponse({
    description: 'The CI, registered',
    type: CiResponse,
    headers: {
      Location: { description: 'The URL of the new CI', schema: { type: 'string' } },
      ETag: VERSION_ETAG,
    },
    links: CI_LINKS,
  })
  async create(
    @Body() request: CreateCiRequest,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const ci = await this.cis.create(request, caller.id);
    void reply.header('location', `/api/v1/cis/${ci.id}`);
    return ci;
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getCi', summary: 'A CI, with its identifiers and attributes' })
  @ApiOkResponse({ description: 'The CI', type: CiResponse, headers: { ETag: VERSION_ETAG } })
  async get(@Param('id', ParseIdPipe) id: string) {
    return this.cis.get(id);
  }

  /** Configuration managers change anything; agents report the status of their groups' CIs. */
  @Patch(':id')
  @Roles('configuration_manager', 'agent')
  @ApiOperation({
    operationId: 'updateCi',
    summary: "Change a CI's fields; attributes merge, and an attribute set to null is removed",
  })
  @ApiVersionedChange({ answer: 'The CI as changed', conflicts: 'it is retired', type: CiResponse })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: UpdateCiRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.cis.update(id, request, expectedVersion(ifMatch, request.version), caller);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'retireCi',
    summary: 'Retire a CI: out of service, kept with its history and relationships',
  })
  @ApiVersionedChange({
    answer: 'The CI, retired (a retired CI is answered as it is)',
    type: CiResponse,
  })
  async retire(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: VersionedActionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.cis.retire(id, expectedVersion(ifMatch, request.version), caller.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'deleteCi',
    summary: 'Delete a CI registered by mistake; relationships=delete removes its edges too',
  })
  @ApiNoContentResponse({ description: 'The CI is deleted (with its relationships if asked)' })
  @ApiProblem(409, 'The CI has relationships and relationships=refuse')
  async delete(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: DeleteCiQuery,
    @CurrentUser() caller: Principal,
  ) {
    await this.cis.delete(id, query.relationships, caller.id);
  }
}
