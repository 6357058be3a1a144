import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { ApprovalPolicyAuthorisation } from '../approvals/approval-policy-authorisation';
import { RiskModule } from '../risk/risk.module';
import { ConflictCheckModule } from '../conflicts/conflict-check.module';
import { ChangeAuthorisation } from './change-authorisation';
import { ChangeWriter } from './change-writer';
import { ChangesController } from './changes.controller';
import { ChangesService } from './changes.service';
import { CreateChange } from './use-cases/create-change';
import { TransitionChange } from './use-cases/transition-change';
import { UpdateChange } from './use-cases/update-change';

/** Changes: reading them, and one provider per use case that changes them. */
@Module({
  imports: [TemplatesModule, RiskModule, ConflictCheckModule],
  controllers: [ChangesController],
  providers: [
    ChangesService,
    ChangeWriter,
    { provide: ChangeAuthorisation, useClass: ApprovalPolicyAuthorisation },
    CreateChange,
    UpdateChange,
    TransitionChange,
  ],
  exports: [ChangesService, ChangeWriter],
})
export class ChangesModule {}
