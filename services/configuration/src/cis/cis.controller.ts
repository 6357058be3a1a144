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
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { AnswersWithETag, ApiVersionedChange, expectedVersion, ParseIdPipe } from '@itsm/http';
import type { FastifyReply } from 'fastify';
import { READERS, WRITERS } from '../access';
import { CisService } from './cis.service';
import {
  CreateCiRequest,
  DeleteCiQuery,
  ListCisQuery,
  UpdateCiRequest,
  VersionedActionRequest,
} from './ci.dto';

@ApiTags('cis')
@AnswersWithETag()
@Controller('api/v1/cis')
export class CisController {
  constructor(private readonly cis: CisService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'CIs by class (with subclasses), status, environment, owner group, attributes, text',
  })
  list(@Query() query: ListCisQuery) {
    return this.cis.list(query);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: "Register a CI; its attributes are validated against its class's schema",
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
  async get(@Param('id', ParseIdPipe) id: string) {
    return this.cis.get(id);
  }

  /** Configuration managers change anything; agents report the status of their groups' CIs. */
  @Patch(':id')
  @Roles('configuration_manager', 'agent')
  @ApiVersionedChange({ answer: 'The CI as changed', conflicts: 'it is retired' })
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
  @ApiOperation({ summary: 'Retire a CI: out of service, kept with its history and relationships' })
  @ApiVersionedChange({ answer: 'The CI, retired', conflicts: 'it is retired already' })
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
    summary: 'Delete a CI registered by mistake; relationships=delete removes its edges too',
  })
  async delete(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: DeleteCiQuery,
    @CurrentUser() caller: Principal,
  ) {
    await this.cis.delete(id, query.relationships, caller.id);
  }
}
