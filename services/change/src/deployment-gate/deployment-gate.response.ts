import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_STATES, DEPLOYMENT_OUTCOMES } from '@itsm/contracts';
import { REPORTING_STATES } from './domain/deployment-report';
import { GATE_REASONS, type GateReasonCode } from './domain/gate-decision';

export class GateChangeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CHG0000310' }) number!: string;
  @ApiProperty({ format: 'date-time' }) plannedStart!: string;
  @ApiProperty({ format: 'date-time' }) plannedEnd!: string;
}

export class GateAllowedResponse {
  @ApiProperty({ enum: [true] }) allowed!: true;
  @ApiProperty({ format: 'date-time', description: 'The time asked about' }) at!: string;
  @ApiProperty({ type: GateChangeResponse, description: 'The change the deployment runs under' })
  change!: GateChangeResponse;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The CIs, resolved to their ids' })
  ciIds!: string[];
}

export class GateReasonResponse {
  @ApiProperty({ enum: GATE_REASONS }) code!: GateReasonCode;
  @ApiProperty({ example: 'CHG0000310 is in scheduled, not implement' }) message!: string;
  @ApiPropertyOptional({ description: 'The CI as asked for' }) ci?: string;
  @ApiPropertyOptional({ description: 'The number of the change that falls short' })
  change?: string;
}

/** The 409's body: problem details with every reason (README.md, "Deployment gate"). */
export const GATE_REFUSAL_SCHEMA = {
  allOf: [
    { $ref: '#/components/schemas/Problem' },
    {
      type: 'object',
      required: ['allowed', 'at', 'reasons'],
      properties: {
        allowed: { type: 'boolean', enum: [false] },
        at: { type: 'string', format: 'date-time' },
        reasons: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: [...GATE_REASONS] },
              message: { type: 'string' },
              ci: { type: 'string' },
              change: { type: 'string' },
            },
          },
        },
      },
    },
  ],
};

export class DeploymentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty({ example: 'CHG0000310' }) changeNumber!: string;
  @ApiProperty({ enum: DEPLOYMENT_OUTCOMES }) outcome!: (typeof DEPLOYMENT_OUTCOMES)[number];
  @ApiProperty({ type: String, nullable: true }) pipeline!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, nullable: true }) version!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) ciIds!: string[];
  @ApiProperty() reportedBy!: string;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
}

/** The 409 of a report outside Implement and Review (`change-not-implementing`). */
export const NOT_IMPLEMENTING_SCHEMA = {
  allOf: [
    { $ref: '#/components/schemas/Problem' },
    {
      type: 'object',
      required: ['currentState', 'allowedStates'],
      properties: {
        currentState: { type: 'string', enum: [...CHANGE_STATES] },
        allowedStates: { type: 'array', items: { type: 'string', enum: [...REPORTING_STATES] } },
      },
    },
  ],
};
