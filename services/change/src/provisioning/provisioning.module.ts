import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { ProvisioningRequestsController } from './provisioning-requests.controller';
import { RaiseStandardChange } from './raise-standard-change';
import { ChangesModule } from '../changes/changes.module';
import { WithdrawStandardChange } from './withdraw-standard-change';

/** Flow 7: standard changes raised for the catalog's requested items. */
@Module({
  imports: [TemplatesModule, ChangesModule],
  controllers: [ProvisioningRequestsController],
  providers: [RaiseStandardChange, WithdrawStandardChange],
})
export class ProvisioningModule {}
