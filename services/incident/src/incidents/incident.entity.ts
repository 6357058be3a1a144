import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { Level, Priority } from '../priority/domain/priority-matrix';
import type { ImpactedService } from './domain/impacted-service';
import type { IncidentState } from './domain/incident-states';

export const CHANNELS = ['self_service', 'service_desk', 'integration', 'monitoring'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * How every change locks an incident row. Not `FOR UPDATE`: that would also block the foreign-key
 * checks of rows referencing the incident (notes, timeline, SLA clocks, a child naming it as
 * parent), and two re-parentings at once would deadlock on each other's parent.
 */
export const INCIDENT_ROW_LOCK = 'for_no_key_update' as const;

/** An incident. Every field change is written to the audit trail (its history). */
@Audited({ entityType: 'incident', ignore: ['number'] })
@Entity({ name: 'incidents' })
export class Incident extends VersionedEntity {
  /** INC0000001…: from a sequence, so never reused, even after a rolled-back insert. */
  @Column({
    type: 'text',
    update: false,
    default: () => `'INC' || lpad(nextval('incident_number')::text, 7, '0')`,
  })
  number!: string;

  @Column({ name: 'short_description', type: 'text' })
  shortDescription!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text' })
  state!: IncidentState;

  @Column({ name: 'on_hold_reason', type: 'text', nullable: true })
  onHoldReason!: string | null;

  @Column({ name: 'resolution_code', type: 'text', nullable: true })
  resolutionCode!: string | null;

  @Column({ name: 'resolution_notes', type: 'text', nullable: true })
  resolutionNotes!: string | null;

  @Column({ type: 'smallint' })
  impact!: Level;

  @Column({ type: 'smallint' })
  urgency!: Level;

  @Column({ type: 'smallint' })
  priority!: Priority;

  /** Who set the priority by hand (a manager), or null when the matrix computed it. */
  @Column({ name: 'priority_set_by', type: 'text', nullable: true })
  prioritySetBy!: string | null;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ name: 'caller_id', type: 'text' })
  callerId!: string;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'assignment_group', type: 'text', nullable: true })
  assignmentGroup!: string | null;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'configuration_item_id', type: 'uuid', nullable: true })
  configurationItemId!: string | null;

  /** Free labels, lower case, each once, in the order given. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ name: 'impacted_services', type: 'jsonb', default: () => "'[]'" })
  impactedServices!: ImpactedService[];

  @Column({ type: 'boolean', default: false })
  major!: boolean;

  @Column({ name: 'major_declared_at', type: 'timestamptz', nullable: true })
  majorDeclaredAt!: Date | null;

  @Column({ name: 'major_declared_by', type: 'text', nullable: true })
  majorDeclaredBy!: string | null;

  @Column({ name: 'major_reason', type: 'text', nullable: true })
  majorReason!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ name: 'problem_id', type: 'uuid', nullable: true })
  problemId!: string | null;

  @Column({ name: 'caused_by_change_id', type: 'uuid', nullable: true })
  causedByChangeId!: string | null;

  /** The first assignment to a person or move to In Progress: the end of the response SLA. */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount!: number;
}
