import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_STATES } from '@itsm/contracts';
import {
  RESOLUTION_CODES,
  STATE_CODES,
  type ProblemState,
  type ResolutionCode,
} from './domain/problem-states';
import {
  ANALYSIS_METHODS,
  CAUSE_CATEGORIES,
  type AnalysisMethod,
  type CauseCategory,
} from './domain/root-cause';
import type { ProblemView } from './problem-view';

/** A problem as every problem operation answers it. */
export class ProblemResponse implements ProblemView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ pattern: '^PRB\\d{7,}$', example: 'PRB0000042' })
  number!: string;

  @ApiProperty({ example: 'Recurring timeouts on the checkout database' })
  shortDescription!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'database' })
  category!: string | null;

  @ApiProperty({ enum: [...PROBLEM_STATES] })
  state!: ProblemState;

  @ApiProperty({
    type: 'integer',
    enum: Object.values(STATE_CODES),
    description: "ServiceNow's code of the state",
  })
  stateCode!: number;

  @ApiProperty({ enum: [...PROBLEM_STATES], isArray: true })
  allowedNextStates!: readonly ProblemState[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The CI at fault' })
  configurationItemId!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The business service it hurts',
  })
  serviceId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assignmentGroup!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assignee!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The root cause found' })
  cause!: string | null;

  @ApiProperty({ type: String, enum: [...CAUSE_CATEGORIES], nullable: true })
  causeCategory!: CauseCategory | null;

  @ApiProperty({ type: String, enum: [...ANALYSIS_METHODS], nullable: true })
  analysisMethod!: AnalysisMethod | null;

  @ApiProperty({ type: String, nullable: true })
  analysisNotes!: string | null;

  @ApiProperty({ type: String, nullable: true })
  workaround!: string | null;

  @ApiProperty({ description: 'Published in the known-error database' })
  knownError!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  knownErrorAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  knownErrorBy!: string | null;

  @ApiProperty({ type: String, enum: [...RESOLUTION_CODES], nullable: true })
  resolutionCode!: ResolutionCode | null;

  @ApiProperty({ type: String, nullable: true })
  resolutionNotes!: string | null;

  @ApiProperty()
  openedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match (or `version`)' })
  version!: number;
}
