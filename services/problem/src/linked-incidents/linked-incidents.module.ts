import { Module } from '@nestjs/common';
import { IncidentLinks } from './incident-links';
import { IncidentProjection } from './incident-projection';
import { LinkedIncidentsController } from './linked-incidents.controller';
import { LinkedIncidentsService } from './linked-incidents.service';
import { LinkIncident } from './use-cases/link-incident';
import { UnlinkIncident } from './use-cases/unlink-incident';

/** Incidents linked to problems: the projection of the incident events, and linking through the API. */
@Module({
  controllers: [LinkedIncidentsController],
  providers: [
    IncidentProjection,
    IncidentLinks,
    LinkedIncidentsService,
    LinkIncident,
    UnlinkIncident,
  ],
  exports: [IncidentProjection, IncidentLinks],
})
export class LinkedIncidentsModule {}
