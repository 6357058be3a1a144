import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, recordNotFound, Roles, type Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { MANAGERS } from '../access';
import { Person } from './person.entity';
import { PersonParams, PutPersonRequest } from './person.dto';
import { PersonResponse, personView } from './person.response';

/**
 * The people directory: each person's manager and groups, written by catalog managers or an
 * identity sync (an integration holding catalog_manager), read when somebody else's request needs
 * them.
 */
@ApiTags('people')
@Controller('api/v1/people')
export class PeopleController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':user')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'getPerson', summary: "A person's manager and groups" })
  @ApiOkResponse({ type: PersonResponse })
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
  @ApiOkResponse({ type: PersonResponse })
  put(
    @Param() { user }: PersonParams,
    @Body() request: PutPersonRequest,
    @CurrentUser() caller: Principal,
  ) {
    if (request.managerId === user) {
      throw validationProblem([
        { field: 'managerId', message: 'a person is not their own manager' },
      ]);
    }
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        // Two first writes of one person at once: the second waits, then updates.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`person:${user}`]);
        const person =
          (await manager.findOneBy(Person, { id: user })) ?? manager.create(Person, { id: user });
        Object.assign(person, {
          managerId: request.managerId,
          groups: [...new Set(request.groups)],
          updatedBy: caller.id,
        });
        return personView(await manager.save(person));
      }),
    );
  }
}
