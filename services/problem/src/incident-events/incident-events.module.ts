import { Module } from '@nestjs/common';
import { DetectionModule } from '../detection/detection.module';
import { LinkedIncidentsModule } from '../linked-incidents/linked-incidents.module';
import { IncidentEventsController } from './incident-events.controller';

/** The consumer of the incident events. */
@Module({
  imports: [LinkedIncidentsModule, DetectionModule],
  controllers: [IncidentEventsController],
})
export class IncidentEventsModule {}
