import { ApiProperty } from '@nestjs/swagger';
import { INCIDENT_STATES } from '@itsm/contracts';
import type { IncidentState } from './domain/linked-incident';

/** An incident linked to a problem, as the problem service knows it from the incident events. */
export class LinkedIncidentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ pattern: '^INC\\d{7,}$', example: 'INC0001234' })
  number!: string;

  @ApiProperty({ example: 'Checkout page times out' })
  shortDescription!: string;

  @ApiProperty({ enum: [...INCIDENT_STATES] })
  state!: IncidentState;

  @ApiProperty({ type: String, nullable: true })
  category!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  configurationItemId!: string | null;

  @ApiProperty({ type: [String], description: 'The business services it impacts' })
  serviceIds!: string[];

  @ApiProperty({ type: String, nullable: true })
  assignmentGroup!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assignee!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  problemId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: string;
}
