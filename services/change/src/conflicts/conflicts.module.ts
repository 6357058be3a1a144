import { Module } from '@nestjs/common';
import { ConflictCheckModule } from './conflict-check.module';
import { ConflictsController } from './conflicts.controller';
import { FootprintInputsController } from './footprint-inputs.controller';
import { FootprintRefreshController } from './footprint-refresh.controller';
import { FootprintRequests } from './footprint-requests';
import { RecordFootprint } from './record-footprint';
import { RefreshFootprints } from './refresh-footprints';

/**
 * Conflicts on demand, the CMDB's footprint answers they are checked against, and the requests
 * for fresh ones when the CMDB's relationships change.
 */
@Module({
  imports: [ConflictCheckModule],
  controllers: [ConflictsController, FootprintInputsController, FootprintRefreshController],
  providers: [FootprintRequests, RecordFootprint, RefreshFootprints],
})
export class ConflictsModule {}
