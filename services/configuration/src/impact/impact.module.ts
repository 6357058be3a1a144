import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { ImpactController } from './impact.controller';
import { GraphSync } from './graph-sync';
import { ImpactService } from './impact.service';
import { RecordImpactController } from './record-impact.controller';

@Module({
  imports: [ClassesModule],
  controllers: [ImpactController, RecordImpactController],
  providers: [ImpactService, GraphSync],
  exports: [ImpactService],
})
export class ImpactModule {}
