import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';
import { PutPerson } from './use-cases/put-person';

/** The people directory the catalog's approvals and orders on behalf read. */
@Module({ controllers: [PeopleController], providers: [PutPerson] })
export class PeopleModule {}
