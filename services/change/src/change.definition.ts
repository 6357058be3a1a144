import { defineService } from '@itsm/runtime';
import { ApprovalsModule } from './approvals/approvals.module';
import { ChangeApproval } from './approvals/change-approval.entity';
import { Change } from './changes/change.entity';
import { CausedIncidentsModule } from './caused-incidents/caused-incidents.module';
import { BlackoutWindow } from './blackouts/blackout-window.entity';
import { BlackoutsModule } from './blackouts/blackouts.module';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { CalendarModule } from './calendar/calendar.module';
import { ChangesModule } from './changes/changes.module';
import { ChangeFootprint } from './conflicts/change-footprint.entity';
import { ConflictsModule } from './conflicts/conflicts.module';
import { DeploymentGateModule } from './deployment-gate/deployment-gate.module';
import { HistoryModule } from './history/history.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { CreateChanges1766000000000 } from './migrations/1766000000000-create-changes';
import { RiskAndApprovals1766100000000 } from './migrations/1766100000000-risk-and-approvals';
import { ConflictsAndCalendar1766250000000 } from './migrations/1766250000000-conflicts-and-calendar';
import { DeploymentGate1766300000000 } from './migrations/1766300000000-deployment-gate';
import { FeedExpiryAndDeploymentKeys1766400000000 } from './migrations/1766400000000-feed-expiry-and-deployment-keys';
import { FootprintRelatedIndex1766500000000 } from './migrations/1766500000000-footprint-related-index';
import { CalendarFeedPages1766600000000 } from './migrations/1766600000000-calendar-feed-pages';
import { FootprintRequests1766700000000 } from './migrations/1766700000000-footprint-requests';
import { CausedIncidentPages1766800000000 } from './migrations/1766800000000-caused-incident-pages';
import { FigureWindows1766900000000 } from './migrations/1766900000000-figure-windows';
import { ProvisionedChanges1767000000000 } from './migrations/1767000000000-provisioned-changes';
import { RiskInputsModule } from './risk/risk-inputs.module';
import { ChangeTemplateVersion } from './templates/change-template-version.entity';
import { ChangeTemplate } from './templates/change-template.entity';
import { TemplatesModule } from './templates/templates.module';

export const definition = defineService({
  practice: 'change',
  title: 'Change enablement',
  description:
    'Makes changes without breaking things: standard, normal and emergency changes, their state models, the catalogue of standard-change templates, explained risk and approvals.',
  version: '0.2.0',
  modules: [
    ChangesModule,
    TemplatesModule,
    HistoryModule,
    ApprovalsModule,
    RiskInputsModule,
    ConflictsModule,
    BlackoutsModule,
    CalendarModule,
    ProvisioningModule,
    DeploymentGateModule,
    CausedIncidentsModule,
    MetricsModule,
  ],
  entities: [
    Change,
    ChangeTemplate,
    ChangeTemplateVersion,
    ChangeApproval,
    ChangeFootprint,
    BlackoutWindow,
    CalendarFeed,
  ],
  migrations: [
    CreateChanges1766000000000,
    RiskAndApprovals1766100000000,
    ConflictsAndCalendar1766250000000,
    DeploymentGate1766300000000,
    FeedExpiryAndDeploymentKeys1766400000000,
    FootprintRelatedIndex1766500000000,
    CalendarFeedPages1766600000000,
    FootprintRequests1766700000000,
    CausedIncidentPages1766800000000,
    FigureWindows1766900000000,
    ProvisionedChanges1767000000000,
  ],
});
