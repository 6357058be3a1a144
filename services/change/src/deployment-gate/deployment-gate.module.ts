import { Module } from '@nestjs/common';
import { CiIdentifiers } from './ci-identifiers';
import { CmdbNamesController } from './cmdb-names.controller';
import { DeploymentGateController } from './deployment-gate.controller';
import { RecordDeployment } from './use-cases/record-deployment';

/** The deployment gate for CI/CD tools, the outcomes they report, and the CI names it resolves. */
@Module({
  controllers: [DeploymentGateController, CmdbNamesController],
  providers: [CiIdentifiers, RecordDeployment],
})
export class DeploymentGateModule {}
