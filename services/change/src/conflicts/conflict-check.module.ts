import { Module } from '@nestjs/common';
import { SchedulingCheck } from '../changes/scheduling-check';
import { conflictConfigProvider } from './conflict-config';
import { ConflictFinder } from './conflict-finder';
import { ConflictSchedulingCheck } from './conflict-scheduling-check';

/** The conflict check, for the move into Scheduled and for `GET /changes/{id}/conflicts`. */
@Module({
  providers: [
    conflictConfigProvider,
    ConflictFinder,
    { provide: SchedulingCheck, useClass: ConflictSchedulingCheck },
  ],
  exports: [ConflictFinder, SchedulingCheck],
})
export class ConflictCheckModule {}
