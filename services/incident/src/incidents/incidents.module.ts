import { Module } from '@nestjs/common';
import { INCIDENT_CONFIG, incidentConfigProvider } from '../incident-config';
import { MajorIncidentRuleModule } from '../major/major-incident-rule.module';
import { PriorityModule } from '../priority/priority.module';
import { SlaModule } from '../sla/sla.module';
import { IncidentWriter } from './incident-writer';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { CloseIncidentAutomatically } from './use-cases/close-incident-automatically';
import { CreateIncident } from './use-cases/create-incident';
import { OpenIncident } from './use-cases/open-incident';
import { OpeningSettingsCache } from './use-cases/opening-settings';
import { RecordImpact } from './use-cases/record-impact';
import { TransitionIncident } from './use-cases/transition-incident';
import { UpdateIncident } from './use-cases/update-incident';

/** Incidents: reading them, and one provider per use case that changes them. */
@Module({
  imports: [PriorityModule, SlaModule, MajorIncidentRuleModule],
  controllers: [IncidentsController],
  providers: [
    incidentConfigProvider,
    IncidentsService,
    IncidentWriter,
    CreateIncident,
    OpenIncident,
    OpeningSettingsCache,
    UpdateIncident,
    TransitionIncident,
    RecordImpact,
    CloseIncidentAutomatically,
  ],
  exports: [
    INCIDENT_CONFIG,
    IncidentsService,
    IncidentWriter,
    OpenIncident,
    RecordImpact,
    CloseIncidentAutomatically,
  ],
})
export class IncidentsModule {}
