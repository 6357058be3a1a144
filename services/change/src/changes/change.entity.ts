import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { CloseCode } from './domain/change-transition';
import type { ChangeState, ChangeType } from './domain/change-states';
import type { ApprovalOutcome } from '../approvals/domain/approval-policy';
import type { ImpactedService, RiskFactor } from '../risk/domain/change-risk';
import { RISK_LEVELS, type RiskLevel } from '../risk/domain/change-risk';

export const RISKS = RISK_LEVELS;
export type Risk = RiskLevel;

export interface ChangeImpact {
  ciIds: string[];
  impactedServices: ImpactedService[];
  impactedCiCount: number;
  /** Those of ciIds the CMDB does not know; absent from answers kept before it said so. */
  unknownCiIds?: string[];
  calculatedAt: string;
}

/**
 * How every change locks a change row: not `FOR UPDATE`, which would also block the foreign-key
 * checks of rows referencing it.
 */
export const CHANGE_ROW_LOCK = 'for_no_key_update' as const;

/** A change request. Every field change is written to the audit trail (its history). */
@Audited({
  entityType: 'change',
  ignore: ['number', 'riskFactors', 'riskAssessedAt', 'impact', 'approvalRound'],
})
@Entity({ name: 'changes' })
export class Change extends VersionedEntity {
  /** CHG0000001…: from a sequence, so never reused, even after a rolled-back insert. */
  @Column({
    type: 'text',
    update: false,
    default: () => `'CHG' || lpad(nextval('change_number')::text, 7, '0')`,
  })
  number!: string;

  @Column({ type: 'text', update: false })
  type!: ChangeType;

  @Column({ type: 'text' })
  state!: ChangeState;

  @Column({ name: 'short_description', type: 'text' })
  shortDescription!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  justification!: string | null;

  @Column({ name: 'implementation_plan', type: 'text', nullable: true })
  implementationPlan!: string | null;

  @Column({ name: 'backout_plan', type: 'text', nullable: true })
  backoutPlan!: string | null;

  @Column({ name: 'test_plan', type: 'text', nullable: true })
  testPlan!: string | null;

  @Column({ name: 'planned_start', type: 'timestamptz', nullable: true })
  plannedStart!: Date | null;

  @Column({ name: 'planned_end', type: 'timestamptz', nullable: true })
  plannedEnd!: Date | null;

  @Column({ name: 'affected_ci_ids', type: 'uuid', array: true, default: () => "'{}'" })
  affectedCiIds!: string[];

  /** Computed by the risk assessment; null until the change is first assessed. */
  @Column({ type: 'text', nullable: true })
  risk!: Risk | null;

  /** Every factor of the last assessment, with its value and weight. */
  @Column({ name: 'risk_factors', type: 'jsonb', nullable: true })
  riskFactors!: RiskFactor[] | null;

  @Column({ name: 'risk_score', type: 'integer', nullable: true })
  riskScore!: number | null;

  @Column({ name: 'risk_assessed_at', type: 'timestamptz', nullable: true })
  riskAssessedAt!: Date | null;

  /** The CMDB's last answer for exactly the change's current CIs (flow 5); null while unanswered. */
  @Column({ type: 'jsonb', nullable: true })
  impact!: ChangeImpact | null;

  /** Where the approval stands in Authorize; null before the change first reaches it. */
  @Column({ type: 'text', nullable: true })
  approval!: ApprovalOutcome | null;

  /** Counts the change's entries into Authorize: a change sent back is voted on afresh. */
  @Column({ name: 'approval_round', type: 'integer', default: 0 })
  approvalRound!: number;

  @Column({ name: 'assignment_group', type: 'text', nullable: true })
  assignmentGroup!: string | null;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'opened_by', type: 'text', update: false })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz', update: false })
  openedAt!: Date;

  /** The template and the version a standard change was made from. */
  @Column({ name: 'template_id', type: 'uuid', nullable: true, update: false })
  templateId!: string | null;

  @Column({ name: 'template_version', type: 'integer', nullable: true, update: false })
  templateVersion!: number | null;

  @Column({ name: 'actual_start', type: 'timestamptz', nullable: true })
  actualStart!: Date | null;

  @Column({ name: 'actual_end', type: 'timestamptz', nullable: true })
  actualEnd!: Date | null;

  @Column({ name: 'close_code', type: 'text', nullable: true })
  closeCode!: CloseCode | null;

  @Column({ name: 'close_notes', type: 'text', nullable: true })
  closeNotes!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
