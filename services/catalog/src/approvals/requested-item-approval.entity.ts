import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { ApprovalState } from './domain/approval-policy';

/**
 * The approval a requested item waits for: who approves (the manager named at submission, or a
 * group's quorum), fixed then, and where it stands.
 */
@Audited({ entityType: 'requested_item_approval' })
@Entity({ name: 'requested_item_approvals' })
export class RequestedItemApproval extends VersionedEntity {
  @Column({ name: 'requested_item_id', type: 'uuid', update: false })
  requestedItemId!: string;

  @Column({ name: 'request_id', type: 'uuid', update: false })
  requestId!: string;

  @Column({ type: 'text', update: false })
  kind!: 'manager' | 'group';

  /** `manager`: the manager of the person it is for, when submitted. */
  @Column({ type: 'text', nullable: true, update: false })
  approver!: string | null;

  /** `group`: the approving group. */
  @Column({ name: 'approval_group', type: 'text', nullable: true, update: false })
  approvalGroup!: string | null;

  @Column({ type: 'integer', update: false })
  quorum!: number;

  @Column({ type: 'text' })
  state!: ApprovalState;

  @Column({ name: 'requested_at', type: 'timestamptz', update: false })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
