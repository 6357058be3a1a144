import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { ProblemState, ResolutionCode } from './domain/problem-states';
import type { AnalysisMethod, CauseCategory } from './domain/root-cause';

/**
 * How every change locks a problem row: `FOR NO KEY UPDATE`, so that rows referencing the problem
 * (its idempotency keys, part 2's incident links) can still be written meanwhile.
 */
export const PROBLEM_ROW_LOCK = 'for_no_key_update' as const;

/** A problem: the cause of one or more incidents. Every field change goes to its audit history. */
@Audited({ entityType: 'problem', ignore: ['number', 'detectionKey'] })
@Entity({ name: 'problems' })
export class Problem extends VersionedEntity {
  /** PRB0000001…: from a sequence, so never reused, even after a rolled-back insert. */
  @Column({
    type: 'text',
    update: false,
    default: () => `'PRB' || lpad(nextval('problem_number')::text, 7, '0')`,
  })
  number!: string;

  @Column({ name: 'short_description', type: 'text' })
  shortDescription!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The incident category it is about (proactive detection groups incidents by it). */
  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text' })
  state!: ProblemState;

  @Column({ name: 'configuration_item_id', type: 'uuid', nullable: true })
  configurationItemId!: string | null;

  /** The business service it hurts (a CI of the CMDB). */
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId!: string | null;

  @Column({ name: 'assignment_group', type: 'text', nullable: true })
  assignmentGroup!: string | null;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ type: 'text', nullable: true })
  cause!: string | null;

  @Column({ name: 'cause_category', type: 'text', nullable: true })
  causeCategory!: CauseCategory | null;

  @Column({ name: 'analysis_method', type: 'text', nullable: true })
  analysisMethod!: AnalysisMethod | null;

  @Column({ name: 'analysis_notes', type: 'text', nullable: true })
  analysisNotes!: string | null;

  @Column({ type: 'text', nullable: true })
  workaround!: string | null;

  @Column({ name: 'known_error', type: 'boolean', default: false })
  knownError!: boolean;

  @Column({ name: 'known_error_at', type: 'timestamptz', nullable: true })
  knownErrorAt!: Date | null;

  @Column({ name: 'known_error_by', type: 'text', nullable: true })
  knownErrorBy!: string | null;

  @Column({ name: 'resolution_code', type: 'text', nullable: true })
  resolutionCode!: ResolutionCode | null;

  @Column({ name: 'resolution_notes', type: 'text', nullable: true })
  resolutionNotes!: string | null;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The cluster of recurring incidents proactive detection opened it for, if it did. */
  @Column({ name: 'detection_key', type: 'text', nullable: true, update: false })
  detectionKey!: string | null;
}
