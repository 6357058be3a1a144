import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';

/** The people directory the catalog's approvals and orders on behalf read. */
@Module({ controllers: [PeopleController] })
export class PeopleModule {}
