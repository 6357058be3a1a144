import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { MajorIncidentRuleModule } from './major-incident-rule.module';
import { MajorIncidentsController } from './major-incidents.controller';
import { MajorIncidentsService } from './major-incidents.service';

@Module({
  imports: [IncidentsModule, MajorIncidentRuleModule],
  controllers: [MajorIncidentsController],
  providers: [MajorIncidentsService],
})
export class MajorModule {}
