import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module';
import { IncidentProjection } from './incident-projection';
import { RecordChangeImpact } from './record-change-impact';
import { RiskInputsController } from './risk-inputs.controller';
import { RiskModule } from './risk.module';

/** The consumers of what risk reads from the CMDB and the incident service. */
@Module({
  imports: [ChangesModule, RiskModule],
  controllers: [RiskInputsController],
  providers: [RecordChangeImpact, IncidentProjection],
})
export class RiskInputsModule {}
