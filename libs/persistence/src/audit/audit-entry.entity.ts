import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOperation = 'create' | 'update' | 'delete';

/** One field of one record changed by someone at some time. Rows are never updated or deleted. */
@Entity({ name: 'audit_trail' })
@Index('audit_trail_record', ['entityType', 'entityId', 'changedAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'text' })
  operation!: AuditOperation;

  @Column({ type: 'text' })
  field!: string;

  @Column({ name: 'old_value', type: 'jsonb', nullable: true })
  oldValue!: unknown;

  @Column({ name: 'new_value', type: 'jsonb', nullable: true })
  newValue!: unknown;

  @Column({ type: 'text' })
  actor!: string;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
