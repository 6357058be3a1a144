import { Module } from '@nestjs/common';
import { MajorIncidentRule } from './major-incident.rule';

/** The major-incident rule alone, for every module whose changes can make an incident major. */
@Module({ providers: [MajorIncidentRule], exports: [MajorIncidentRule] })
export class MajorIncidentRuleModule {}
