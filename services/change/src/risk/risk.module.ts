import { Module } from '@nestjs/common';
import { ChangeConfigModule } from '../change-config.module';
import { RiskAssessor } from './risk-assessor';

/** The risk assessment, for the use cases that (re)assess a change. */
@Module({ imports: [ChangeConfigModule], providers: [RiskAssessor], exports: [RiskAssessor] })
export class RiskModule {}
