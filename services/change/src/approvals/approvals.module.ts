import { Module } from '@nestjs/common';
import { ChangeConfigModule } from '../change-config.module';
import { ChangesModule } from '../changes/changes.module';
import { ApprovalsController } from './approvals.controller';
import { RecordApproval } from './use-cases/record-approval';

/** Votes on changes in Authorize, by the board their approval policy names. */
@Module({
  imports: [ChangesModule, ChangeConfigModule],
  controllers: [ApprovalsController],
  providers: [RecordApproval],
})
export class ApprovalsModule {}
