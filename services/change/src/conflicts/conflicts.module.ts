import { Module } from '@nestjs/common';
import { ConflictCheckModule } from './conflict-check.module';
import { ConflictsController } from './conflicts.controller';
import { FootprintInputsController } from './footprint-inputs.controller';
import { RecordFootprint } from './record-footprint';

/** Conflicts on demand, and the CMDB's footprint answers they are checked against. */
@Module({
  imports: [ConflictCheckModule],
  controllers: [ConflictsController, FootprintInputsController],
  providers: [RecordFootprint],
})
export class ConflictsModule {}
