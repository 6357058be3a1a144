import { ApiProperty } from '@nestjs/swagger';
import {
  APPROVAL_STATES,
  DECISIONS,
  type ApprovalState,
  type Decision,
} from './domain/approval-policy';
import type { ApprovalStatusView } from '../requests/approval-status';
import type { ApprovalView } from './approval-view';

const time = { type: String, format: 'date-time' };

export class ApprovalDecisionResponse {
  @ApiProperty() approver!: string;
  @ApiProperty({ enum: DECISIONS }) decision!: Decision;
  @ApiProperty() comment!: string;
  @ApiProperty(time) decidedAt!: Date;
}

/** Where an item's approval stands: who approves, the state, and each decision cast. */
export class ApprovalStatusResponse implements ApprovalStatusView {
  @ApiProperty({ enum: ['manager', 'group'] }) kind!: 'manager' | 'group';
  @ApiProperty({ type: String, nullable: true, description: '`manager`: who approves' })
  approver!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '`group`: whose members approve' })
  group!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Approvals needed' }) quorum!: number;
  @ApiProperty({ enum: APPROVAL_STATES }) state!: ApprovalState;
  @ApiProperty(time) requestedAt!: Date;
  @ApiProperty({ ...time, nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ type: [ApprovalDecisionResponse], description: 'In the order they were cast' })
  decisions!: ApprovalDecisionResponse[];
}

/** A requested item's approval, with what the approver judges and the decisions cast so far. */
export class ApprovalResponse extends ApprovalStatusResponse implements ApprovalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ format: 'uuid' }) requestedItemId!: string;
  @ApiProperty({ example: 'RITM0000001' }) number!: string;
  @ApiProperty() catalogItemName!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The form answers' })
  variables!: Record<string, unknown>;

  @ApiProperty() requestedFor!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}
