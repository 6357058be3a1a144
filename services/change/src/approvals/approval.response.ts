import { ApiProperty } from '@nestjs/swagger';
import { BOARDS, DECISIONS, type Board, type Decision } from './domain/approval-policy';
import { RISKS, type Risk } from '../changes/change.entity';
import type { ApprovalView } from './approval-view';

class VoteResponse {
  @ApiProperty() approver!: string;
  @ApiProperty({ enum: BOARDS }) board!: Board;
  @ApiProperty({ enum: DECISIONS }) decision!: Decision;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt!: Date;
}

/** The approval of a change: the board its policy names, the quorum and the votes of this round. */
export class ApprovalResponse implements ApprovalView {
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty({ pattern: '^CHG\\d{7,}$' }) number!: string;

  @ApiProperty({
    type: String,
    enum: ['requested', ...DECISIONS],
    nullable: true,
    description: 'Null before the change first reaches Authorize',
  })
  approval!: 'requested' | Decision | null;

  @ApiProperty({ type: 'integer', description: 'Entries into Authorize: votes count per round' })
  round!: number;

  @ApiProperty({ type: String, enum: [...RISKS], nullable: true })
  risk!: Risk | null;

  @ApiProperty({ type: String, enum: BOARDS, nullable: true, description: 'Who decides' })
  board!: Board | null;

  @ApiProperty({ type: 'integer', nullable: true })
  approvalsNeeded!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who may vote, in words' })
  eligible!: string | null;

  @ApiProperty({ type: [VoteResponse], description: 'The votes of this round, oldest first' })
  votes!: VoteResponse[];
}
