import { Module } from '@nestjs/common';
import { CisModule } from '../cis/cis.module';
import { ProvisionCi, WithdrawProvisionedCi } from './provision-ci';
import { ProvisioningRequestsController } from './provisioning-requests.controller';

/** Flow 7: CIs created for the catalog's requested items. */
@Module({
  imports: [CisModule],
  controllers: [ProvisioningRequestsController],
  providers: [ProvisionCi, WithdrawProvisionedCi],
})
export class ProvisioningModule {}
