import { Module } from '@nestjs/common';
import { LinkedIncidentsModule } from '../linked-incidents/linked-incidents.module';
import { ProblemsModule } from '../problems/problems.module';
import { DetectRecurringIncidents } from './detect-recurring-incidents';
import { DetectionSettingsController } from './detection-settings.controller';
import { DetectionSettingsStore } from './detection-settings.store';

/** Proactive detection (flow 3) and its settings. */
@Module({
  imports: [ProblemsModule, LinkedIncidentsModule],
  controllers: [DetectionSettingsController],
  providers: [DetectionSettingsStore, DetectRecurringIncidents],
  exports: [DetectRecurringIncidents],
})
export class DetectionModule {}
