import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Board, Decision } from './domain/approval-policy';

/** One vote on a change in one round of Authorize; a member votes once per round. */
@Entity({ name: 'change_approvals' })
export class ChangeApproval {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'change_id', type: 'uuid' })
  changeId!: string;

  @Column({ type: 'integer' })
  round!: number;

  @Column({ type: 'text' })
  board!: Board;

  @Column({ type: 'text' })
  approver!: string;

  @Column({ type: 'text' })
  decision!: Decision;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
