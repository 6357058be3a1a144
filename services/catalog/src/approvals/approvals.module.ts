import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { DecideApproval } from './use-cases/decide-approval';

/** Deciding requested items' approvals; they are opened and withdrawn with their requests. */
@Module({
  imports: [RequestsModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, DecideApproval],
})
export class ApprovalsModule {}
