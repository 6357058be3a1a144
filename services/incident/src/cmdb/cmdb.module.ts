import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { CiProjection } from './ci-projection';
import { ConfigurationEventsController } from './configuration-events.controller';

@Module({
  imports: [IncidentsModule],
  controllers: [ConfigurationEventsController],
  providers: [CiProjection],
  exports: [CiProjection],
})
export class CmdbModule {}
