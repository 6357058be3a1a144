import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Decision } from './domain/approval-policy';

/** One approver's decision on an approval: one each, kept as cast. */
@Entity({ name: 'approval_decisions' })
export class ApprovalDecision {
  @PrimaryColumn({ name: 'approval_id', type: 'uuid' })
  approvalId!: string;

  @PrimaryColumn({ type: 'text' })
  approver!: string;

  @Column({ type: 'text' })
  decision!: Decision;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
