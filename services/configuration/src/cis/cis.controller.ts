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
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, hasAnyRole, isMemberOf, Roles, type Principal } from '@itsm/auth';
import { etagOf, expectedVersion, problem, ParseIdPipe } from '@itsm/http';
import type { FastifyReply } from 'fastify';
import { READERS, WRITERS } from '../access';
import { MANUAL_SOURCE, MONITORING_SOURCE } from '../imports/data-source.entity';
import { CisService } from './cis.service';
import {
  CreateCiRequest,
  DeleteCiQuery,
  ListCisQuery,
  UpdateCiRequest,
  VersionedActionRequest,
} from './ci.dto';

@ApiTags('cis')
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
    void reply.header('etag', etagOf(ci.version)).header('location', `/api/v1/cis/${ci.id}`);
    return ci;
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const ci = await this.cis.get(id);
    void reply.header('etag', etagOf(ci.version));
    return ci;
  }

  /**
   * Configuration managers change anything; an agent of the CI's owner group (or a monitoring
   * integration acting as one) may change its operational status only.
   */
  @Patch(':id')
  @Roles('configuration_manager', 'agent')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag read (or version in the body)',
  })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: UpdateCiRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!hasAnyRole(caller, WRITERS)) {
      const current = await this.cis.get(id);
      const others = Object.entries(request)
        .filter(
          ([key, value]) => value !== undefined && !['operationalStatus', 'version'].includes(key),
        )
        .map(([key]) => key);
      if (!isMemberOf(caller, current.ownerGroup) || others.length > 0) {
        throw problem(
          403,
          'forbidden',
          'Your roles do not allow this',
          others.length
            ? `An agent may change only the operational status; not: ${others.join(', ')}`
            : `Only agents of ${current.ownerGroup ?? 'the owner group'} may change this CI's status`,
          { requiredRoles: WRITERS },
        );
      }
    }
    const ci = await this.cis.update(
      id,
      request,
      expectedVersion(ifMatch, request.version),
      caller.id,
      hasAnyRole(caller, WRITERS) ? MANUAL_SOURCE : MONITORING_SOURCE,
    );
    void reply.header('etag', etagOf(ci.version));
    return ci;
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Retire a CI: out of service, kept with its history and relationships' })
  async retire(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: VersionedActionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const ci = await this.cis.retire(id, expectedVersion(ifMatch, request.version), caller.id);
    void reply.header('etag', etagOf(ci.version));
    return ci;
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
