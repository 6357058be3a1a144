import { Module } from '@nestjs/common';
import { ProblemFigures } from './problem-figures';

/** The problem figures exposed on /metrics. */
@Module({ providers: [ProblemFigures] })
export class MetricsModule {}
