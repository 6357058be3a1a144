import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module';
import { ProvisioningAnswersController } from './provisioning-answers.controller';
import { RecordProvisioningAnswer } from './record-provisioning-answer';

/** Flow 7: the CMDB's and the change service's answers, recorded on their requested items. */
@Module({
  imports: [RequestsModule],
  controllers: [ProvisioningAnswersController],
  providers: [RecordProvisioningAnswer],
})
export class ProvisioningModule {}
