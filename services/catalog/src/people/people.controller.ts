import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, recordNotFound, Roles, type Principal } from '@itsm/auth';
import {
  answerCreated,
  AnswersWithETag,
  ApiOptionalIfMatch,
  ApiProblem,
  ETAG_HEADER,
  optionalExpectedVersion,
} from '@itsm/http';
import { DataSource } from 'typeorm';
import { MANAGERS } from '../access';
import { Person } from './person.entity';
import { PersonParams, PutPersonRequest } from './person.dto';
import { PersonResponse, personView } from './person.response';
import { PutPerson } from './use-cases/put-person';

/**
 * The people directory: each person's manager and groups, written by catalog managers or an
 * identity sync (an integration holding catalog_manager), read when somebody else's request needs
 * them.
 */
@ApiTags('people')
@AnswersWithETag()
@Controller('api/v1/people')
export class PeopleController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly putPerson: PutPerson,
  ) {}

  @Get(':user')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'getPerson', summary: "A person's manager and groups" })
  @ApiOkResponse({ type: PersonResponse, headers: ETAG_HEADER })
  async get(@Param() { user }: PersonParams) {
    const person = await this.dataSource.manager.findOneBy(Person, { id: user });
    if (!person) throw recordNotFound('Person', user);
    return personView(person);
  }

  @Put(':user')
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'putPerson',
    summary: "Set a person's manager and groups (created or replaced)",
  })
  @ApiOptionalIfMatch('the person is replaced')
  @ApiResponse({
    status: 201,
    description: 'The person, new to the directory',
    type: PersonResponse,
    headers: {
      Location: { description: 'The URL of the person', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiResponse({
    status: 200,
    description: 'The person, replaced',
    type: PersonResponse,
    headers: ETAG_HEADER,
  })
  @ApiProblem(404, 'If-Match was sent for a person the directory does not hold')
  @ApiProblem(409, 'The person changed since the If-Match version was read')
  async put(
    @Param() { user }: PersonParams,
    @Body() request: PutPersonRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const expected = optionalExpectedVersion(ifMatch);
    const { view, created } = await this.putPerson.execute(user, request, expected, caller);
    if (created) answerCreated(reply, `/api/v1/people/${user}`, false);
    return view;
  }
}
