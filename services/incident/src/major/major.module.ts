import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { MajorIncidentsController } from './major-incidents.controller';
import { MajorIncidentsService } from './major-incidents.service';

@Module({
  imports: [IncidentsModule],
  controllers: [MajorIncidentsController],
  providers: [MajorIncidentsService],
})
export class MajorModule {}
