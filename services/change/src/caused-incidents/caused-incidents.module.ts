import { Module } from '@nestjs/common';
import { CausedIncidents } from './caused-incidents';
import { CausedIncidentsController } from './caused-incidents.controller';

/** Flow 6: the incidents linked to a change as "caused by change" candidates. */
@Module({ controllers: [CausedIncidentsController], providers: [CausedIncidents] })
export class CausedIncidentsModule {}
