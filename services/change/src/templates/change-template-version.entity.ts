import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VersionedState } from '@itsm/versioning';

/** The content a standard change copies. A published or retired version never changes again. */
export interface TemplateContent {
  shortDescription: string;
  description: string | null;
  justification: string;
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  /** The group a change made from it goes to unless its author names another. */
  assignmentGroup: string | null;
}

@Entity({ name: 'change_template_versions' })
export class ChangeTemplateVersion implements TemplateContent {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  state!: VersionedState;

  @Column({ name: 'short_description', type: 'text' })
  shortDescription!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  justification!: string;

  @Column({ name: 'implementation_plan', type: 'text' })
  implementationPlan!: string;

  @Column({ name: 'backout_plan', type: 'text' })
  backoutPlan!: string;

  @Column({ name: 'test_plan', type: 'text' })
  testPlan!: string;

  @Column({ name: 'assignment_group', type: 'text', nullable: true })
  assignmentGroup!: string | null;

  @Column({ name: 'edited_by', type: 'text' })
  editedBy!: string;

  @Column({ name: 'edited_at', type: 'timestamptz' })
  editedAt!: Date;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
