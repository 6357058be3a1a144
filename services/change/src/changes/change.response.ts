import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_STATES, CHANGE_TYPES } from '@itsm/contracts';
import { CLOSE_CODES, type CloseCode } from './domain/change-transition';
import { STATE_CODES, type ChangeState, type ChangeType } from './domain/change-states';
import { RISKS, type Risk } from './change.entity';
import type { ChangeView } from './change-view';
import { DECISIONS, type ApprovalOutcome } from '../approvals/domain/approval-policy';
import { RISK_FACTORS, type RiskFactor, type RiskFactorName } from '../risk/domain/change-risk';

class RiskFactorResponse implements RiskFactor {
  @ApiProperty({ enum: RISK_FACTORS }) factor!: RiskFactorName;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
    description: 'What was found: the type, a count, a rate, whether outside business hours',
  })
  value!: string | number | boolean;

  @ApiProperty({ type: 'integer', description: 'What it added to the score' })
  weight!: number;

  @ApiProperty() explanation!: string;
}

class ImpactedServiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) criticality!: number;
}

class ChangeImpactResponse {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The CIs the CMDB answered for' })
  ciIds!: string[];

  @ApiProperty({ type: [ImpactedServiceResponse] })
  impactedServices!: ImpactedServiceResponse[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  impactedCiCount!: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Those of ciIds the CMDB does not know (never registered, or deleted): while any is named, the change may not move into Assess, Authorize or Scheduled (409 `unknown-cis`)',
  })
  unknownCiIds!: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  calculatedAt!: string;
}

const nullableText = { type: String, nullable: true };
const nullableTime = { type: String, format: 'date-time', nullable: true };

/** A change as every change operation answers it. */
export class ChangeResponse implements ChangeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ pattern: '^CHG\\d{7,}$', example: 'CHG0000042' })
  number!: string;

  @ApiProperty({ enum: [...CHANGE_TYPES] })
  type!: ChangeType;

  @ApiProperty({ enum: [...CHANGE_STATES] })
  state!: ChangeState;

  @ApiProperty({
    type: 'integer',
    enum: Object.values(STATE_CODES),
    description: "ServiceNow's code of the state",
  })
  stateCode!: number;

  @ApiProperty({ enum: [...CHANGE_STATES], isArray: true })
  allowedNextStates!: ChangeState[];

  @ApiProperty({ example: 'Upgrade PostgreSQL on db-checkout-01 to 17.2' })
  shortDescription!: string;

  @ApiProperty(nullableText)
  description!: string | null;

  @ApiProperty(nullableText)
  justification!: string | null;

  @ApiProperty(nullableText)
  implementationPlan!: string | null;

  @ApiProperty(nullableText)
  backoutPlan!: string | null;

  @ApiProperty(nullableText)
  testPlan!: string | null;

  @ApiProperty(nullableTime)
  plannedStart!: Date | null;

  @ApiProperty({ ...nullableTime, description: 'After plannedStart' })
  plannedEnd!: Date | null;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'CIs of the CMDB the change touches',
  })
  affectedCiIds!: string[];

  @ApiProperty({
    type: ChangeImpactResponse,
    nullable: true,
    description:
      'The CMDB’s answer for the current affectedCiIds (flow 5, by event); null until it has answered',
  })
  impact!: ChangeImpactResponse | null;

  @ApiProperty({
    type: String,
    enum: [...RISKS],
    nullable: true,
    description: 'Null until the change is assessed',
  })
  risk!: Risk | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The sum of the factors’ weights' })
  riskScore!: number | null;

  @ApiProperty({
    type: [RiskFactorResponse],
    nullable: true,
    description: 'Every factor of the last assessment with its value and weight',
  })
  riskFactors!: RiskFactorResponse[] | null;

  @ApiProperty(nullableTime)
  riskAssessedAt!: Date | null;

  @ApiProperty({
    type: String,
    enum: ['requested', ...DECISIONS],
    nullable: true,
    description: 'Where the approval stands (GET /changes/{id}/approvals); null before Authorize',
  })
  approval!: ApprovalOutcome | null;

  @ApiProperty(nullableText)
  assignmentGroup!: string | null;

  @ApiProperty(nullableText)
  assignee!: string | null;

  @ApiProperty({ description: 'The user the change is made for' })
  requestedBy!: string;

  @ApiProperty()
  openedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: Date;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The template of a standard change',
  })
  templateId!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    description: 'The template version it was made from',
  })
  templateVersion!: number | null;

  @ApiProperty({ ...nullableTime, description: 'When implementation started' })
  actualStart!: Date | null;

  @ApiProperty({ ...nullableTime, description: 'When it went to review' })
  actualEnd!: Date | null;

  @ApiProperty({ type: String, enum: [...CLOSE_CODES], nullable: true })
  closeCode!: CloseCode | null;

  @ApiProperty(nullableText)
  closeNotes!: string | null;

  @ApiProperty(nullableText)
  cancelReason!: string | null;

  @ApiProperty(nullableTime)
  closedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match (or `version`)' })
  version!: number;
}
