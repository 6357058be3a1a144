import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { SlaModule } from '../sla/sla.module';
import { AutoClose } from './auto-close';
import { SlaRepair } from './sla-repair';
import { SlaTimer } from './sla-timer';

@Module({
  imports: [IncidentsModule, SlaModule],
  providers: [SlaTimer, AutoClose, SlaRepair],
})
export class TimersModule {}
