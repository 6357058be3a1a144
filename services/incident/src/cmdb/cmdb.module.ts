import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { NotesModule } from '../notes/notes.module';
import { CiProjection } from './ci-projection';
import { ConfigurationEventsController } from './configuration-events.controller';

@Module({
  imports: [IncidentsModule, NotesModule],
  controllers: [ConfigurationEventsController],
  providers: [CiProjection],
  exports: [CiProjection],
})
export class CmdbModule {}
