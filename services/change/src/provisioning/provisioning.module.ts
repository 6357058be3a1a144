import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { ProvisioningRequestsController } from './provisioning-requests.controller';
import { RaiseStandardChange } from './raise-standard-change';

/** Flow 7: standard changes raised for the catalog's requested items. */
@Module({
  imports: [TemplatesModule],
  controllers: [ProvisioningRequestsController],
  providers: [RaiseStandardChange],
})
export class ProvisioningModule {}
