import { ApiProperty } from '@nestjs/swagger';
import { INCIDENT_STATES } from '@itsm/contracts';
import type { SlaStage, SlaView } from '@itsm/sla';
import { PRIORITY_NAMES, type Level, type Priority } from '../priority/domain/priority-matrix';
import {
  ON_HOLD_REASONS,
  RESOLUTION_CODES,
  STATE_CODES,
  type IncidentState,
} from './domain/incident-states';
import type { ImpactedService } from './domain/impacted-service';
import { CHANNELS, type Channel } from './incident.entity';
import type { IncidentView } from './incident-view';

const SLA_STAGES: SlaStage[] = ['in_progress', 'paused', 'achieved', 'breached', 'cancelled'];
const INCIDENT_SLA_TARGETS = ['response', 'resolution'];

export class ImpactedServiceResponse implements ImpactedService {
  @ApiProperty({ format: 'uuid', description: 'The business service (a CI of the CMDB)' })
  id!: string;

  @ApiProperty({ example: 'Online shop' })
  name!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 4,
    description: '1 most critical … 4 least',
  })
  criticality!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: "Hops from the incident's CI" })
  depth!: number;
}

/** One SLA clock of the incident, as counted at the moment of the answer. */
export class SlaClockResponse implements SlaView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The SLA definition the clock runs for' })
  definitionId!: string;

  @ApiProperty({ example: 'Priority 2 resolution (1 business day)' })
  name!: string;

  @ApiProperty({ enum: INCIDENT_SLA_TARGETS, description: 'The milestone the clock runs until' })
  target!: string;

  @ApiProperty({ enum: SLA_STAGES })
  stage!: SlaStage;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Working seconds allowed' })
  targetSeconds!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: Date;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while the clock is paused or ended',
  })
  dueAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  breachedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: Date | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Working seconds counted so far' })
  elapsedSeconds!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Above 100 once breached' })
  percentElapsed!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When the stored clock was last computed',
  })
  computedAt!: Date;
}

/** An incident as every incident operation answers it. */
export class IncidentResponse implements IncidentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ pattern: '^INC\\d{7,}$', example: 'INC0000042' })
  number!: string;

  @ApiProperty({ example: 'Checkout page times out' })
  shortDescription!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'software' })
  category!: string | null;

  @ApiProperty({ enum: [...INCIDENT_STATES] })
  state!: IncidentState;

  @ApiProperty({
    type: 'integer',
    enum: [...new Set(Object.values(STATE_CODES))],
    description: "ServiceNow's code of the state",
  })
  stateCode!: number;

  @ApiProperty({ enum: [...INCIDENT_STATES], isArray: true })
  allowedNextStates!: readonly IncidentState[];

  @ApiProperty({ type: String, enum: [...ON_HOLD_REASONS], nullable: true })
  onHoldReason!: string | null;

  @ApiProperty({ type: String, enum: [...RESOLUTION_CODES], nullable: true })
  resolutionCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolutionNotes!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3, description: '1 high … 3 low' })
  impact!: Level;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3, description: '1 high … 3 low' })
  urgency!: Level;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: '1 Critical … 5 Planning' })
  priority!: Priority;

  @ApiProperty({ enum: Object.values(PRIORITY_NAMES) })
  priorityName!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The manager who set the priority by hand; null when the matrix computed it',
  })
  prioritySetBy!: string | null;

  @ApiProperty({ enum: CHANNELS })
  channel!: Channel;

  @ApiProperty({ description: 'The user the incident is raised for' })
  callerId!: string;

  @ApiProperty()
  openedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: Date;

  @ApiProperty({ type: String, nullable: true })
  assignmentGroup!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assignee!: string | null;

  @ApiProperty({ type: [String], example: ['vpn', 'emea'] })
  tags!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  configurationItemId!: string | null;

  @ApiProperty({
    type: [ImpactedServiceResponse],
    description: "Business services the CMDB found impacted through the incident's CI",
  })
  impactedServices!: ImpactedServiceResponse[];

  @ApiProperty()
  major!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  majorDeclaredAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  majorDeclaredBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  majorReason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  problemId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  causedByChangeId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acknowledgedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: Date | null;

  @ApiProperty({ type: 'integer', minimum: 0 })
  reopenCount!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match (or `version`)' })
  version!: number;

  @ApiProperty({ type: [SlaClockResponse] })
  slas!: SlaClockResponse[];
}
